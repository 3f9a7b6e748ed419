"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useRef, useState, type ReactNode } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmButtons, ConfirmPanel } from "@/components/ui/confirm-panel";
import { announce } from "@/components/ui/toaster";
import { removeLicensesAction } from "@/server/actions/licenses";
import type { ActionResult } from "@/server/actions/safe-action";

const FORM_ID = "remove-licenses";

/** The users checked in the table (their checkboxes belong to this form through `form=`). */
function checkedUsers(form: HTMLFormElement | null): number {
  if (!form) return 0;
  return [...form.elements].filter((e) => e instanceof HTMLInputElement && e.name === "userIds" && e.checked).length;
}

/**
 * Wraps the assigned-users table: checked users lose this product's license in one action, after
 * a confirmation that names how many. A selection changed after the confirmation opened is
 * confirmed again, never removed as it stands.
 */
export function RemoveLicensesForm({ productId, product, children }: { productId: string; product: string; children: ReactNode }) {
  const t = useTranslations("product");
  const form = useRef<HTMLFormElement>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const [undoEventId, setUndoEventId] = useState<string | null>(null);
  const [state, formAction] = useActionState(async (prev: ActionResult<{ removed: number }> | null, formData: FormData) => {
    const selected = formData.getAll("userIds").length;
    if (selected !== confirming) {
      setConfirming(selected > 0 ? selected : null);
      return {
        ok: false,
        code: "VALIDATION",
        message: selected > 0 ? t("selectionChanged", { count: selected }) : t("selectAtLeastOne"),
      } as const;
    }
    const result = await removeLicensesAction(prev, formData);
    if (result.ok) {
      setConfirming(null);
      announce(result.message ?? "");
      setUndoEventId(result.data.eventId);
    }
    return result;
  }, null);
  const open = () => {
    const selected = checkedUsers(form.current);
    setHint(selected === 0 ? t("selectAtLeastOne") : null);
    setConfirming(selected === 0 ? null : selected);
  };
  return (
    <>
      <form id={FORM_ID} ref={form} action={formAction} className="mb-2 flex flex-col items-start gap-2">
        <input type="hidden" name="productId" value={productId} />
        {confirming === null ? (
          <button type="button" className="btn" onClick={open}>
            {t("removeSelected")}
          </button>
        ) : (
          <ConfirmPanel
            questionId="remove-selected-question"
            question={<p>{t("removeSelectedConfirm", { product, count: confirming })}</p>}
            onCancel={() => setConfirming(null)}
          >
            <ConfirmButtons
              confirmLabel={t("confirmRemoveSelected", { count: confirming })}
              pendingLabel={t("removing")}
              cancelLabel={t("cancel")}
              onCancel={() => setConfirming(null)}
            />
          </ConfirmPanel>
        )}
        <div aria-live="polite" role="status">
          {hint && <p className="rounded bg-danger-bg px-3 py-2 text-sm text-danger">{hint}</p>}
        </div>
        <ActionStatus state={state && !state.ok ? state : null} />
        {undoEventId && state?.ok && (
          <p className="text-sm">
            {/* For UNDO_MINUTES the removal's audit event offers to give the licenses back. */}
            <Link href={`/audit/${undoEventId}`}>{t("undoRemoval")}</Link>
          </p>
        )}
      </form>
      {children}
    </>
  );
}
