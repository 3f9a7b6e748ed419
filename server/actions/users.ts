"use server";
import { cookies } from "next/headers";
import { getTranslations } from "@/i18n/server";
import { LOCALE_COOKIE } from "@/i18n/locale";
import {
  bulkPreviewSchema,
  createUserSchema,
  deleteUsersSchema,
  localeSchema,
  restoreUserSchema,
  setRolesSchema,
  setSignInSchema,
  updateUserSchema,
} from "@/lib/validation";
import { previewBulk, type BulkPreview } from "../data/bulk-preview";
import { saveLocalePreference } from "../data/preferences";
import { createUser, deleteUsers, restoreUser, setSignIn, setUserRoles, updateUser, type CreateUserResult } from "../data/user-changes";
import { formInput, runAction, type ActionResult } from "./safe-action";

const layout = ["layout"];

export async function createUserAction(_prev: unknown, formData: FormData): Promise<ActionResult<CreateUserResult>> {
  return runAction(createUserSchema, formInput(formData, ["productIds"]), createUser, {
    revalidate: layout,
    success: async (r) =>
      (await getTranslations("users"))("created", {
        assigned: r.assigned.length,
        skipped: r.skipped.length,
        products: r.skippedNames.join(", "),
      }),
  });
}

export async function deleteUsersAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ deleted: number }>> {
  return runAction(deleteUsersSchema, formInput(formData, ["userIds"]), deleteUsers, {
    revalidate: layout,
    success: async (r) => (await getTranslations("users"))("deleted", { count: r.deleted }),
  });
}

export async function restoreUserAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ conflicts: string[] }>> {
  return runAction(restoreUserSchema, formInput(formData), restoreUser, {
    revalidate: layout,
    success: async (r) => (await getTranslations("users"))("restored", { conflicts: r.conflicts.length }),
  });
}

export async function updateUserAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ changed: string[] }>> {
  return runAction(
    updateUserSchema,
    formInput(formData),
    (actor, { signIn, ...input }) => updateUser(actor, { ...input, accountEnabled: signIn === "allowed" }),
    { revalidate: layout, success: async (r) => (await getTranslations("users"))("updated", { count: r.changed.length }) },
  );
}

/** Blocks or allows sign-in for the users selected on Users › Active users. */
export async function setSignInAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ changed: number; unchanged: number }>> {
  return runAction(
    setSignInSchema,
    formInput(formData, ["userIds"]),
    (actor, { userIds, signIn }) => setSignIn(actor, { userIds, accountEnabled: signIn === "allowed" }),
    {
      revalidate: layout,
      success: async (r) => (await getTranslations("users"))("bulk.signInChanged", { count: r.changed, unchanged: r.unchanged }),
    },
  );
}

/** A bulk action's preview, before it is confirmed: what it would change, and what would stop it. */
export type BulkPreviewResult = Omit<BulkPreview, "problem"> & { problem: string | null };

export async function previewBulkAction(_prev: unknown, formData: FormData): Promise<ActionResult<BulkPreviewResult>> {
  return runAction(
    bulkPreviewSchema,
    formInput(formData, ["userIds"]),
    async (actor, input) => {
      const preview = await previewBulk(actor, input);
      const t = await getTranslations("errors");
      return { ...preview, problem: preview.problem ? t(preview.problem.code, preview.problem.values) : null };
    },
    { revalidate: [] },
  );
}

export async function setUserRolesAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ added: string[]; removed: string[] }>> {
  return runAction(setRolesSchema, formInput(formData, ["roles"]), setUserRoles, {
    revalidate: layout,
    success: async (r) => (await getTranslations("users"))("rolesSaved", { count: r.added.length + r.removed.length }),
  });
}

/** Saves the admin's language: on their account, and in a cookie for this browser. */
export async function setLocaleAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ locale: string }>> {
  return runAction(localeSchema, formInput(formData), async (actor, { locale }) => {
    await saveLocalePreference(actor, locale);
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });
    return { locale };
  });
}
