import "server-only";
import { cache } from "react";
import { idSchema } from "@/lib/validation";
import { authorize } from "../auth/authorize";
import { getActor } from "../auth/session";
import { transaction } from "../db";

/**
 * Names for a page's tab title (generateMetadata), one light read per request: nothing for a
 * visitor who is not signed in or an id that is not one, so a title never tells more than the
 * page would.
 */
export const productNameForTitle = cache(async (productId: string): Promise<string | null> => {
  const actor = await getActor();
  if (!actor || !idSchema.safeParse(productId).success) return null;
  await authorize(actor, "product.read", productId);
  return (
    (await transaction((tx) => tx.product.findUnique({ where: { id: productId }, select: { displayName: true } })))?.displayName ?? null
  );
});

export const userNameForTitle = cache(async (userId: string): Promise<string | null> => {
  const actor = await getActor();
  if (!actor || !idSchema.safeParse(userId).success) return null;
  await authorize(actor, "user.read", userId);
  return (await transaction((tx) => tx.user.findUnique({ where: { id: userId }, select: { displayName: true } })))?.displayName ?? null;
});
