"use server";
import { getTranslations } from "@/i18n/server";
import { appCreateSchema, appDeleteSchema, appRevokeSecretSchema, appSecretSchema } from "@/lib/validation";
import { addAppSecret, createApp, deleteApp, revokeAppSecret, type CreatedApp } from "../graph/apps";
import { formInput, runAction, type ActionResult } from "./safe-action";

const apps = ["/settings/apps"];

/** A new app registration; its client id and first client secret come back this once. */
export async function createAppAction(_prev: unknown, formData: FormData): Promise<ActionResult<CreatedApp>> {
  return runAction(appCreateSchema, formInput(formData, ["roles"]), createApp, {
    revalidate: apps,
    success: async () => (await getTranslations("apps"))("created"),
  });
}

export async function addAppSecretAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ secretId: string; clientSecret: string; expiresAt: Date }>> {
  return runAction(appSecretSchema, formInput(formData), addAppSecret, {
    revalidate: apps,
    success: async () => (await getTranslations("apps"))("secretAdded"),
  });
}

export async function revokeAppSecretAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ revoked: boolean }>> {
  return runAction(appRevokeSecretSchema, formInput(formData), revokeAppSecret, {
    revalidate: apps,
    success: async (r) => (await getTranslations("apps"))(r.revoked ? "revoked" : "alreadyRevoked"),
  });
}

export async function deleteAppAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ deleted: boolean }>> {
  return runAction(appDeleteSchema, formInput(formData), deleteApp, {
    revalidate: apps,
    success: async () => (await getTranslations("apps"))("deleted"),
  });
}
