"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Role } from "@/lib/domain/roles";
import { setUserRolesAction } from "@/server/actions/users";

/** A Global admin's form for a user's admin roles: the checked roles are the user's roles after saving. */
export function UserRolesForm({ userId, roles, current }: { userId: string; roles: { role: Role; name: string }[]; current: Role[] }) {
  const t = useTranslations("users");
  const [state, formAction] = useActionState(setUserRolesAction, null);
  return (
    <form action={formAction} className="card flex max-w-xl flex-col gap-3" aria-labelledby="edit-roles-heading">
      <h2 id="edit-roles-heading" className="text-lg font-semibold">
        {t("edit.rolesHeading")}
      </h2>
      <input type="hidden" name="userId" value={userId} />
      <fieldset className="flex flex-col gap-1 text-sm" aria-describedby="roles-hint">
        <legend className="sr-only">{t("edit.rolesHeading")}</legend>
        {roles.map(({ role, name }) => (
          <label key={role} className="flex items-center gap-2">
            <input type="checkbox" name="roles" value={role} defaultChecked={current.includes(role)} />
            {name}
          </label>
        ))}
        <p id="roles-hint" className="text-neutral-600">
          {t("edit.rolesHint")}
        </p>
      </fieldset>
      <div>
        <SubmitButton pendingLabel={t("edit.saving")}>{t("edit.saveRoles")}</SubmitButton>
      </div>
      <ActionStatus state={state} />
    </form>
  );
}
