import { Readable } from "node:stream";
import { parse } from "csv-parse";
import {
  detectSeparator,
  matchHeader,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  type ImportColumn,
  type StoredColumn,
  STORED_COLUMNS,
} from "./domain/user-import";

/** Why a file as a whole can't be read: a key of errors (server/errors.ts), with its values. */
export class ImportFileError extends Error {
  constructor(
    readonly code:
      "IMPORT_FILE_EMPTY" | "IMPORT_FILE_TOO_LARGE" | "IMPORT_TOO_MANY_ROWS" | "IMPORT_NOT_UTF8" | "IMPORT_MALFORMED" | "IMPORT_HEADER",
    readonly values: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = "ImportFileError";
  }
}

export interface ImportRecord {
  /** The line the record starts on (the header is line 1). */
  line: number;
  /** The stored columns' cells, trimmed ("" when the file has no such column or cell). */
  cells: Record<StoredColumn, string>;
}

export interface ParsedImport {
  separator: "," | ";";
  /** Header cells no column answers to: ignored, and the preview says so. */
  unknownColumns: string[];
  records: ImportRecord[];
}

/** The longest field a record may hold: guards against a wrong separator reading the file as one field. */
const MAX_RECORD_BYTES = 64 * 1024;

/**
 * Reads an upload with csv-parse's streaming parser: UTF-8 with or without a BOM, CRLF or LF,
 * quoted fields (with separators, quotes and line breaks inside), "," or ";" as found in the
 * header line. Refuses an empty, too large, non-UTF-8 or malformed file, a header without the
 * User name and Display name columns, and more than MAX_IMPORT_ROWS rows.
 */
export async function parseImportFile(bytes: Uint8Array, headerIndex: ReadonlyMap<string, ImportColumn>): Promise<ParsedImport> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new ImportFileError("IMPORT_FILE_TOO_LARGE", { max: MAX_IMPORT_BYTES / (1024 * 1024) });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportFileError("IMPORT_NOT_UTF8");
  }
  if (text.trim() === "") throw new ImportFileError("IMPORT_FILE_EMPTY");
  const separator = detectSeparator(text.slice(0, text.search(/\r?\n|$/)));
  const parser = Readable.from([text]).pipe(
    parse({
      delimiter: separator,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      max_record_size: MAX_RECORD_BYTES,
      info: true,
    }),
  );
  let columns: (ImportColumn | null)[] | null = null;
  let unknownColumns: string[] = [];
  const records: ImportRecord[] = [];
  let lastLine = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; records: number } }>) {
      if (!columns) {
        const match = matchHeader(record, headerIndex);
        if (!match.ok) throw new ImportFileError("IMPORT_HEADER", { problem: "missing" in match ? "missing" : "duplicate" });
        columns = match.columns;
        unknownColumns = match.unknown;
        lastLine = info.lines;
        continue;
      }
      if (records.length >= MAX_IMPORT_ROWS) throw new ImportFileError("IMPORT_TOO_MANY_ROWS", { max: MAX_IMPORT_ROWS });
      const cells = Object.fromEntries(STORED_COLUMNS.map((c) => [c, ""])) as Record<StoredColumn, string>;
      record.forEach((value, i) => {
        const column = columns?.[i];
        if (column && (STORED_COLUMNS as readonly string[]).includes(column)) cells[column as StoredColumn] = value.trim();
      });
      records.push({ line: lastLine + 1, cells });
      lastLine = info.lines;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const line = typeof error === "object" && error !== null && "lines" in error ? Number(error.lines) : lastLine + 1;
    throw new ImportFileError("IMPORT_MALFORMED", { line });
  } finally {
    parser.destroy();
  }
  if (!columns) throw new ImportFileError("IMPORT_FILE_EMPTY");
  return { separator, unknownColumns, records };
}
