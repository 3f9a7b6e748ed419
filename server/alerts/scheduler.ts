import "server-only";
import { Cron } from "croner";
import { createTransport } from "nodemailer";
import { env } from "@/lib/env";
import { recordDailySnapshots } from "../data/history";
import { renewDueSubscriptions } from "../data/renewals";
import { deliverDueEmails, type Mail } from "./deliver";
import { raiseDueAlerts } from "./raise";
import { deliverDueWebhooks, type Webhooks } from "./webhooks";

let mail: Mail | null | undefined;
/** The UTC day this process last wrote (or found) the daily snapshots for. */
let snapshotTaken: string | undefined;

/** The configured SMTP server (SMTP_URL, MAIL_FROM), or null when alert emails are off. */
export function configuredMail(): Mail | null {
  if (mail !== undefined) return mail;
  const { SMTP_URL, MAIL_FROM, NEXTAUTH_URL } = env();
  mail = SMTP_URL && MAIL_FROM && NEXTAUTH_URL ? { transport: createTransport(SMTP_URL), from: MAIL_FROM, appUrl: NEXTAUTH_URL } : null;
  return mail;
}

/** Webhooks need only the app's public URL (their messages link to it); without it they wait. */
export function configuredWebhooks(): Webhooks | null {
  const { NEXTAUTH_URL } = env();
  return NEXTAUTH_URL ? { appUrl: NEXTAUTH_URL } : null;
}

/**
 * One pass of the scheduled checks: today's snapshot of every product (written once a day,
 * server/data/history.ts), the automatic renewals due, the alerts due, then the emails and
 * webhooks pending. Every step is safe to run in several server instances at once and to repeat
 * (server/data/renewals.ts, server/alerts/raise.ts, deliver.ts, webhooks.ts).
 */
export async function runAlertChecks(
  now = new Date(),
  mailer: Mail | null = configuredMail(),
  webhooks: Webhooks | null = configuredWebhooks(),
): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  if (day !== snapshotTaken) {
    await recordDailySnapshots(now);
    snapshotTaken = day;
  }
  // Renewed first: a subscription set to renew never lapses, nor alerts as if it had.
  await renewDueSubscriptions(now);
  await raiseDueAlerts(now, { email: mailer !== null });
  if (mailer) await deliverDueEmails(mailer, now);
  if (webhooks) await deliverDueWebhooks(webhooks, now);
}

let job: Cron | undefined;

/**
 * Starts the checks in this server process every ALERTS_INTERVAL_SECONDS, the first one at once
 * (a server that was down catches up). `protect` skips a tick while the previous one still runs.
 */
export function startAlertScheduler(): void {
  if (job) return;
  const seconds = env().ALERTS_INTERVAL_SECONDS;
  job = new Cron("* * * * * *", { interval: seconds, protect: true, name: "alerts" }, async () => {
    try {
      await runAlertChecks();
    } catch (error) {
      console.error("License Center: the alert checks failed; they run again in", seconds, "seconds:", error);
    }
  });
  void job.trigger();
}

export function stopAlertScheduler(): void {
  job?.stop();
  job = undefined;
}
