"use server";
import { getTranslations } from "@/i18n/server";
import type { AlertKind } from "@/lib/domain/alerts";
import { alertChoicesSchema } from "@/lib/validation";
import { saveAlertChoices } from "../data/preferences";
import { formInput, runAction, type ActionResult } from "./safe-action";

/** Settings › Alert emails: which alerts reach the signed-in admin by email. */
export async function saveAlertChoicesAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ email: AlertKind[] }>> {
  return runAction(alertChoicesSchema, formInput(formData, ["shown", "email"]), saveAlertChoices, {
    revalidate: ["/settings/alerts"],
    success: async () => (await getTranslations("alerts"))("settings.saved"),
  });
}
