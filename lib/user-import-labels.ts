import deDE from "@/messages/de-DE/users.json";
import enUS from "@/messages/en-US/users.json";
import nlNL from "@/messages/nl-NL/users.json";
import zhCN from "@/messages/zh-CN/users.json";
import { headerIndex, IMPORT_COLUMNS, type ImportColumn } from "./domain/user-import";

const CATALOGS = [enUS, nlNL, deDE, zhCN];

/**
 * The header each column answers to in every language of the app (the templates' headers,
 * users.import.columns): a file written from any locale's template reads in any other's.
 */
export const IMPORT_HEADER_INDEX: ReadonlyMap<string, ImportColumn> = headerIndex(
  CATALOGS.flatMap((catalog) => IMPORT_COLUMNS.map((column): [ImportColumn, string] => [column, catalog.import.columns[column]])),
);
