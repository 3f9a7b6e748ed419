"use client";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { reduceQuantityAction } from "@/server/actions/licenses";
import type { ActionResult } from "@/server/actions/safe-action";
import type { ReductionPreview } from "@/server/data/licenses";

/** Step two: exactly how many and which users will need a valid license, then confirm. */
export function ReduceConfirm({ preview, productId }: { preview: ReductionPreview; productId: string }) {
  const t = useTranslations("product");
  const format = useFormatter();
  const router = useRouter();
  // Once reduced, this preview is stale (the refreshed page would call the new total "not lower"):
  // show the product with its new quantity and any users who now need a valid license.
  const [state, formAction] = useActionState(
    async (previous: ActionResult<{ quantity: number; conflicts: number }> | null, formData: FormData) => {
      const result = await reduceQuantityAction(previous, formData);
      if (result.ok) router.push(`/billing/licenses/${productId}`);
      return result;
    },
    null,
  );
  const createsConflicts = preview.conflictsAfter > preview.conflictsBefore;
  return (
    <section aria-labelledby="confirm-heading" className="card">
      <h2 id="confirm-heading" className="text-lg font-semibold">
        {t("confirmHeading", { from: preview.currentQuantity, to: preview.newQuantity })}
      </h2>
      {createsConflicts ? (
        <div role="alert" className="my-3 rounded border border-warn-border bg-warn-bg px-4 py-3 text-sm">
          <p className="font-semibold">{t("reduceWarning", { count: preview.conflictsAfter })}</p>
          <p className="mt-1">{t("reduceGrace")}</p>
        </div>
      ) : (
        <p className="my-3 text-sm">{t("reduceNoConflict")}</p>
      )}
      {preview.users.length > 0 && (
        <>
          <h3 className="mb-1 text-sm font-semibold">{t("affectedUsers", { count: preview.conflictsAfter })}</h3>
          <ul className="mb-3 max-h-64 list-disc overflow-y-auto pl-5 text-sm">
            {preview.users.map((u) => (
              <li key={u.userId}>
                {u.displayName} ({u.userPrincipalName}) · {format.dateTime(u.assignedAt, { dateStyle: "medium" })}
              </li>
            ))}
          </ul>
          {preview.conflictsAfter > preview.users.length && (
            <p className="mb-3 text-sm">{t("andMore", { count: preview.conflictsAfter - preview.users.length })}</p>
          )}
        </>
      )}
      <form action={formAction}>
        <input type="hidden" name="subscriptionId" value={preview.subscriptionId} />
        <input type="hidden" name="newQuantity" value={preview.newQuantity} />
        <input type="hidden" name="confirm" value={createsConflicts ? "true" : "false"} />
        <SubmitButton
          className={createsConflicts ? "btn btn-danger" : "btn btn-primary"}
          pendingLabel={t("reducing")}
          disabled={state?.ok === true}
        >
          {createsConflicts ? t("confirmReduceWithConflicts", { count: preview.conflictsAfter }) : t("confirmReduce")}
        </SubmitButton>
      </form>
      <ActionStatus state={state} />
    </section>
  );
}
