import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { CLOUD_PROFILES, isLocale } from "@/lib/cloud";
import { env } from "@/lib/env";
import { alertKey, DAYS_AHEAD, dueThreshold, isAlertKind, wantsEmail, type AlertKind, type DatedAlertKind } from "@/lib/domain/alerts";
import { forecastConflicts } from "@/lib/domain/forecast";
import { addDays, EXPIRED_GRACE_DAYS } from "@/lib/domain/lifecycle";
import { isRole } from "@/lib/domain/roles";
import { transaction, type Tx } from "../db";
import { aggregateSummaries } from "../data/totals";
import { queueAlertWebhooks } from "./webhooks";

/** The figures an alert's message needs, kept with it as they were when it was raised. */
export interface AlertDetail {
  productName: string;
  /** The subscription's licenses (subscription alerts). */
  licenses?: number;
  /** Users who need (or will need) a valid license. */
  users: number;
  /** Free licenses, and the threshold they fell below ("few licenses left"). */
  free?: number;
  threshold?: number;
}

interface Candidate {
  kind: AlertKind;
  productId: string;
  subscriptionId: string | null;
  dueAt: Date | null;
  daysAhead: number | null;
  detail: AlertDetail;
  /**
   * An alert about a state, not a date (a conflict created, few licenses left): raised only by
   * whoever marks the product as alerted for it, and again once the state ended and came back.
   */
  marks?: "conflictAlertedAt" | "lowAlertedAt";
}

/** Map.groupBy, which Node.js 20 lacks. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const RAISE_HORIZON_DAYS = Math.max(...Object.values(DAYS_AHEAD).flat());

/**
 * Finds the alerts due now and raises each once (one transaction each): a subscription that won't
 * renew expiring in 30, 7 or 1 days; an Expired one being disabled in 30, 7 or 1 days; a product
 * newly in conflict (by expiry, reduction or restore); a conflict's deadline in 7 or 1 days. An
 * alert's key is unique, so another server instance raising it at the same moment, or a run
 * catching up after downtime, raises nothing twice. Returns how many it raised.
 * A system job: no admin acts, and the alert and its deliveries are its record.
 */
export async function raiseDueAlerts(now = new Date(), options: { email: boolean } = { email: true }): Promise<number> {
  const candidates = await findCandidates(now);
  if (candidates.length === 0) return 0;
  const recipients = options.email ? await readRecipients() : [];
  let raised = 0;
  for (const candidate of candidates) if (await raise(candidate, recipients, now)) raised++;
  return raised;
}

async function findCandidates(now: Date): Promise<Candidate[]> {
  return transaction(async (tx) => {
    const [subscriptions, summaries, products, earlier] = await Promise.all([
      tx.subscription.findMany({
        where: { endsAt: { gt: addDays(now, -EXPIRED_GRACE_DAYS), lte: addDays(now, RAISE_HORIZON_DAYS) } },
        select: { id: true, productId: true, quantity: true, endsAt: true, autoRenew: true },
      }),
      aggregateSummaries(tx, undefined, now),
      tx.product.findMany({
        select: { id: true, displayName: true, conflictAlertedAt: true, lowLicensesBelow: true, lowAlertedAt: true },
      }),
      tx.alert.findMany({
        where: { dueAt: { gt: now } },
        select: { kind: true, productId: true, subscriptionId: true, dueAt: true, daysAhead: true },
      }),
    ]);
    const names = new Map(products.map((p) => [p.id, p.displayName]));
    const raisedDays = new Map<string, number[]>();
    for (const alert of earlier) {
      if (!alert.dueAt || alert.daysAhead === null || !isAlertKind(alert.kind)) continue;
      const about = `${alert.kind}|${alert.subscriptionId ?? alert.productId}|${alert.dueAt.toISOString()}`;
      raisedDays.set(about, [...(raisedDays.get(about) ?? []), alert.daysAhead]);
    }
    const candidates: Candidate[] = [];
    const dated = (kind: DatedAlertKind, productId: string, subscriptionId: string | null, dueAt: Date, detail: AlertDetail) => {
      const raised = raisedDays.get(`${kind}|${subscriptionId ?? productId}|${dueAt.toISOString()}`) ?? [];
      const daysAhead = dueThreshold(dueAt, now, DAYS_AHEAD[kind], raised);
      if (daysAhead !== null) candidates.push({ kind, productId, subscriptionId, dueAt, daysAhead, detail });
    };

    const byProduct = groupBy(subscriptions, (s) => s.productId);
    for (const [productId, subs] of byProduct) {
      const productName = names.get(productId) ?? "";
      const summary = summaries.get(productId);
      const events = summary
        ? forecastConflicts({ subscriptions: subs, valid: summary.valid, assigned: summary.assigned }, now, RAISE_HORIZON_DAYS)
        : [];
      for (const sub of subs) {
        if (sub.endsAt > now) {
          // Subscriptions set to renew automatically don't expire (lib/domain/forecast.ts).
          if (sub.autoRenew) continue;
          const users = events.find((e) => e.subscriptionId === sub.id)?.usersNeedingLicense ?? 0;
          dated("subscription.expiring", productId, sub.id, sub.endsAt, { productName, licenses: sub.quantity, users });
        } else {
          const users = summary?.parts.find((p) => p.cause === "expired")?.users ?? 0;
          dated("subscription.disabling", productId, sub.id, addDays(sub.endsAt, EXPIRED_GRACE_DAYS), {
            productName,
            licenses: sub.quantity,
            users,
          });
        }
      }
    }

    for (const product of products) {
      const summary = summaries.get(product.id);
      const users = summary?.conflicts ?? 0;
      if (users > 0 && !product.conflictAlertedAt) {
        candidates.push({
          kind: "conflict.created",
          productId: product.id,
          subscriptionId: null,
          dueAt: null,
          daysAhead: null,
          detail: { productName: product.displayName, users },
          marks: "conflictAlertedAt",
        });
      }
      const free = summary?.available ?? 0;
      if (product.lowLicensesBelow !== null && free < product.lowLicensesBelow && !product.lowAlertedAt) {
        candidates.push({
          kind: "licenses.low",
          productId: product.id,
          subscriptionId: null,
          dueAt: null,
          daysAhead: null,
          detail: { productName: product.displayName, users: summary?.conflicts ?? 0, free, threshold: product.lowLicensesBelow },
          marks: "lowAlertedAt",
        });
      }
      if (users > 0 && summary?.deadline)
        dated("conflict.deadline", product.id, null, summary.deadline, { productName: product.displayName, users });
    }
    // A product out of conflict is ready to alert again when the next one begins.
    const resolved = products.filter((p) => p.conflictAlertedAt && (summaries.get(p.id)?.conflicts ?? 0) === 0).map((p) => p.id);
    if (resolved.length > 0) await tx.product.updateMany({ where: { id: { in: resolved } }, data: { conflictAlertedAt: null } });
    // Free licenses back at the threshold (or the threshold removed): the next fall alerts again.
    const replenished = products
      .filter((p) => p.lowAlertedAt && (p.lowLicensesBelow === null || (summaries.get(p.id)?.available ?? 0) >= p.lowLicensesBelow))
      .map((p) => p.id);
    if (replenished.length > 0) await tx.product.updateMany({ where: { id: { in: replenished } }, data: { lowAlertedAt: null } });
    return candidates;
  });
}

