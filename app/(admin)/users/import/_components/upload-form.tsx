"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { ActionStatus, FieldError } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { MAX_IMPORT_BYTES } from "@/lib/domain/user-import";
import { uploadUserImportAction } from "@/server/actions/user-import";
import type { ActionResult } from "@/server/actions/safe-action";

/** Uploads the CSV to be checked; a good file opens its preview, a bad one says why here. */
export function UploadForm({ limits }: { limits: string }) {
  const t = useTranslations("users");
  const router = useRouter();
  const [state, formAction] = useActionState(async (prev: ActionResult<{ importId: string }> | null, formData: FormData) => {
    // A file over the server's request limit would never reach the action: say so here instead.
    const file = formData.get("file");
    if (file instanceof File && file.size > MAX_IMPORT_BYTES) {
      const message = t("import.fileTooLarge", { mb: MAX_IMPORT_BYTES / (1024 * 1024) });
      return { ok: false as const, code: "VALIDATION" as const, message, fieldErrors: { file: [message] } };
    }
    const result = await uploadUserImportAction(prev, formData);
    if (result.ok) router.push(`/users/import?id=${result.data.importId}`);
    return result;
  }, null);
  const invalid = state && !state.ok ? true : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-2" noValidate>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("import.fileLabel")}
        <input
          type="file"
          name="file"
          accept=".csv,text/csv"
          required
          className="input"
          aria-invalid={invalid}
          aria-describedby="import-file-hint import-file-error import-status"
        />
      </label>
      <p id="import-file-hint" className="text-sm text-neutral-600">
        {limits}
      </p>
      <FieldError state={state} field="file" id="import-file-error" />
      <div>
        <SubmitButton pendingLabel={t("import.uploading")}>{t("import.upload")}</SubmitButton>
      </div>
      {state && !state.ok && !state.fieldErrors && <ActionStatus state={state} id="import-status" />}
    </form>
  );
}
