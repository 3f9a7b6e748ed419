"use server";
import { z } from "zod";
import { endAllSessions } from "../auth/sessions";
import { formInput, runAction, type ActionResult } from "./safe-action";

/** "Sign out everywhere": ends every session of the signed-in admin (the browser then signs out too). */
export async function signOutEverywhereAction(_prev: unknown, formData: FormData): Promise<ActionResult<{ ended: number }>> {
  return runAction(z.object({}), formInput(formData), (actor) => endAllSessions(actor), { revalidate: [] });
}
