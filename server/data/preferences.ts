import "server-only";
import type { Locale } from "@/lib/cloud";
import type { Actor } from "../actor";
import { transaction } from "../db";
import { authorize } from "../auth/authorize";
import { recordAudit } from "./audit-write";

/** Saves the signed-in admin's own UI language (every role may change their own). */
export async function saveLocalePreference(actor: Actor, locale: Locale): Promise<void> {
  await authorize(actor, "user.setLocale", actor.id);
  await transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { preferredLocale: locale } });
    await recordAudit(tx, actor, { action: "user.setLocale", targetId: actor.id, after: { locale } });
  });
}
