"use server";
import { getTranslations } from "@/i18n/server";
import {
  assignSchema,
  autoRenewSchema,
  productViewSchema,
  purchaseSchema,
  reclaimSchema,
  lowLicenseAlertSchema,
  reactivateSchema,
  reduceSchema,
  removeSchema,
  replaceSchema,
  undoSchema,
} from "@/lib/validation";
import { undoRemoval } from "../data/undo";
import { countLicensesInView } from "../data/licenses";
import {
  assignLicenses,
  purchaseLicenses,
  reactivateSubscription,
  reclaimInactiveLicenses,
  setLowLicenseAlert,
  reduceQuantity,
  setAutoRenew,
  removeLicenses,
  replaceLicenses,
  type AssignResult,
  type ReplaceResult,
  type PurchaseResult,
  type ReclaimResult,
} from "../data/license-changes";
import { formInput, runAction, type ActionResult } from "./safe-action";

const layout = ["layout"];

export async function assignLicensesAction(_prev: unknown, formData: FormData): Promise<ActionResult<AssignResult>> {
  return runAction(assignSchema, formInput(formData, ["userIds"]), assignLicenses, {
    revalidate: layout,
    success: async (r) => (await getTranslations("product"))("assigned", { count: r.assigned, already: r.alreadyAssigned }),
  });
}

export async function removeLicensesAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ removed: number; eventId: string | null }>> {
  return runAction(removeSchema, formInput(formData, ["userIds"]), removeLicenses, {
    revalidate: layout,
    success: async (r) => (await getTranslations("product"))("removed", { count: r.removed }),
  });
}

export async function replaceLicensesAction(_prev: unknown, formData: FormData): Promise<ActionResult<ReplaceResult>> {
  return runAction(replaceSchema, formInput(formData, ["userIds"]), replaceLicenses, {
    revalidate: layout,
    success: async (r) => (await getTranslations("users"))("bulk.replaced", { count: r.replaced, skipped: r.skipped }),
  });
}

/** Gives back the licenses a removal took, within its undo window (server/data/undo.ts). */
export async function undoRemovalAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ restored: number; skipped: number; conflicts: number }>> {
  return runAction(undoSchema, formInput(formData), undoRemoval, {
    revalidate: layout,
    success: async (r) => (await getTranslations("audit"))("undo.done", { count: r.restored, skipped: r.skipped, conflicts: r.conflicts }),
  });
}

/** Removes the licenses of users inactive for more than N days from the products ticked (Billing › Licenses › Reclaim). */
export async function reclaimInactiveAction(_prev: unknown, formData: FormData): Promise<ActionResult<ReclaimResult>> {
  return runAction(reclaimSchema, formInput(formData, ["productIds"]), reclaimInactiveLicenses, {
    revalidate: layout,
    success: async (r) => (await getTranslations("licenses"))("reclaim.done", { count: r.removed, products: r.products }),
  });
}

/** The exact number of users a product page's list holds, for the "remove from all" confirmation. */
export async function countLicensesInViewAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ count: number }>> {
  return runAction(productViewSchema, formInput(formData), countLicensesInView, { revalidate: [] });
}

export async function purchaseLicensesAction(_prev: unknown, formData: FormData): Promise<ActionResult<PurchaseResult>> {
  return runAction(purchaseSchema, formInput(formData), purchaseLicenses, {
    revalidate: layout,
    success: async (r) => (await getTranslations("product"))("purchased", { total: r.quantity }),
  });
}

export async function reduceQuantityAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ quantity: number; conflicts: number }>> {
  return runAction(reduceSchema, formInput(formData), reduceQuantity, {
    revalidate: layout,
    success: async (r) => (await getTranslations("product"))("reduced", { total: r.quantity, conflicts: r.conflicts }),
  });
}

export async function reactivateSubscriptionAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ endsAt: Date }>> {
  return runAction(reactivateSchema, formInput(formData), reactivateSubscription, {
    revalidate: layout,
    success: async (r) => (await getTranslations("product"))("reactivated", { date: r.endsAt }),
  });
}

export async function setAutoRenewAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ autoRenew: boolean }>> {
  return runAction(autoRenewSchema, formInput(formData), setAutoRenew, {
    revalidate: layout,
    success: async (r) => (await getTranslations("product"))(r.autoRenew ? "autoRenewOn" : "autoRenewOff"),
  });
}

/** A product's "few licenses left" alert threshold, or off. */
export async function setLowLicenseAlertAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ below: number | null }>> {
  return runAction(lowLicenseAlertSchema, formInput(formData), setLowLicenseAlert, {
    revalidate: layout,
    success: async (r) => (await getTranslations("product"))("lowAlert.saved", { below: r.below ?? 0 }),
  });
}
