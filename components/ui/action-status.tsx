"use client";
import type { ActionResult } from "@/server/actions/safe-action";

/** Announces an action's outcome to screen readers and shows it in place. */
export function ActionStatus({ state, id }: { state: ActionResult<unknown> | null; id?: string }) {
  return (
    <div id={id} aria-live="polite" role="status" className="min-h-0">
      {state && (
        <p className={`mt-2 rounded px-3 py-2 text-sm ${state.ok ? "bg-ok-bg text-ok" : "bg-danger-bg text-danger"}`}>{state.message}</p>
      )}
    </div>
  );
}

export function FieldError({ state, field, id }: { state: ActionResult<unknown> | null; field: string; id: string }) {
  const messages = state && !state.ok ? state.fieldErrors?.[field] : undefined;
  return (
    <p id={id} className="text-sm text-danger" aria-live="polite">
      {messages?.join(" ")}
    </p>
  );
}
