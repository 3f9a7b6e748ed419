import { getFormatter, getTranslations } from "@/i18n/server";
import { FORECAST_DAYS, validOverTime } from "@/lib/domain/forecast";
import { addDays } from "@/lib/domain/lifecycle";
import type { ProductDetail } from "@/server/data/licenses";

const WIDTH = 640;
const HEIGHT = 180;
const PAD = { left: 36, right: 12, top: 12, bottom: 24 };

/**
 * The product's next 90 days: valid licenses as steps (each term that ends without renewing
 * lowers them) against the users assigned today, the part where they outnumber the licenses
 * shaded. Server-rendered SVG, with the same figures as a table for screen readers and for
 * reading exact numbers. Shown only when a term ends in the window.
 */
export async function LicenseOutlook({ product, now = new Date() }: { product: ProductDetail; now?: Date }) {
  const active = product.subscriptions.filter((s) => s.state === "Active");
  const steps = validOverTime({ subscriptions: active, valid: product.summary.valid }, now);
  if (steps.length < 2) return null;
  const [t, format] = await Promise.all([getTranslations("product"), getFormatter()]);
  const assigned = product.summary.assigned;
  const top = Math.max(assigned, ...steps.map((s) => s.valid), 1) * 1.15;
  const end = addDays(now, FORECAST_DAYS);
  const x = (date: Date) =>
    PAD.left + ((date.getTime() - now.getTime()) / (end.getTime() - now.getTime())) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - value / top) * (HEIGHT - PAD.top - PAD.bottom);
  const path = steps
    .map((step, i) => {
      const next = steps[i + 1]?.date ?? end;
      return `${i === 0 ? "M" : "L"}${x(step.date).toFixed(1)},${y(step.valid).toFixed(1)} L${x(next).toFixed(1)},${y(step.valid).toFixed(1)}`;
    })
    .join(" ");
  const short = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  return (
    <section className="card mb-5" aria-labelledby="outlook-heading">
      <h2 id="outlook-heading" className="text-lg font-semibold">
        {t("outlook.heading", { days: FORECAST_DAYS })}
      </h2>
      <p className="mb-2 text-sm text-neutral-700">{t("outlook.description")}</p>
      <figure>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full max-w-2xl" aria-hidden="true" focusable="false">
          {steps.map((step, i) => {
            const next = steps[i + 1]?.date ?? end;
            return step.valid < assigned ? (
              <rect
                key={`gap-${step.date.getTime()}`}
                x={x(step.date)}
                y={y(assigned)}
                width={Math.max(0, x(next) - x(step.date))}
                height={y(step.valid) - y(assigned)}
                className="fill-red-200"
              />
            ) : null;
          })}
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} className="stroke-neutral-400" />
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(assigned)}
            y2={y(assigned)}
            className="stroke-neutral-800"
            strokeDasharray="5 4"
          />
          <path d={path} className="fill-none stroke-blue-700" strokeWidth={2.5} />
          <text x={PAD.left - 6} y={y(0)} textAnchor="end" dominantBaseline="middle" className="fill-neutral-700 text-[11px]">
            0
          </text>
          <text x={PAD.left - 6} y={y(assigned)} textAnchor="end" dominantBaseline="middle" className="fill-neutral-800 text-[11px]">
            {format.number(assigned)}
          </text>
          {[...new Set(steps.map((s) => s.valid))]
            .filter((value) => value !== assigned && value !== 0 && Math.abs(y(value) - y(assigned)) > 10)
            .map((value) => (
              <text
                key={value}
                x={PAD.left - 6}
                y={y(value)}
                textAnchor="end"
                dominantBaseline="middle"
                className="fill-blue-700 text-[11px]"
              >
                {format.number(value)}
              </text>
            ))}
          <text x={PAD.left} y={HEIGHT - 6} className="fill-neutral-700 text-[11px]">
            {short(now)}
          </text>
          <text x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end" className="fill-neutral-700 text-[11px]">
            {short(end)}
          </text>
        </svg>
        <figcaption className="mt-1 flex flex-wrap gap-4 text-xs text-neutral-700">
          <span>
            <span aria-hidden="true" className="mr-1 inline-block h-0.5 w-5 bg-blue-700 align-middle" />
            {t("outlook.validLegend")}
          </span>
          <span>
            <span aria-hidden="true" className="mr-1 inline-block w-5 border-t-2 border-dashed border-neutral-800 align-middle" />
            {t("outlook.assignedLegend")}
          </span>
          <span>
            <span aria-hidden="true" className="mr-1 inline-block h-3 w-5 bg-red-200 align-middle" />
            {t("outlook.gapLegend")}
          </span>
        </figcaption>
      </figure>
      <table className="stack-sm mt-3 max-w-2xl">
        <caption className="sr-only">{t("outlook.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("outlook.columns.from")}</th>
            <th scope="col" className="text-right">
              {t("outlook.columns.valid")}
            </th>
            <th scope="col" className="text-right">
              {t("outlook.columns.assigned")}
            </th>
            <th scope="col" className="text-right">
              {t("outlook.columns.needing")}
            </th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => (
            <tr key={step.date.getTime()}>
              <td data-label={t("outlook.columns.from")} className="whitespace-nowrap">
                {short(step.date)}
              </td>
              <td data-label={t("outlook.columns.valid")} className="text-right tabular-nums">
                {format.number(step.valid)}
              </td>
              <td data-label={t("outlook.columns.assigned")} className="text-right tabular-nums">
                {format.number(assigned)}
              </td>
              <td data-label={t("outlook.columns.needing")} className="text-right tabular-nums">
                {format.number(Math.max(0, assigned - step.valid))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
