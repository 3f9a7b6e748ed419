import { getTranslations } from "@/i18n/server";
import { getLocale } from "next-intl/server";
import { csvResponse, csvSeparatorFor, csvTime } from "@/lib/csv";
import { ASSIGNMENT_FILTERS, parseFilter, parseInactiveDays, parseSearch } from "@/lib/listing";
import { idSchema } from "@/lib/validation";
import { getActor } from "@/server/auth/session";
import { exportProductAssignments } from "@/server/data/exports";
import { getProductById } from "@/server/data/licenses";

export async function GET(request: Request, { params }: { params: Promise<{ productId: string }> }) {
  const { productId } = await params;
  const [actor, t, locale] = await Promise.all([getActor(), getTranslations("export"), getLocale()]);
  if (!actor) return new Response(t("signInRequired"), { status: 401 });
  if (!idSchema.safeParse(productId).success) return new Response(t("notFound"), { status: 404 });
  const product = await getProductById(actor, productId);
  if (!product) return new Response(t("notFound"), { status: 404 });
  const url = new URL(request.url);
  const q = parseSearch(url.searchParams.get("q"));
  const filter = parseFilter(ASSIGNMENT_FILTERS, url.searchParams.get("filter"));
  const days = parseInactiveDays(url.searchParams.get("days"));
  const yes = t("yes");
  const no = t("no");
  const signedActor = actor;
  async function* rows() {
    for await (const batch of exportProductAssignments(signedActor, productId, q, filter, days)) {
      yield batch.map((r) => [r.displayName, r.userPrincipalName, csvTime(r.assignedAt), r.needsValidLicense ? yes : no]);
    }
  }
  return csvResponse(
    `${product.skuPartNumber}-users.csv`,
    [t("displayName"), t("upn"), t("assignedAt"), t("needsValidLicense")],
    rows(),
    csvSeparatorFor(locale),
  );
}
