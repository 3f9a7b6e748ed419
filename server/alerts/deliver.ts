import "server-only";
import type { Transporter } from "nodemailer";
import { isAlertKind, MAX_ATTEMPTS, nextAttemptAfter } from "@/lib/domain/alerts";
import { transaction } from "../db";
import { renderAlertEmail } from "./email";
import type { AlertDetail } from "./raise";

/** How long a claimed delivery is this instance's to send; after it another may try again. */
const LEASE_MS = 2 * 60_000;
const BATCH = 50;

export interface Mail {
  transport: Pick<Transporter, "sendMail">;
  from: string;
  appUrl: string;
}

export interface DeliveryRun {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the alert emails that are due, a batch at a time. Each delivery is claimed first with a
 * guarded UPDATE (pending, and no other instance's lease running), so two server instances never
 * send the same one; a failure is tried again after 1, 5, 30, 120 and 360 minutes, then it has
 * failed, with the SMTP server's answer kept. An instance that dies between sending and recording
 * leaves its lease to run out, and the email goes once more: at least once, never twice on purpose.
 */
export async function deliverDueEmails(mail: Mail, now = new Date()): Promise<DeliveryRun> {
  const run: DeliveryRun = { sent: 0, retrying: 0, failed: 0 };
  const due = await transaction((tx) =>
    tx.alertDelivery.findMany({
      where: { channel: "email", status: "pending", nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      orderBy: { nextAttemptAt: "asc" },
      take: BATCH,
      select: {
        id: true,
        address: true,
        locale: true,
        attempts: true,
        alert: { select: { kind: true, productId: true, dueAt: true, detail: true } },
      },
    }),
  );
  for (const delivery of due) {
    const claimed = await transaction((tx) =>
      tx.alertDelivery.updateMany({
        where: { id: delivery.id, status: "pending", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
        data: { leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
      }),
    );
    if (claimed.count === 0) continue;
    const attempts = delivery.attempts + 1;
    const { kind, productId, dueAt, detail } = delivery.alert;
    try {
      if (!isAlertKind(kind)) throw new Error(`unknown alert kind ${kind}`);
      const message = await renderAlertEmail(
        { kind, productId, dueAt, detail: JSON.parse(detail) as AlertDetail },
        delivery.locale,
        mail.appUrl,
      );
      await mail.transport.sendMail({
        from: mail.from,
        to: delivery.address,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { "X-License-Center-Alert": kind },
      });
      await transaction((tx) =>
        tx.alertDelivery.update({
          where: { id: delivery.id },
          data: { status: "sent", sentAt: new Date(), leaseUntil: null, lastError: null },
        }),
      );
      run.sent++;
    } catch (error) {
      const retryAt = attempts < MAX_ATTEMPTS ? nextAttemptAfter(attempts, now) : null;
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      await transaction((tx) =>
        tx.alertDelivery.update({
          where: { id: delivery.id },
          data: retryAt ? { nextAttemptAt: retryAt, leaseUntil: null, lastError } : { status: "failed", leaseUntil: null, lastError },
        }),
      );
      if (retryAt) run.retrying++;
      else run.failed++;
    }
  }
  return run;
}
