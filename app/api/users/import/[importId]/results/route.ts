import { getLocale } from "next-intl/server";
import { getTranslations } from "@/i18n/server";
import { csvResponse, csvSeparatorFor } from "@/lib/csv";
import { getActor } from "@/server/auth/session";
import { isAppError } from "@/server/errors";
import { exportUserImportRows, getUserImportById } from "@/server/data/user-import";
import { importRowMessage, importRowResult } from "@/lib/user-import-text";

/** Add multiple users' result file: every row of the upload with its result and message, in the admin's language. */
export async function GET(_request: Request, { params }: { params: Promise<{ importId: string }> }) {
  const [{ importId }, actor, t, te, locale] = await Promise.all([
    params,
    getActor(),
    getTranslations("users"),
    getTranslations("export"),
    getLocale(),
  ]);
  if (!actor) return new Response(te("signInRequired"), { status: 401 });
  try {
    await getUserImportById(actor, importId);
  } catch (error) {
    if (isAppError(error))
      return new Response((await getTranslations("errors"))(error.code, error.values), { status: error.code === "FORBIDDEN" ? 403 : 404 });
    throw error;
  }
  const errors = await getTranslations("errors");
  const signedActor = actor;
  async function* rows() {
    for await (const batch of exportUserImportRows(signedActor, importId)) {
      yield batch.map((r) => [String(r.row), r.upn, importRowResult(t, r), importRowMessage(t, errors, r)]);
    }
  }
  return csvResponse(
    "import-result.csv",
    [t("import.resultColumns.row"), t("import.resultColumns.upn"), t("import.resultColumns.result"), t("import.resultColumns.message")],
    rows(),
    csvSeparatorFor(locale),
  );
}
