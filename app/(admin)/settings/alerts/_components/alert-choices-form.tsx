"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveAlertChoicesAction } from "@/server/actions/alerts";
import type { ActionResult } from "@/server/actions/safe-action";
import type { AlertChoice } from "@/server/data/preferences";

type Result = ActionResult<{ email: string[] }>;

/** One checkbox per kind of alert, each saying what the admin's role gives without a choice. */
export function AlertChoicesForm({ choices }: { choices: AlertChoice[] }) {
  const t = useTranslations("alerts.settings");
  const [state, formAction] = useActionState(
    async (prev: Result | null, formData: FormData) => saveAlertChoicesAction(prev, formData),
    null,
  );
  return (
    <form action={formAction} className="max-w-3xl">
      <fieldset className="rounded border border-neutral-200 bg-white p-4">
        <legend className="px-1 font-semibold">{t("legend")}</legend>
        <ul className="space-y-3">
          {choices.map((choice) => {
            const id = `alert-${choice.kind.replace(".", "-")}`;
            return (
              <li key={choice.kind} className="flex items-start gap-3">
                <input type="hidden" name="shown" value={choice.kind} />
                <input
                  type="checkbox"
                  id={id}
                  name="email"
                  value={choice.kind}
                  defaultChecked={choice.email}
                  aria-describedby={`${id}-hint`}
                  className="mt-1 h-4 w-4"
                />
                <span>
                  <label htmlFor={id}>{t(`kinds.${choice.kind.replace(".", "_") as "conflict_created"}`)}</label>
                  <span id={`${id}-hint`} className="block text-sm text-neutral-600">
                    {choice.byRole ? t("byRoleOn") : t("byRoleOff")}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div className="mt-4">
        <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
      </div>
      <ActionStatus state={state} />
    </form>
  );
}
