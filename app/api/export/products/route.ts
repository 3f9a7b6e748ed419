import { getLocale } from "next-intl/server";
import { getFormatter, getTranslations } from "@/i18n/server";
import { csvResponse, csvSeparatorFor } from "@/lib/csv";
import { parseListing } from "@/lib/listing";
import { getActor } from "@/server/auth/session";
import { findProductSummaries, PRODUCT_SORTS } from "@/server/data/licenses";

/** The Licenses page as CSV: every product of its search, in its order, with the totals and each conflict's causes. */
export async function GET(request: Request) {
  const [actor, t, tl, format, locale] = await Promise.all([
    getActor(),
    getTranslations("export"),
    getTranslations("licenses"),
    getFormatter(),
    getLocale(),
  ]);
  if (!actor) return new Response(t("signInRequired"), { status: 401 });
  const listing = parseListing(Object.fromEntries(new URL(request.url).searchParams), PRODUCT_SORTS);
  const signedActor = actor;
  async function* rows() {
    // Page by page, as the page itself reads them: an organization has hundreds of products, not millions.
    for (let page = 1; ; page++) {
      const { page: products } = await findProductSummaries(signedActor, { ...listing, page });
      yield products.rows.map((p) => [
        p.displayName,
        p.skuPartNumber,
        String(p.summary.available),
        String(p.summary.assigned),
        String(p.summary.valid),
        String(p.summary.expired),
        String(p.summary.disabled),
        String(p.summary.conflicts),
        p.summary.parts
          .map((part) => {
            const cause = tl(`cause.${part.cause}`, { count: part.users, users: part.users, licenses: part.licenses });
            return part.deadline ? `${cause} ${tl("deadline", { date: format.dateTime(part.deadline, { dateStyle: "medium" }) })}` : cause;
          })
          .join("; "),
      ]);
      if (page >= products.pageCount) return;
    }
  }
  return csvResponse(
    "licenses.csv",
    [t("product"), t("sku"), t("available"), t("assigned"), t("valid"), t("expired"), t("disabled"), t("needingLicense"), t("causes")],
    rows(),
    csvSeparatorFor(locale),
  );
}
