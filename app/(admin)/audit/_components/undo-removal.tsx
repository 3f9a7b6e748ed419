"use client";
import { useActionState, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmButtons, ConfirmPanel } from "@/components/ui/confirm-panel";
import { announce } from "@/components/ui/toaster";
import { undoRemovalAction } from "@/server/actions/licenses";
import type { ActionResult } from "@/server/actions/safe-action";

type Step = "idle" | "confirming" | "conflict";

/**
 * Undo a removal of licenses from its audit event, within the undo window: asks first, then gives
 * the licenses back (or says why it can't). When they are no longer all free, it says how many
 * users would need a valid license and asks again: undoing anyway creates a conflict, as restoring
 * a deleted user does. Labels come translated from the server page.
 */
export function UndoRemoval({
  eventId,
  labels,
}: {
  eventId: string;
  labels: {
    button: string;
    question: string;
    confirm: string;
    pending: string;
    cancel: string;
    until: string;
    conflictQuestion: string;
    conflictConfirm: string;
  };
}) {
  const [step, setStep] = useState<Step>("idle");
  const [state, formAction] = useActionState(async (previous: ActionResult<{ restored: number }> | null, formData: FormData) => {
    const result = await undoRemovalAction(previous, formData);
    // The refreshed page no longer offers the undo (this form goes): the toaster says it is done.
    if (result.ok) {
      setStep("idle");
      announce(result.message ?? "");
    } else setStep(result.code === "UNDO_WOULD_CONFLICT" ? "conflict" : "idle");
    return result;
  }, null);
  if (state?.ok) return <ActionStatus state={state} />;
  const cancel = () => setStep("idle");
  return (
    <section className="card mb-5 text-sm" aria-label={labels.button}>
      <p className="mb-2 text-neutral-700">{labels.until}</p>
      {step === "idle" ? (
        <>
          <button type="button" className="btn" onClick={() => setStep("confirming")}>
            {labels.button}
          </button>
          <ActionStatus state={state} />
        </>
      ) : (
        <form action={formAction}>
          <input type="hidden" name="eventId" value={eventId} />
          {step === "conflict" && <input type="hidden" name="allowConflict" value="on" />}
          <ConfirmPanel
            key={step}
            questionId="undo-question"
            tone={step === "conflict" ? "danger" : "neutral"}
            question={
              step === "conflict" ? (
                <>
                  <p className="mb-1 font-medium">{state && !state.ok ? state.message : null}</p>
                  <p>{labels.conflictQuestion}</p>
                </>
              ) : (
                <p>{labels.question}</p>
              )
            }
            onCancel={cancel}
          >
            <ConfirmButtons
              tone={step === "conflict" ? "danger" : "primary"}
              confirmLabel={step === "conflict" ? labels.conflictConfirm : labels.confirm}
              pendingLabel={labels.pending}
              cancelLabel={labels.cancel}
              onCancel={cancel}
            />
          </ConfirmPanel>
          {step === "confirming" && <ActionStatus state={state} />}
        </form>
      )}
    </section>
  );
}
