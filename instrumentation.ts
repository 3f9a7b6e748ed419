import { env } from "./lib/env";

/** Validate the configuration once at startup so a bad variable fails fast with a clear message. */
export function register(): void {
  env();
}
