import { getLocale } from "next-intl/server";
import { getTranslations } from "@/i18n/server";
import { csvResponse, csvSeparatorFor } from "@/lib/csv";
import { IMPORT_COLUMNS } from "@/lib/domain/user-import";
import { getActor } from "@/server/auth/session";
import { allows } from "@/server/auth/operations";

/**
 * The Add multiple users template: the header line in the admin's language and with the list
 * separator their spreadsheet app expects, with a BOM so Excel reads it as UTF-8. Only for admins
 * who may import (it holds no data, but the feature is theirs).
 */
export async function GET() {
  const [actor, t, te, locale] = await Promise.all([getActor(), getTranslations("users"), getTranslations("export"), getLocale()]);
  if (!actor) return new Response(te("signInRequired"), { status: 401 });
  if (!allows(actor.roles, "user.import")) return new Response((await getTranslations("errors"))("FORBIDDEN"), { status: 403 });
  async function* none(): AsyncGenerator<string[][]> {}
  return csvResponse(
    "users-template.csv",
    IMPORT_COLUMNS.map((column) => t(`import.columns.${column}`)),
    none(),
    csvSeparatorFor(locale),
  );
}
