"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { useFormStatus } from "react-dom";
import { ActionStatus } from "@/components/ui/action-status";
import { announce } from "@/components/ui/toaster";
import { removeLicensesInViewAction } from "@/server/actions/licenses";
import type { ActionResult } from "@/server/actions/safe-action";

function ConfirmButton({ total }: { total: number }) {
  const t = useTranslations("product");
  const { pending } = useFormStatus();
  if (pending) {
    return (
      <div className="flex w-full flex-col gap-1" role="status" aria-live="polite">
        <span>{t("removingFromAll", { count: total })}</span>
        <progress className="w-full" aria-label={t("removingFromAll", { count: total })} />
      </div>
    );
  }
  return (
    <button type="submit" className="btn btn-danger">
      {t("confirmRemoveAll", { count: total })}
    </button>
  );
}

/** Removes the license from every user this view lists (search and filter), after a confirmation. */
export function RemoveInViewForm({ productId, q, filter, total }: { productId: string; q: string; filter: string; total: number }) {
  const t = useTranslations("product");
  const [isConfirming, setConfirming] = useState(false);
  const [state, formAction] = useActionState(async (prev: ActionResult<{ removed: number }> | null, formData: FormData) => {
    const result = await removeLicensesInViewAction(prev, formData);
    if (result.ok) {
      setConfirming(false);
      announce(result.message ?? "");
    }
    return result;
  }, null);
  if (!isConfirming) {
    return (
      <div>
        <button type="button" className="btn" onClick={() => setConfirming(true)}>
          {t("removeAllInView", { count: total })}
        </button>
        {state && !state.ok && <ActionStatus state={state} />}
      </div>
    );
  }
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-2 rounded border border-danger bg-danger-bg p-3 text-sm">
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="q" value={q} />
      <input type="hidden" name="filter" value={filter} />
      <p>{t("removeAllConfirm", { count: total })}</p>
      <div className="flex flex-wrap items-center gap-2">
        <ConfirmButton total={total} />
        <button type="button" className="btn" onClick={() => setConfirming(false)}>
          {t("cancel")}
        </button>
      </div>
      <ActionStatus state={state} />
    </form>
  );
}
