"use server";
import { getTranslations } from "@/i18n/server";
import { webhookCreateSchema, webhookDeleteSchema, webhookEnabledSchema, webhookEndpointSchema } from "@/lib/validation";
import { createWebhookEndpoint, deleteWebhookEndpoint, rotateWebhookSecret, sendTestWebhook, setWebhookEnabled } from "../data/webhooks";
import { formInput, runAction, type ActionResult } from "./safe-action";

const PAGE = ["/settings/webhooks"];
const said = (key: "created" | "enabled" | "disabled" | "unchanged" | "rotated" | "deleted" | "testQueued") => async () =>
  (await getTranslations("webhooks"))(`done.${key}`);

/** Settings › Webhooks › Add an endpoint: answers with its secret, shown once. */
export async function createWebhookAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ endpointId: string; secret: string }>> {
  return runAction(webhookCreateSchema, formInput(formData, ["kinds"]), createWebhookEndpoint, {
    revalidate: PAGE,
    success: said("created"),
  });
}

/** Enable or disable an endpoint. */
export async function setWebhookEnabledAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ changed: boolean }>> {
  return runAction(webhookEnabledSchema, formInput(formData), setWebhookEnabled, {
    revalidate: PAGE,
    success: async (r) =>
      (await getTranslations("webhooks"))(
        r.changed ? (formData.get("enabled") === "true" ? "done.enabled" : "done.disabled") : "done.unchanged",
      ),
  });
}

/** A new secret for an endpoint, shown once; the previous one still signs for 24 hours. */
export async function rotateWebhookSecretAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ secret: string }>> {
  return runAction(webhookEndpointSchema, formInput(formData), (actor, input) => rotateWebhookSecret(actor, input), {
    revalidate: PAGE,
    success: said("rotated"),
  });
}

/** Delete an endpoint (the form confirms first). */
export async function deleteWebhookAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ deleted: true }>> {
  return runAction(webhookDeleteSchema, formInput(formData), deleteWebhookEndpoint, { revalidate: PAGE, success: said("deleted") });
}

/** Queue a webhook.test message to an endpoint. */
export async function sendTestWebhookAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ messageId: string }>> {
  return runAction(webhookEndpointSchema, formInput(formData), (actor, input) => sendTestWebhook(actor, input), {
    revalidate: PAGE,
    success: said("testQueued"),
  });
}
