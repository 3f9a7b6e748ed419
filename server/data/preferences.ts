import "server-only";
import type { Locale } from "@/lib/cloud";
import { ALERT_KINDS, isAlertKind, wantsEmail, type AlertKind } from "@/lib/domain/alerts";
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

export interface AlertChoice {
  kind: AlertKind;
  /** Whether this admin gets it by email now. */
  email: boolean;
  /** What their roles give them without a choice of their own. */
  byRole: boolean;
}

/** The signed-in admin's alert emails: each kind, on or off, and what their roles would give. */
export async function getAlertChoices(actor: Actor): Promise<AlertChoice[]> {
  await authorize(actor, "user.setAlerts", actor.id);
  const rows = await transaction((tx) => tx.alertPreference.findMany({ where: { userId: actor.id } }));
  const own = new Map(rows.flatMap((r) => (isAlertKind(r.kind) ? [[r.kind, r.email] as const] : [])));
  return ALERT_KINDS.map((kind) => ({ kind, email: wantsEmail(kind, actor.roles, own), byRole: wantsEmail(kind, actor.roles, new Map()) }));
}

/**
 * Saves which of the `shown` alerts reach the signed-in admin by email (every role chooses their
 * own): a choice per kind, kept even where it matches the role's default, so a later change of
 * roles doesn't change what they chose. One transaction with its audit record.
 */
export async function saveAlertChoices(
  actor: Actor,
  input: { shown: readonly AlertKind[]; email: readonly AlertKind[] },
): Promise<{ email: AlertKind[] }> {
  await authorize(actor, "user.setAlerts", actor.id);
  const shown = ALERT_KINDS.filter((kind) => input.shown.includes(kind));
  const wanted = shown.filter((kind) => input.email.includes(kind));
  await transaction(async (tx) => {
    const before = await tx.alertPreference.findMany({ where: { userId: actor.id, kind: { in: shown } }, orderBy: { kind: "asc" } });
    await tx.alertPreference.deleteMany({ where: { userId: actor.id, kind: { in: shown } } });
    await tx.alertPreference.createMany({ data: shown.map((kind) => ({ userId: actor.id, kind, email: wanted.includes(kind) })) });
    await recordAudit(tx, actor, {
      action: "user.setAlerts",
      targetId: actor.id,
      before: { email: before.filter((r) => r.email).map((r) => r.kind), byRole: shown.filter((k) => !before.some((r) => r.kind === k)) },
      after: { email: wanted, off: shown.filter((k) => !wanted.includes(k)) },
    });
  });
  return { email: wanted };
}
