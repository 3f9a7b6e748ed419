import "server-only";
import { FORECAST_DAYS, forecastConflicts, type ForecastEvent } from "@/lib/domain/forecast";
import { addDays } from "@/lib/domain/lifecycle";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { transaction } from "../db";
import { aggregateSummaries } from "./totals";

export interface UpcomingConflict extends ForecastEvent {
  productId: string;
  productName: string;
  billingFrequency: string;
}

/**
 * The conflicts that will occur in the next FORECAST_DAYS days, across the organization, soonest
 * first (lib/domain/forecast.ts): read from the few Active subscriptions whose term ends in that
 * window without renewing, and their products' totals (one aggregate).
 */
export async function findUpcomingConflicts(actor: Actor, now = new Date()): Promise<UpcomingConflict[]> {
  await authorize(actor, "product.list");
  return transaction(async (tx) => {
    const ending = await tx.subscription.findMany({
      where: { endsAt: { gt: now, lte: addDays(now, FORECAST_DAYS) }, autoRenew: false },
      select: { productId: true },
      distinct: ["productId"],
    });
    const productIds = ending.map((s) => s.productId);
    if (productIds.length === 0) return [];
    const [summaries, products] = await Promise.all([
      aggregateSummaries(tx, productIds, now),
      tx.product.findMany({
        where: { id: { in: productIds } },
        select: {
          id: true,
          displayName: true,
          subscriptions: {
            where: { endsAt: { gt: now } },
            select: { id: true, quantity: true, endsAt: true, autoRenew: true, billingFrequency: true },
          },
        },
      }),
    ]);
    return products
      .flatMap((product) => {
        const summary = summaries.get(product.id);
        if (!summary) return [];
        const frequency = new Map(product.subscriptions.map((s) => [s.id, s.billingFrequency]));
        return forecastConflicts({ subscriptions: product.subscriptions, valid: summary.valid, assigned: summary.assigned }, now).map(
          (event) => ({
            ...event,
            productId: product.id,
            productName: product.displayName,
            billingFrequency: frequency.get(event.subscriptionId) ?? "",
          }),
        );
      })
      .sort((a, b) => a.date.getTime() - b.date.getTime() || a.productName.localeCompare(b.productName));
  });
}
