"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmPanel } from "@/components/ui/confirm-panel";
import { announce } from "@/components/ui/toaster";
import { readRemovalStream, REMOVE_IN_VIEW_PATH } from "@/lib/removal-stream";
import type { ActionResult } from "@/server/actions/safe-action";
import { countLicensesInViewAction } from "@/server/actions/licenses";

/**
 * Where the admin is: looking at the button, waiting for the exact count, confirming that count,
 * or watching the removal (none counted by the server yet, or so many of so many).
 */
type Step =
  | { name: "idle" }
  | { name: "counting" }
  | { name: "confirming"; count: number }
  | { name: "removing"; count: number; removed: number | null };

function RemovalProgress({ count, removed }: { count: number; removed: number | null }) {
  const t = useTranslations("product");
  const label = t("removingFromAll", { count });
  return (
    <div className="flex w-full flex-col gap-1" role="status" aria-live="polite">
      <span>{label}</span>
      {removed === null ? (
        <progress className="w-full" aria-label={label} />
      ) : (
        <>
          <progress className="w-full" aria-label={label} value={removed} max={Math.max(count, 1)} />
          <span className="text-neutral-700">{t("removalProgress", { removed, total: count })}</span>
        </>
      )}
    </div>
  );
}

/**
 * Removes the license from every user this view lists (search and filter). The page's own count
 * stops at a cap, so the button first asks the server for the exact number, the admin confirms
 * that number, and the server removes only if the view still holds exactly that many; while it
 * works, its one transaction streams how many are done (app/api/licenses/remove-in-view).
 */
export function RemoveInViewForm({
  productId,
  q,
  filter,
  days,
  total,
  totalIsLowerBound,
}: {
  productId: string;
  q: string;
  filter: string;
  /** The "inactive" filter's days without a sign-in. */
  days: number;
  total: number;
  totalIsLowerBound: boolean;
}) {
  const t = useTranslations("product");
  const router = useRouter();
  const [step, setStep] = useState<Step>({ name: "idle" });
  const [state, setState] = useState<ActionResult<unknown> | null>(null);

  const view = () => {
    const data = new FormData();
    data.set("productId", productId);
    data.set("q", q);
    data.set("filter", filter);
    data.set("days", String(days));
    return data;
  };

  /** Asks for the exact count; confirms it, or says why not (nobody left, refused, unreachable). */
  async function count(): Promise<void> {
    setStep({ name: "counting" });
    const counted = await countLicensesInViewAction(null, view()).catch(() => null);
    if (!counted) {
      setState({ ok: false, code: "TEMPORARILY_UNAVAILABLE", message: t("removalInterrupted") });
      setStep({ name: "idle" });
    } else if (!counted.ok) {
      setState(counted);
      setStep({ name: "idle" });
    } else if (counted.data.count === 0) {
      setStep({ name: "idle" });
      router.refresh();
    } else {
      setStep({ name: "confirming", count: counted.data.count });
    }
  }

  async function remove(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (step.name !== "confirming") return; // one removal at a time: a second click does nothing
    const confirmed = step.count;
    setStep({ name: "removing", count: confirmed, removed: null });
    setState(null);
    const body = view();
    body.set("expected", String(confirmed));
    const result = await readRemovalStream(
      fetch(REMOVE_IN_VIEW_PATH, { method: "POST", body }),
      (removed, all) => setStep({ name: "removing", count: all, removed }),
      t("removalInterrupted"),
    );
    setState(result);
    if (result.ok) {
      setStep({ name: "idle" });
      announce(result.message ?? "");
      router.refresh();
    } else if (result.code === "VIEW_CHANGED") {
      // The message says how many the view holds now; the admin confirms that number, or not.
      await count();
      router.refresh();
    } else {
      setStep({ name: "confirming", count: confirmed });
    }
  }

  if (step.name === "idle" || step.name === "counting") {
    return (
      <div>
        <button type="button" className="btn" onClick={() => void count()} disabled={step.name === "counting"}>
          {totalIsLowerBound ? t("removeAllInViewMoreThan", { count: total }) : t("removeAllInView", { count: total })}
        </button>
        {step.name === "counting" && (
          <span className="ml-2 text-sm text-neutral-700" role="status">
            {t("countingView")}
          </span>
        )}
        {state && !state.ok && <ActionStatus state={state} />}
      </div>
    );
  }
  const cancel = () => {
    setStep({ name: "idle" });
    setState(null);
  };
  return (
    <form onSubmit={(event) => void remove(event)} className="max-w-xl">
      <ConfirmPanel
        questionId="remove-in-view-question"
        question={<p>{t("removeAllConfirm", { count: step.count })}</p>}
        // A removal under way can't be called back: Escape does nothing then.
        onCancel={() => step.name !== "removing" && cancel()}
      >
        <div className="flex flex-wrap items-center gap-2">
          {step.name === "removing" ? (
            <RemovalProgress count={step.count} removed={step.removed} />
          ) : (
            <>
              <button type="submit" className="btn btn-danger">
                {t("confirmRemoveAll", { count: step.count })}
              </button>
              <button type="button" className="btn" onClick={cancel}>
                {t("cancel")}
              </button>
            </>
          )}
        </div>
        <ActionStatus state={state} />
      </ConfirmPanel>
    </form>
  );
}
