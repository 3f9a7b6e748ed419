import "server-only";
import { CLOUD_PROFILES } from "@/lib/cloud";
import { env } from "@/lib/env";

/**
 * The `purchase` value of messages that suggest buying ("yes" / "no"): a cloud that can't buy
 * (Microsoft Cloud Germany) never tells an admin to buy licenses.
 */
export function purchaseSelect(): "yes" | "no" {
  return CLOUD_PROFILES[env().LICENSE_CENTER_CLOUD].canPurchase ? "yes" : "no";
}
