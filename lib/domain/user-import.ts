/**
 * Users › Add multiple users: the columns of the CSV (Microsoft 365's "Add multiple users"
 * template, plus the products to assign), how a header names them in any of the app's languages,
 * and the separator a file uses. Framework-free; the parser (lib/user-import-csv.ts) and the data
 * layer (server/data/user-import.ts) build on it.
 */

/** The template's columns, in its order. Only STORED_COLUMNS are kept; the rest are read and ignored. */
export const IMPORT_COLUMNS = [
  "userName",
  "firstName",
  "lastName",
  "displayName",
  "jobTitle",
  "department",
  "officeNumber",
  "officePhone",
  "mobilePhone",
  "fax",
  "alternateEmail",
  "address",
  "city",
  "state",
  "postalCode",
  "country",
  "licenses",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const STORED_COLUMNS = [
  "userName",
  "firstName",
  "lastName",
  "displayName",
  "jobTitle",
  "department",
  "country",
  "licenses",
] as const;
export type StoredColumn = (typeof STORED_COLUMNS)[number];

/** Without these a file can't say who to add. */
export const REQUIRED_COLUMNS = ["userName", "displayName"] as const satisfies readonly ImportColumn[];

/** Upper limits of one upload: the file (within the server action's body limit) and its rows. */
export const MAX_IMPORT_BYTES = 3 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;

/** How a header cell is compared: trimmed, case and width folded, inner spaces collapsed. */
export function headerKey(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .normalize("NFKC")
    .trim()
    .replace(/\s+/g, " ")
    .toLocaleLowerCase("en-US");
}

/** Every label a column answers to (each locale's template header, and its key), by headerKey. */
export function headerIndex(labels: Iterable<[ImportColumn, string]>): Map<string, ImportColumn> {
  const index = new Map<string, ImportColumn>();
  for (const column of IMPORT_COLUMNS) index.set(headerKey(column), column);
  for (const [column, label] of labels) index.set(headerKey(label), column);
  return index;
}

export type HeaderMatch =
  | { ok: true; columns: (ImportColumn | null)[]; unknown: string[] }
  | { ok: false; missing: ImportColumn[] }
  | { ok: false; duplicate: string };

/** Which column each header cell is (null for one License Center doesn't know, which is ignored). */
export function matchHeader(cells: readonly string[], index: ReadonlyMap<string, ImportColumn>): HeaderMatch {
  const seen = new Set<ImportColumn>();
  const columns: (ImportColumn | null)[] = [];
  const unknown: string[] = [];
  for (const cell of cells) {
    const column = index.get(headerKey(cell)) ?? null;
    if (column && seen.has(column)) return { ok: false, duplicate: cell.trim() };
    if (column) seen.add(column);
    else if (cell.trim() !== "") unknown.push(cell.trim());
    columns.push(column);
  }
  const missing = REQUIRED_COLUMNS.filter((column) => !seen.has(column));
  return missing.length > 0 ? { ok: false, missing } : { ok: true, columns, unknown };
}

/**
 * The file's field separator, from its header line: ";" when it has more semicolons than commas
 * outside quotes (Excel in Dutch and German saves lists that way), else ",".
 */
export function detectSeparator(headerLine: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ",") commas++;
    else if (!quoted && char === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

/** The products a cell names: separated by "+" or "|" (a "," or ";" would split the CSV field). */
export function splitProducts(cell: string): string[] {
  return [
    ...new Set(
      cell
        .split(/[+|]/)
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
}

/** What an import row does to an existing user: the fields that change, from → to. */
export type FieldChange = { field: StoredField; from: string | null; to: string };
export const STORED_FIELDS = ["displayName", "givenName", "familyName", "jobTitle", "department", "usageLocation"] as const;
export type StoredField = (typeof STORED_FIELDS)[number];

/**
 * The changes a row makes to a user: a field the row leaves empty keeps its value (an import
 * adds and corrects, it never clears), as Microsoft 365's bulk update does.
 */
export function fieldChanges(
  current: Record<StoredField, string | null>,
  wanted: Partial<Record<StoredField, string | null>>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of STORED_FIELDS) {
    const to = wanted[field];
    if (to === undefined || to === null || to === "") continue;
    if (current[field] !== to) changes.push({ field, from: current[field], to });
  }
  return changes;
}
