import { getFormatter, getTranslations } from "@/i18n/server";
import { countAxis, HISTORY_DAYS } from "@/lib/domain/history";
import type { ProductSnapshotRow } from "@/server/data/history";

/** The plot's own units: stretched to the card's width, strokes drawn at their screen width. */
const WIDTH = 1000;
const HEIGHT = 200;
const DAY = { timeZone: "UTC", dateStyle: "medium" } as const;

/**
 * The product's last 90 days: users assigned against valid licenses, one point per daily
 * snapshot (server/data/history.ts). Server-rendered SVG; the labels are HTML beside and under
 * the plot so that they keep their size on a phone. The same figures are in a table (folded
 * away: 90 rows), and the first and latest day are said in words.
 */
export async function LicenseHistory({ history }: { history: readonly ProductSnapshotRow[] }) {
  const [t, format] = await Promise.all([getTranslations("product"), getFormatter()]);
  const first = history[0];
  const last = history.at(-1);
  return (
    <section className="card mb-5" aria-labelledby="history-heading">
      <h2 id="history-heading" className="text-lg font-semibold">
        {t("history.heading")}
      </h2>
      <p className="mb-2 text-sm text-neutral-700">{t("history.description", { days: HISTORY_DAYS })}</p>
      {!first || !last || history.length < 2 ? (
        <p className="text-sm">{t("history.empty")}</p>
      ) : (
        <>
          <HistoryChart history={history} />
          <p className="mt-2 text-sm">
            {t("history.onDay", { date: format.dateTime(first.day, DAY), assigned: first.assigned, valid: first.valid })}{" "}
            {t("history.onDay", { date: format.dateTime(last.day, DAY), assigned: last.assigned, valid: last.valid })}
          </p>
          <details className="mt-2 max-w-2xl">
            <summary className="cursor-pointer text-sm font-semibold text-brand">{t("history.showTable")}</summary>
            <HistoryTable history={history} />
          </details>
        </>
      )}
    </section>
  );
}

async function HistoryChart({ history }: { history: readonly ProductSnapshotRow[] }) {
  const [t, format] = await Promise.all([getTranslations("product"), getFormatter()]);
  const start = history[0]!.day.getTime();
  const end = history.at(-1)!.day.getTime();
  const { top, ticks } = countAxis(Math.max(...history.map((h) => Math.max(h.valid, h.assigned))));
  const x = (day: Date) => ((day.getTime() - start) / Math.max(1, end - start)) * WIDTH;
  const y = (value: number) => (1 - value / top) * HEIGHT;
  const line = (value: (h: ProductSnapshotRow) => number) =>
    history.map((h, i) => `${i === 0 ? "M" : "L"}${x(h.day).toFixed(1)},${y(value(h)).toFixed(1)}`).join(" ");
  const percent = (value: number) => `${((1 - value / top) * 100).toFixed(2)}%`;
  const middle = new Date(start + (end - start) / 2);
  return (
    <figure className="max-w-2xl">
      <div className="flex gap-2" aria-hidden="true">
        <div className="relative h-44 w-12 shrink-0 text-[11px] text-neutral-700">
          {ticks.map((tick) => (
            <span key={tick} className="absolute right-0 -translate-y-1/2 tabular-nums" style={{ top: percent(tick) }}>
              {format.number(tick)}
            </span>
          ))}
        </div>
        <div className="min-w-0 flex-1">
          <svg
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            preserveAspectRatio="none"
            className="block h-44 w-full overflow-visible"
            focusable="false"
          >
            {ticks.map((tick) => (
              <line
                key={tick}
                x1={0}
                x2={WIDTH}
                y1={y(tick)}
                y2={y(tick)}
                className={tick === 0 ? "stroke-neutral-400" : "stroke-neutral-200"}
                vectorEffect="non-scaling-stroke"
              />
            ))}
            <path d={line((h) => h.valid)} className="fill-none stroke-blue-700" strokeWidth={2.5} vectorEffect="non-scaling-stroke" />
            <path
              d={line((h) => h.assigned)}
              className="fill-none stroke-neutral-800"
              strokeWidth={2}
              strokeDasharray="5 4"
              vectorEffect="non-scaling-stroke"
            />
          </svg>
          <div className="relative mt-1 h-4 text-[11px] text-neutral-700">
            <span className="absolute left-0 whitespace-nowrap">{format.dateTime(history[0]!.day, DAY)}</span>
            <span className="absolute left-1/2 hidden -translate-x-1/2 whitespace-nowrap sm:inline">{format.dateTime(middle, DAY)}</span>
            <span className="absolute right-0 whitespace-nowrap">{format.dateTime(history.at(-1)!.day, DAY)}</span>
          </div>
        </div>
      </div>
      <figcaption className="mt-1 flex flex-wrap gap-4 text-xs text-neutral-700">
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-0.5 w-5 bg-blue-700 align-middle" />
          {t("history.validLegend")}
        </span>
        <span>
          <span aria-hidden="true" className="mr-1 inline-block w-5 border-t-2 border-dashed border-neutral-800 align-middle" />
          {t("history.assignedLegend")}
        </span>
      </figcaption>
    </figure>
  );
}

async function HistoryTable({ history }: { history: readonly ProductSnapshotRow[] }) {
  const [t, format] = await Promise.all([getTranslations("product"), getFormatter()]);
  const columns = ["valid", "assigned", "expired", "needing"] as const;
  return (
    <table className="stack-sm mt-2">
      <caption className="sr-only">{t("history.tableCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("history.columns.day")}</th>
          {columns.map((column) => (
            <th key={column} scope="col" className="text-right">
              {t(`history.columns.${column}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {history.map((h) => {
          const values = { valid: h.valid, assigned: h.assigned, expired: h.expired, needing: Math.max(0, h.assigned - h.valid) };
          return (
            <tr key={h.day.getTime()}>
              <td data-label={t("history.columns.day")} className="whitespace-nowrap">
                {format.dateTime(h.day, DAY)}
              </td>
              {columns.map((column) => (
                <td key={column} data-label={t(`history.columns.${column}`)} className="text-right tabular-nums">
                  {format.number(values[column])}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
