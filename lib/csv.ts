/**
 * One CSV field: quoted when needed, and neutralized when it starts like a spreadsheet formula
 * (=, +, -, @, tab, CR) so an exported user name cannot run in Excel.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: (string | number | boolean | null | undefined)[], separator: CsvSeparator = ","): string {
  return `${fields.map(csvField).join(separator)}\r\n`;
}

export type CsvSeparator = "," | ";";

/**
 * The list separator a spreadsheet app expects in the admin's language: Excel in Dutch and
 * German opens a comma-separated file as one column, as their lists are separated by ";" (the
 * decimal separator is the comma there).
 */
export function csvSeparatorFor(locale: string): CsvSeparator {
  return /^(nl|de)\b/.test(locale) ? ";" : ",";
}

/** A UTC time as spreadsheet apps read a date and time: "2026-11-30 08:15:42" (ISO 8601's "T…Z" stays text in Excel). */
export function csvTime(date: Date | null | undefined): string {
  return date ? date.toISOString().slice(0, 19).replace("T", " ") : "";
}

/** A streamed CSV response with a BOM so spreadsheet apps read UTF-8 names correctly. */
export function csvResponse(
  filename: string,
  header: string[],
  batches: AsyncIterable<string[][]>,
  separator: CsvSeparator = ",",
): Response {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(header, separator)}`));
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map((fields) => csvLine(fields, separator)).join("")));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
