import { getTranslations } from "@/i18n/server";
import { servicePlanName } from "@/lib/domain/service-plans";

/** The services a license of this product includes, by name, with the plan identifier that scripts and Graph use. */
export async function ServicePlans({ plans }: { plans: string[] }) {
  const t = await getTranslations("product");
  return (
    <section aria-labelledby="plans-heading" className="card mb-5">
      <h2 id="plans-heading" className="mb-2 text-lg font-semibold">
        {t("servicePlansHeading")}
      </h2>
      {plans.length === 0 ? (
        <p className="text-sm text-neutral-700">{t("noServicePlans")}</p>
      ) : (
        <ul className="flex flex-wrap gap-2 text-sm">
          {plans.map((plan) => (
            <li key={plan} className="rounded border border-neutral-200 bg-neutral-50 px-2 py-1">
              {servicePlanName(plan)}
              {servicePlanName(plan) !== plan && <span className="ml-1 text-xs text-neutral-600">{plan}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
