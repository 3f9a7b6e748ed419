import { getTranslations } from "@/i18n/server";
import { getLocale } from "next-intl/server";
import { csvResponse, csvSeparatorFor, csvTime } from "@/lib/csv";
import { getActor } from "@/server/auth/session";
import { exportUsers } from "@/server/data/exports";
import { parseFilter, parseInactiveDays, parseProductFilter, parseSearch, USER_FILTERS } from "@/lib/listing";

export async function GET(request: Request) {
  const [actor, t, locale] = await Promise.all([getActor(), getTranslations("export"), getLocale()]);
  if (!actor) return new Response(t("signInRequired"), { status: 401 });
  const url = new URL(request.url);
  const q = parseSearch(url.searchParams.get("q"));
  const filter = parseFilter(USER_FILTERS, url.searchParams.get("filter"));
  const product = parseProductFilter(url.searchParams.get("product"), url.searchParams.get("has"));
  const days = parseInactiveDays(url.searchParams.get("days"));
  const yes = t("yes");
  const no = t("no");
  const signedActor = actor;
  async function* rows() {
    for await (const batch of exportUsers(signedActor, q, filter, product, days)) {
      yield batch.map((u) => [
        u.displayName,
        u.userPrincipalName,
        u.usageLocation ?? "",
        u.accountEnabled ? yes : no,
        csvTime(u.lastSignInAt),
        u.licenses.join("; "),
      ]);
    }
  }
  return csvResponse(
    "users.csv",
    [t("displayName"), t("upn"), t("usageLocation"), t("signInAllowed"), t("lastSignIn"), t("licenses")],
    rows(),
    csvSeparatorFor(locale),
  );
}