interface Recipient {
  id: string;
  address: string;
  locale: string;
  wants: (kind: AlertKind) => boolean;
}

async function readRecipients(): Promise<Recipient[]> {
  const admins = await transaction((tx) =>
    tx.user.findMany({
      where: { deletedAt: null, accountEnabled: true, roles: { some: {} } },
      select: { id: true, userPrincipalName: true, preferredLocale: true, roles: { select: { role: true } } },
    }),
  );
  const choices = await transaction((tx) => tx.alertPreference.findMany({ where: { userId: { in: admins.map((a) => a.id) } } }));
  const byUser = groupBy(choices, (c) => c.userId);
  const fallback = CLOUD_PROFILES[env().LICENSE_CENTER_CLOUD].defaultLocale;
  return admins.map((admin) => {
    const roles = admin.roles.map((r) => r.role).filter(isRole);
    const own = new Map((byUser.get(admin.id) ?? []).flatMap((c) => (isAlertKind(c.kind) ? [[c.kind, c.email] as const] : [])));
    return {
      id: admin.id,
      address: admin.userPrincipalName,
      locale: admin.preferredLocale && isLocale(admin.preferredLocale) ? admin.preferredLocale : fallback,
      wants: (kind: AlertKind) => wantsEmail(kind, roles, own),
    };
  });
}

/** Raises one alert with its email and webhook deliveries; false when it was raised already (its key exists). */
async function raise(candidate: Candidate, recipients: readonly Recipient[], now: Date): Promise<boolean> {
  const key = alertKey(
    candidate.kind,
    candidate.subscriptionId ?? candidate.productId,
    candidate.dueAt ?? (candidate.marks ? now : null),
    candidate.daysAhead,
  );
  try {
    return await transaction(async (tx: Tx) => {
      if (candidate.marks) {
        const marked = await tx.product.updateMany({
          where: { id: candidate.productId, [candidate.marks]: null },
          data: { [candidate.marks]: now },
        });
        if (marked.count === 0) return false;
      }
      const alert = await tx.alert.create({
        data: {
          key,
          kind: candidate.kind,
          productId: candidate.productId,
          subscriptionId: candidate.subscriptionId,
          dueAt: candidate.dueAt,
          daysAhead: candidate.daysAhead,
          detail: JSON.stringify(candidate.detail),
          raisedAt: now,
        },
        select: { id: true },
      });
      const to = recipients.filter((r) => r.wants(candidate.kind));
      if (to.length > 0) {
        await tx.alertDelivery.createMany({
          data: to.map((r) => ({
            alertId: alert.id,
            channel: "email",
            recipientId: r.id,
            address: r.address,
            locale: r.locale,
            nextAttemptAt: now,
          })),
        });
      }
      await queueAlertWebhooks(tx, alert.id, candidate.kind, now);
      return true;
    });
  } catch (error) {
    // Another instance raised it between our read and our write.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}
