"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionStatus, FieldError } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { MAX_LOW_LICENSE_THRESHOLD } from "@/lib/domain/alerts";
import { setLowLicenseAlertAction } from "@/server/actions/licenses";
import type { ActionResult } from "@/server/actions/safe-action";

/**
 * The product's "few licenses left" alert: the number of free licenses below which the admins
 * who chose it get an email (and the webhooks it). Billing and Global admins set it; everyone
 * else sees it. Empty turns it off.
 */
export function LowLicenseAlert({
  productId,
  below,
  available,
  canChange,
}: {
  productId: string;
  below: number | null;
  available: number;
  canChange: boolean;
}) {
  const t = useTranslations("product");
  const [state, formAction] = useActionState(
    (previous: ActionResult<{ below: number | null }> | null, formData: FormData) => setLowLicenseAlertAction(previous, formData),
    null,
  );
  const current = state?.ok ? state.data.below : below;
  return (
    <section className="card mb-5 text-sm" aria-labelledby="low-alert-heading">
      <h2 id="low-alert-heading" className="mb-1 text-lg font-semibold">
        {t("lowAlert.heading")}
      </h2>
      <p className="mb-2 text-neutral-700">
        {t("lowAlert.status", { below: current ?? 0, available })}{" "}
        <Link href="/settings/alerts" className="underline">
          {t("lowAlert.chooseEmails")}
        </Link>
      </p>
      {canChange ? (
        <form action={formAction}>
          <input type="hidden" name="productId" value={productId} />
          <label htmlFor="low-alert-below" className="mb-1 block">
            {t("lowAlert.label")}
          </label>
          <div className="flex flex-wrap items-center gap-2">
            <input
              id="low-alert-below"
              type="number"
              name="below"
              min={1}
              max={MAX_LOW_LICENSE_THRESHOLD}
              step={1}
              defaultValue={below ?? ""}
              placeholder={t("lowAlert.placeholder")}
              aria-describedby="low-alert-error"
              className="input w-32"
            />
            <SubmitButton pendingLabel={t("lowAlert.saving")}>{t("lowAlert.save")}</SubmitButton>
          </div>
          <FieldError state={state} field="below" id="low-alert-error" />
        </form>
      ) : (
        <p className="text-neutral-700">{t("lowAlert.readOnly")}</p>
      )}
      <ActionStatus state={state && (state.ok || !state.fieldErrors) ? state : null} />
    </section>
  );
}
