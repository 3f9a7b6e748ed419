import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import type { ProductFilter } from "@/lib/listing";
import { hrefWith } from "@/components/ui/list-controls";

type Query = Record<string, string | number | undefined>;

/**
 * Users › Active users by product: the users licensed with one product, or those without it (a
 * GET form: the filter lives in the URL, with the search, sort and the other filter).
 */
export async function ProductFilterForm({
  products,
  current,
  query,
}: {
  products: { id: string; name: string }[];
  current: ProductFilter | null;
  query: Query;
}) {
  const t = await getTranslations("users");
  const { product: _product, has: _has, page: _page, ...kept } = query;
  return (
    <form action="/users" method="get" className="mb-3 flex flex-wrap items-end gap-2 text-sm" aria-label={t("productFilter.label")}>
      {Object.entries(kept).map(([key, value]) =>
        value === undefined ? null : <input key={key} type="hidden" name={key} value={String(value)} />,
      )}
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("productFilter.has")}</span>
        <select name="has" className="input" defaultValue={current?.has === false ? "without" : "with"}>
          <option value="with">{t("productFilter.with")}</option>
          <option value="without">{t("productFilter.without")}</option>
        </select>
      </label>
      <label className="flex min-w-0 flex-col gap-1">
        <span className="font-medium">{t("productFilter.product")}</span>
        <select name="product" className="input max-w-full" defaultValue={current?.productId ?? ""}>
          <option value="">{t("productFilter.any")}</option>
          {products.map((product) => (
            <option key={product.id} value={product.id}>
              {product.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn">
        {t("productFilter.apply")}
      </button>
      {current && (
        <Link href={hrefWith("/users", kept, {})} className="self-center">
          {t("productFilter.clear")}
        </Link>
      )}
    </form>
  );
}
