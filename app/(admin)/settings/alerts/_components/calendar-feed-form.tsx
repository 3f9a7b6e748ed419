"use client";
import { useTranslations } from "next-intl";
import { useActionState, useSyncExternalStore } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { setCalendarFeedAction } from "@/server/actions/alerts";
import type { ActionResult } from "@/server/actions/safe-action";

type Result = ActionResult<{ token: string | null }>;

const origin = () => window.location.origin;
const noOrigin = () => "";

/** Creates, replaces or revokes the admin's calendar link; a new link is shown once, here. */
export function CalendarFeedForm({ hasFeed }: { hasFeed: boolean }) {
  const t = useTranslations("alerts.settings");
  const [state, formAction] = useActionState(
    async (prev: Result | null, formData: FormData) => setCalendarFeedAction(prev, formData),
    null,
  );
  const base = useSyncExternalStore(() => () => {}, origin, noOrigin);
  const token = state?.ok ? state.data.token : null;
  return (
    <form action={formAction}>
      <div className="flex flex-wrap gap-2">
        <SubmitButton name="feed" value="create" pendingLabel={t("calendarWorking")}>
          {hasFeed ? t("calendarReplace") : t("calendarCreate")}
        </SubmitButton>
        {hasFeed && (
          <SubmitButton name="feed" value="revoke" className="btn" pendingLabel={t("calendarWorking")}>
            {t("calendarRevoke")}
          </SubmitButton>
        )}
      </div>
      <ActionStatus state={state} />
      {token && (
        <p className="mt-3">
          <label htmlFor="calendar-url" className="block text-sm font-semibold">
            {t("calendarUrl")}
          </label>
          <input
            id="calendar-url"
            readOnly
            value={`${base}/api/calendar/${token}`}
            className="input mt-1 w-full font-mono text-sm"
            onFocus={(e) => e.currentTarget.select()}
          />
        </p>
      )}
    </form>
  );
}
