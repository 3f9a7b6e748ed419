"use server";
import { getTranslations } from "@/i18n/server";
import type { AlertKind } from "@/lib/domain/alerts";
import { alertChoicesSchema, calendarFeedSchema } from "@/lib/validation";
import { createCalendarFeed, revokeCalendarFeed } from "../alerts/calendar";
import { saveAlertChoices } from "../data/preferences";
import { formInput, runAction, type ActionResult } from "./safe-action";

/** Settings › Alert emails: which alerts reach the signed-in admin by email. */
export async function saveAlertChoicesAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ email: AlertKind[] }>> {
  return runAction(alertChoicesSchema, formInput(formData, ["shown", "email"]), saveAlertChoices, {
    revalidate: ["/settings/alerts"],
    success: async () => (await getTranslations("alerts"))("settings.saved"),
  });
}

/** Settings › Alert emails › Calendar: create (or replace) the admin's feed URL, or revoke it. */
export async function setCalendarFeedAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ token: string | null }>> {
  return runAction(
    calendarFeedSchema,
    formInput(formData),
    async (actor, input) => (input.feed === "create" ? createCalendarFeed(actor) : revokeCalendarFeed(actor).then(() => ({ token: null }))),
    {
      revalidate: ["/settings/alerts"],
      success: async (r) => (await getTranslations("alerts"))(r.token ? "settings.calendarCreated" : "settings.calendarRevoked"),
    },
  );
}
