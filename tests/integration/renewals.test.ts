/**
 * Automatic renewal (issue 14's known gap): a subscription set to renew gets its next term when
 * the current one ends, once, by the scheduler, so it never lapses as the forecast promised.
 */
import { addMonths, addYears } from "date-fns";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/lifecycle";
import { runAlertChecks } from "@/server/alerts/scheduler";
import { renewDueSubscriptions } from "@/server/data/renewals";
import { summaryOf } from "@/server/data/totals";
import { transaction } from "@/server/db";
import { assertInvariants } from "../support/invariants";
import { auditIds, auditSince, freshOrg, type Org } from "../support/org";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

/** Moves a subscription's term so that it ended `daysAgo` days ago (its start a term earlier). */
async function endedDaysAgo(subscriptionId: string, daysAgo: number, frequency: "monthly" | "annual", autoRenew = true) {
  const endsAt = addDays(new Date(), -daysAgo);
  await org.prisma.subscription.update({
    where: { id: subscriptionId },
    data: {
      endsAt,
      startsAt: frequency === "annual" ? addYears(endsAt, -1) : addMonths(endsAt, -1),
      billingFrequency: frequency,
      autoRenew,
    },
  });
  return endsAt;
}

describe("renewDueSubscriptions", () => {
  it("gives an ended auto-renewing term its next one from the old end, once, audited as a system event", async () => {
    const subscriptionId = await org.activeSubscriptionId("e5");
    const productId = await org.productId("e5");
    const ended = await endedDaysAgo(subscriptionId, 1, "monthly");
    // Ended a day ago, it counts as Expired until renewed.
    expect((await transaction((tx) => summaryOf(tx, productId))).expired).toBe(5);
    const audit = await auditIds(org.prisma);
    expect(await renewDueSubscriptions()).toBe(1);
    const sub = await org.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    expect(sub.startsAt).toEqual(ended);
    expect(sub.endsAt).toEqual(addMonths(ended, 1));
    expect((await transaction((tx) => summaryOf(tx, productId))).valid).toBe(5);
    const events = await auditSince(org.prisma, audit);
    expect(events.map((e) => [e.action, e.actorId, e.targetType, e.targetId, e.result])).toEqual([
      ["subscription.renew", null, "subscription", subscriptionId, "success"],
    ]);
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ endsAt: addMonths(ended, 1).toISOString(), quantity: 5 });
    expect(await renewDueSubscriptions()).toBe(0);
  });

  it("after downtime, renews a term that ended within the grace; leaves terms that lapsed long ago, and those not set to renew", async () => {
    const e5 = await org.activeSubscriptionId("e5");
    const ended = await endedDaysAgo(e5, 25, "monthly");
    const exo = await org.activeSubscriptionId("exo");
    await endedDaysAgo(exo, 45, "annual");
    const visio = await org.activeSubscriptionId("visio");
    await endedDaysAgo(visio, 2, "annual", false);
    expect(await renewDueSubscriptions()).toBe(1);
    const renewed = await org.prisma.subscription.findUniqueOrThrow({ where: { id: e5 } });
    expect(renewed.endsAt).toEqual(addMonths(ended, 1));
    expect(renewed.endsAt.getTime()).toBeGreaterThan(Date.now());
    for (const id of [exo, visio]) {
      const sub = await org.prisma.subscription.findUniqueOrThrow({ where: { id } });
      expect(sub.endsAt.getTime()).toBeLessThan(Date.now());
    }
  });

  it("several instances at once renew each term once; the scheduler's pass renews before it raises alerts", async () => {
    const subscriptionId = await org.activeSubscriptionId("e5");
    const ended = await endedDaysAgo(subscriptionId, 1, "annual");
    const audit = await auditIds(org.prisma);
    const results = await Promise.all([renewDueSubscriptions(), renewDueSubscriptions(), renewDueSubscriptions()]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    expect((await org.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).endsAt).toEqual(addYears(ended, 1));
    expect((await auditSince(org.prisma, audit)).filter((e) => e.action === "subscription.renew")).toHaveLength(1);

    const exo = await org.activeSubscriptionId("exo");
    await endedDaysAgo(exo, 0.5, "monthly");
    await runAlertChecks(new Date(), null);
    expect((await org.prisma.subscription.findUniqueOrThrow({ where: { id: exo } })).endsAt.getTime()).toBeGreaterThan(Date.now());
    expect(await org.prisma.alert.count({ where: { subscriptionId: exo } })).toBe(0);
  });
});
