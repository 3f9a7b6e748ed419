import "server-only";
import { servicePlanId, servicePlanNames } from "@/lib/domain/graph";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { aggregateSummaries } from "../data/totals";
import { transaction, type Tx } from "../db";
import { GraphError } from "./errors";
import { graphBase, ok, type GraphHandler } from "./http";

export interface ServicePlanInfo {
  servicePlanId: string;
  servicePlanName: string;
  provisioningStatus: "Success";
  appliesTo: "User";
}

export function servicePlansOf(stored: string): ServicePlanInfo[] {
  return servicePlanNames(stored).map((name) => ({
    servicePlanId: servicePlanId(name),
    servicePlanName: name,
    provisioningStatus: "Success",
    appliesTo: "User",
  }));
}

/** Every product by its SKU GUID (the API names products by skuId), for license changes. */
export async function productsBySkuId(
  tx: Tx,
  skuIds: readonly string[],
): Promise<Map<string, { id: string; skuPartNumber: string; servicePlans: string }>> {
  const rows = await tx.product.findMany({
    where: { skuId: { in: [...skuIds] } },
    select: { id: true, skuId: true, skuPartNumber: true, servicePlans: true },
  });
  return new Map(rows.map((row) => [row.skuId!, row]));
}

/**
 * The organization's products as Graph's subscribedSku: units from the same totals the Licenses
 * page shows (server/data/totals.ts). Active licenses are `enabled`, licenses in the Expired
 * grace `warning`, Disabled ones `suspended`; consumed = assigned to users not deleted.
 */
export async function listSubscribedSkus(actor: Actor) {
  await authorize(actor, "product.list");
  return transaction(async (tx) => {
    const products = await tx.product.findMany({
      orderBy: [{ skuPartNumber: "asc" }],
      select: { id: true, skuId: true, skuPartNumber: true, servicePlans: true },
    });
    const summaries = await aggregateSummaries(
      tx,
      products.map((p) => p.id),
    );
    return products.map((product) => {
      const s = summaries.get(product.id);
      const units = { enabled: s?.valid ?? 0, warning: s?.expired ?? 0, suspended: s?.disabled ?? 0, lockedOut: 0 };
      const capabilityStatus =
        units.enabled > 0 ? "Enabled" : units.warning > 0 ? "Warning" : units.suspended > 0 ? "Suspended" : "Deleted";
      return {
        id: product.skuId,
        skuId: product.skuId,
        skuPartNumber: product.skuPartNumber,
        appliesTo: "User",
        capabilityStatus,
        consumedUnits: s?.assigned ?? 0,
        prepaidUnits: units,
        servicePlans: servicePlansOf(product.servicePlans),
      };
    });
  });
}

export const getSubscribedSkus: GraphHandler = async ({ actor, url }) => {
  const value = await listSubscribedSkus(actor);
  return ok({ "@odata.context": `${graphBase(url)}/$metadata#subscribedSkus`, value });
};

export const getSubscribedSku: GraphHandler = async ({ actor, params }) => {
  const value = (await listSubscribedSkus(actor)).find((sku) => sku.id === params.id);
  if (!value) throw new GraphError(404, "Request_ResourceNotFound", `Resource '${String(params.id).slice(0, 120)}' does not exist.`);
  return ok(value);
};
