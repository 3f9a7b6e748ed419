"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionStatus, FieldError } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CountryOption } from "@/lib/countries";
import { updateUserAction } from "@/server/actions/users";

export interface EditableUser {
  id: string;
  displayName: string;
  usageLocation: string | null;
  accountEnabled: boolean;
}

/** Display name, usage location (by country name) and sign-in of one user. */
export function EditUserForm({ user, countries, isSelf }: { user: EditableUser; countries: CountryOption[]; isSelf: boolean }) {
  const t = useTranslations("users");
  const [state, formAction] = useActionState(updateUserAction, null);
  const invalid = (field: string) => (state && !state.ok && state.fieldErrors?.[field] ? true : undefined);
  return (
    <form action={formAction} className="card flex max-w-xl flex-col gap-4" noValidate aria-labelledby="edit-profile-heading">
      <h2 id="edit-profile-heading" className="text-lg font-semibold">
        {t("edit.profileHeading")}
      </h2>
      <input type="hidden" name="userId" value={user.id} />
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("form.displayName")}
        <input
          name="displayName"
          defaultValue={user.displayName}
          required
          maxLength={256}
          className="input"
          aria-invalid={invalid("displayName")}
          aria-describedby="displayName-error"
        />
        <FieldError state={state} field="displayName" id="displayName-error" />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("form.usageLocation")}
        <select
          name="usageLocation"
          required
          className="input"
          defaultValue={user.usageLocation ?? ""}
          aria-invalid={invalid("usageLocation")}
          aria-describedby="usageLocation-hint usageLocation-error"
        >
          {user.usageLocation === null && (
            <option value="" disabled>
              {t("edit.chooseCountry")}
            </option>
          )}
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </select>
        <span id="usageLocation-hint" className="font-normal text-neutral-600">
          {t("edit.usageLocationHint")}
        </span>
        <FieldError state={state} field="usageLocation" id="usageLocation-error" />
      </label>
      <fieldset className="flex flex-col gap-1 text-sm" aria-describedby="signIn-hint">
        <legend className="mb-1 font-medium">{t("edit.signIn")}</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="signIn" value="allowed" defaultChecked={user.accountEnabled} />
          {t("edit.allowSignIn")}
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="signIn"
            value="blocked"
            defaultChecked={!user.accountEnabled}
            disabled={isSelf && user.accountEnabled}
          />
          {t("edit.blockSignIn")}
        </label>
        <p id="signIn-hint" className="text-neutral-600">
          {isSelf ? t("edit.cannotBlockSelf") : t("edit.blockHint")}
        </p>
      </fieldset>
      <div>
        <SubmitButton pendingLabel={t("edit.saving")}>{t("edit.save")}</SubmitButton>
      </div>
      <ActionStatus state={state} />
    </form>
  );
}
