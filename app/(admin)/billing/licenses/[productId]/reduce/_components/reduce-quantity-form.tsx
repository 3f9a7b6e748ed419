import { getTranslations } from "@/i18n/server";
import { purchaseSelect } from "@/server/cloud";

/** Step one: choose the new total (a GET form, so the preview below is a plain server render). */
export async function ReduceQuantityForm({
  productId,
  subscriptionId,
  current,
  quantity,
}: {
  productId: string;
  subscriptionId: string;
  current: number;
  quantity?: number;
}) {
  const t = await getTranslations("product");
  const isInvalid = quantity !== undefined && quantity >= current;
  return (
    <form method="get" action={`/billing/licenses/${productId}/reduce`} className="card mb-4 flex flex-wrap items-end gap-3">
      <input type="hidden" name="subscription" value={subscriptionId} />
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("newTotal")}
        <input
          name="quantity"
          type="number"
          min={1}
          max={current - 1}
          step={1}
          required
          defaultValue={quantity ?? Math.max(1, current - 1)}
          className="input w-32"
          aria-invalid={isInvalid}
          aria-describedby="reduce-hint"
        />
      </label>
      <button type="submit" className="btn">
        {t("reviewReduction")}
      </button>
      <p id="reduce-hint" className={`w-full text-sm ${isInvalid ? "text-danger" : "text-neutral-600"}`}>
        {isInvalid ? t("mustBeLower", { current, purchase: purchaseSelect() }) : t("newTotalHint", { current })}
      </p>
    </form>
  );
}
