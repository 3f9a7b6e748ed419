import "server-only";
import { addMonths, addYears } from "date-fns";
import { EXPIRED_GRACE_DAYS, addDays } from "@/lib/domain/lifecycle";
import { transaction } from "../db";
import { recordAudit } from "./audit-write";
import { lockSubscription } from "./locks";

/** The end of the term after one that ends at `endsAt`. */
function nextTermEnd(endsAt: Date, frequency: string): Date {
  return frequency === "annual" ? addYears(endsAt, 1) : addMonths(endsAt, 1);
}

/**
 * Renews the subscriptions set to renew automatically whose term has ended: a new term of the
 * same length from the old end (several after downtime, until one runs past `now`), so they stay
 * Active as the forecast and Microsoft 365 expect. One transaction and one audit record
 * (`subscription.renew`, a system event) each; the guarded update makes a renewal happen once even
 * when several server instances run it at the same moment. Terms that ended longer ago than the
 * Expired grace are left alone: they lapsed before this ran, and reactivating one is an admin's
 * decision. Returns how many were renewed.
 */
export async function renewDueSubscriptions(now = new Date()): Promise<number> {
  const due = await transaction((tx) =>
    tx.subscription.findMany({
      where: { autoRenew: true, endsAt: { lte: now, gt: addDays(now, -EXPIRED_GRACE_DAYS) } },
      select: { id: true },
    }),
  );
  let renewed = 0;
  for (const { id } of due) {
    const done = await transaction(async (tx) => {
      await lockSubscription(tx, id);
      const sub = await tx.subscription.findUniqueOrThrow({
        where: { id },
        select: { endsAt: true, billingFrequency: true, autoRenew: true, quantity: true },
      });
      // Another instance renewed it first, or an admin turned renewal off meanwhile.
      if (!sub.autoRenew || sub.endsAt > now) return false;
      let startsAt = sub.endsAt;
      let endsAt = nextTermEnd(startsAt, sub.billingFrequency);
      while (endsAt <= now) {
        startsAt = endsAt;
        endsAt = nextTermEnd(startsAt, sub.billingFrequency);
      }
      const { count } = await tx.subscription.updateMany({ where: { id, endsAt: sub.endsAt }, data: { startsAt, endsAt } });
      if (count !== 1) return false;
      await recordAudit(tx, null, {
        action: "subscription.renew",
        targetType: "subscription",
        targetId: id,
        before: { endsAt: sub.endsAt.toISOString() },
        after: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), quantity: sub.quantity },
      });
      return true;
    });
    if (done) renewed++;
  }
  return renewed;
}
