import { getTranslations } from "@/i18n/server";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/domain/user-import";
import { UploadForm } from "./upload-form";

/** Step 1: the template to start from, the limits, and the file. */
export async function UploadStep() {
  const t = await getTranslations("users");
  return (
    <section className="card flex max-w-2xl flex-col gap-3" aria-labelledby="import-upload-heading">
      <h2 id="import-upload-heading" className="text-lg font-semibold">
        {t("import.stepUpload")}
      </h2>
      <p className="text-sm text-neutral-700">{t("import.templateHint")}</p>
      <p>
        {/* A download, not a page: a plain link, so the browser saves the file. */}
        <a href="/api/users/import/template" download className="btn hover:no-underline">
          {t("import.downloadTemplate")}
        </a>
      </p>
      <UploadForm limits={t("import.limits", { rows: MAX_IMPORT_ROWS, mb: MAX_IMPORT_BYTES / (1024 * 1024) })} />
    </section>
  );
}
