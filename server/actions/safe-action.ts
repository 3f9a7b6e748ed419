import "server-only";
import { revalidatePath } from "next/cache";
import { getTranslations } from "@/i18n/server";
import type { z } from "zod";
import type { Actor } from "../actor";
import { getActor } from "../auth/session";
import { isTransientError } from "../db";
import { isAppError, type ErrorCode } from "../errors";

export type ActionResult<T> =
  { ok: true; data: T; message?: string } | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string[]> };

/** Turns FormData into a plain object; fields listed in `lists` keep every value. */
export function formInput(formData: unknown, lists: readonly string[] = []): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  // A forged call can pass anything as the form: it then fails validation like an empty form.
  if (!(formData instanceof FormData)) return input;
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    input[key] = lists.includes(key) ? formData.getAll(key).map(String) : String(formData.get(key));
  }
  for (const key of lists) input[key] ??= [];
  return input;
}

async function failure<T>(code: ErrorCode, values: Record<string, string | number> = {}): Promise<ActionResult<T>> {
  const t = await getTranslations("errors");
  return { ok: false, code, message: t(code, values) };
}

/**
 * The one path of every server action: authenticate (the admin re-read from the database),
 * validate, run the data-layer function (which authorizes, changes and audits in one
 * transaction), revalidate, and answer with one result shape. Expected failures come back with
 * a translated message; anything else is a bug and is thrown.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  run: (actor: Actor, data: z.output<S>) => Promise<T>,
  options: { revalidate?: string[]; success?: (data: T) => Promise<string> | string } = {},
): Promise<ActionResult<T>> {
  const actor = await getActor();
  if (!actor) return failure("UNAUTHENTICATED");
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const t = await getTranslations("validation");
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      const key = /^[a-zA-Z]+$/.test(issue.message) && t.has(issue.message) ? issue.message : "invalidRequest";
      (fieldErrors[field] ??= []).push(t(key));
    }
    // One field at fault (an empty selection, a bad quantity): say what is wrong with it, not
    // only that "some fields need attention" — the field may be a list of checkboxes without a
    // place of its own for the message.
    const fields = Object.values(fieldErrors);
    const base = await failure<T>("VALIDATION", { problem: (fields.length === 1 ? fields[0]?.[0] : undefined) ?? "none" });
    return base.ok ? base : { ...base, fieldErrors };
  }
  try {
    const data = await run(actor, parsed.data);
    for (const path of options.revalidate ?? ["/", "layout"]) {
      if (path === "layout") revalidatePath("/", "layout");
      else revalidatePath(path);
    }
    return { ok: true, data, message: options.success ? await options.success(data) : undefined };
  } catch (error) {
    if (isAppError(error)) return failure(error.code, error.values);
    if (isTransientError(error)) return failure("TEMPORARILY_UNAVAILABLE");
    throw error;
  }
}
