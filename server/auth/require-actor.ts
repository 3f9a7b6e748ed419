import "server-only";
import { redirect } from "next/navigation";
import type { Actor } from "../actor";
import { getActor } from "./session";

/** For pages: the signed-in admin, or a redirect to sign-in. Data functions still authorize. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
