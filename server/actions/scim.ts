"use server";
import { getTranslations } from "@/i18n/server";
import { revokeScimTokenSchema, scimTokenSchema } from "@/lib/validation";
import { createScimToken, revokeScimToken } from "../scim/tokens";
import { formInput, runAction, type ActionResult } from "./safe-action";

const provisioning = ["/settings/provisioning"];

/** A new SCIM token for an identity provider; its value comes back this once. */
export async function createScimTokenAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ id: string; token: string }>> {
  return runAction(scimTokenSchema, formInput(formData), createScimToken, {
    revalidate: provisioning,
    success: async () => (await getTranslations("provisioning"))("created"),
  });
}

export async function revokeScimTokenAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ revoked: boolean }>> {
  return runAction(revokeScimTokenSchema, formInput(formData), revokeScimToken, {
    revalidate: provisioning,
    success: async (r) => (await getTranslations("provisioning"))(r.revoked ? "revoked" : "alreadyRevoked"),
  });
}
