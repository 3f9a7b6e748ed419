"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ActionStatus, FieldError } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { USAGE_LOCATIONS } from "@/lib/validation";
import { createUserAction } from "@/server/actions/users";
import type { ActionResult } from "@/server/actions/safe-action";
import type { CreateUserResult } from "@/server/data/user-changes";

type ProductOption = { id: string; name: string; available: number };

export function AddUserForm({ products }: { products: ProductOption[] }) {
  const t = useTranslations("users");
  // React resets a form after its action; on an error, keep what the admin typed.
  const [values, setValues] = useState<FormData | null>(null);
  const [state, formAction] = useActionState(async (prev: ActionResult<CreateUserResult> | null, formData: FormData) => {
    const result = await createUserAction(prev, formData);
    setValues(result.ok ? null : formData);
    return result;
  }, null);
  const value = (field: string) => String(values?.get(field) ?? "");
  const invalid = (field: string) => (state && !state.ok && state.fieldErrors?.[field] ? true : undefined);
  return (
    <form action={formAction} className="card flex max-w-xl flex-col gap-4" noValidate>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("form.displayName")}
        <input
          name="displayName"
          defaultValue={value("displayName")}
          required
          maxLength={256}
          className="input"
          aria-invalid={invalid("displayName")}
          aria-describedby="displayName-error"
        />
        <FieldError state={state} field="displayName" id="displayName-error" />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("form.upn")}
        <input
          name="userPrincipalName"
          type="email"
          defaultValue={value("userPrincipalName")}
          required
          maxLength={113}
          className="input"
          aria-invalid={invalid("userPrincipalName")}
          aria-describedby="upn-error"
        />
        <FieldError state={state} field="userPrincipalName" id="upn-error" />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("form.usageLocation")}
        <select
          name="usageLocation"
          required
          className="input"
          defaultValue={value("usageLocation") || "US"}
          aria-invalid={invalid("usageLocation")}
          aria-describedby="usageLocation-error"
        >
          {USAGE_LOCATIONS.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
        <FieldError state={state} field="usageLocation" id="usageLocation-error" />
      </label>
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="mb-1 font-medium">{t("form.licenses")}</legend>
        {products.map((p) => (
          <label key={p.id} className="flex items-center gap-2">
            <input type="checkbox" name="productIds" value={p.id} defaultChecked={values?.getAll("productIds").includes(p.id) ?? false} />
            {p.name} <span className="text-neutral-600">({t("form.available", { count: p.available })})</span>
          </label>
        ))}
        <p className="text-neutral-600">{t("form.licensesHint")}</p>
      </fieldset>
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel={t("form.adding")}>{t("form.add")}</SubmitButton>
        {state?.ok && <Link href={`/users/${state.data.userId}`}>{t("form.openUser")}</Link>}
      </div>
      <ActionStatus state={state} />
    </form>
  );
}
