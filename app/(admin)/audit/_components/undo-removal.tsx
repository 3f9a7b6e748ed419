"use client";
import { useActionState, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmButtons, ConfirmPanel } from "@/components/ui/confirm-panel";
import { announce } from "@/components/ui/toaster";
import { undoRemovalAction } from "@/server/actions/licenses";
import type { ActionResult } from "@/server/actions/safe-action";

/**
 * Undo a removal of licenses from its audit event, within the undo window: asks first, then gives
 * the licenses back (or says why it can't). Labels come translated from the server page.
 */
export function UndoRemoval({
  eventId,
  labels,
}: {
  eventId: string;
  labels: { button: string; question: string; confirm: string; pending: string; cancel: string; until: string };
}) {
  const [confirming, setConfirming] = useState(false);
  const [state, formAction] = useActionState(async (previous: ActionResult<{ restored: number }> | null, formData: FormData) => {
    const result = await undoRemovalAction(previous, formData);
    // The refreshed page no longer offers the undo (this form goes): the toaster says it is done.
    if (result.ok) {
      setConfirming(false);
      announce(result.message ?? "");
    }
    return result;
  }, null);
  if (state?.ok) return <ActionStatus state={state} />;
  return (
    <section className="card mb-5 text-sm" aria-label={labels.button}>
      <p className="mb-2 text-neutral-700">{labels.until}</p>
      {confirming ? (
        <form action={formAction}>
          <input type="hidden" name="eventId" value={eventId} />
          <ConfirmPanel questionId="undo-question" tone="neutral" question={<p>{labels.question}</p>} onCancel={() => setConfirming(false)}>
            <ConfirmButtons
              tone="primary"
              confirmLabel={labels.confirm}
              pendingLabel={labels.pending}
              cancelLabel={labels.cancel}
              onCancel={() => setConfirming(false)}
            />
          </ConfirmPanel>
          <ActionStatus state={state} />
        </form>
      ) : (
        <>
          <button type="button" className="btn" onClick={() => setConfirming(true)}>
            {labels.button}
          </button>
          <ActionStatus state={state} />
        </>
      )}
    </section>
  );
}
