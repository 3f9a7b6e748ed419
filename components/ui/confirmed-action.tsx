"use client";
import { useActionState, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmButtons, ConfirmPanel } from "@/components/ui/confirm-panel";
import { announce } from "@/components/ui/toaster";
import type { ActionResult } from "@/server/actions/safe-action";

/**
 * A button whose action runs only after a confirmation that names what it changes (revoking a
 * token or a secret, deleting an app): one hidden field identifies the target; success is
 * announced by the toaster, a refusal shown beside the button.
 */
export function ConfirmedAction({
  field,
  value,
  label,
  question,
  labels,
  action,
}: {
  field: string;
  value: string;
  label: string;
  question: string;
  labels: { confirm: string; pending: string; cancel: string };
  action: (prev: unknown, formData: FormData) => Promise<ActionResult<unknown>>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [state, formAction] = useActionState(async (prev: ActionResult<unknown> | null, formData: FormData) => {
    const result = await action(prev, formData);
    setConfirming(false);
    if (result.ok) announce(result.message ?? "");
    return result;
  }, null);
  if (!confirming)
    return (
      <>
        <button type="button" className="btn" onClick={() => setConfirming(true)}>
          {label}
        </button>
        <ActionStatus state={state && !state.ok ? state : null} />
      </>
    );
  return (
    <form action={formAction}>
      <input type="hidden" name={field} value={value} />
      <ConfirmPanel
        questionId={`confirm-${value}`}
        question={<p className="break-all">{question}</p>}
        onCancel={() => setConfirming(false)}
      >
        <ConfirmButtons
          confirmLabel={labels.confirm}
          pendingLabel={labels.pending}
          cancelLabel={labels.cancel}
          onCancel={() => setConfirming(false)}
        />
      </ConfirmPanel>
    </form>
  );
}
