import { env } from "./lib/env";

/**
 * Validate the configuration once at startup so a bad variable fails fast with a clear message,
 * then start the alert scheduler in the Node.js server (not in the edge runtime, not in a build).
 */
export async function register(): Promise<void> {
  const config = env();
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build" && config.ALERTS_SCHEDULER === "on") {
    const { startAlertScheduler } = await import("./server/alerts/scheduler");
    startAlertScheduler();
  }
}
