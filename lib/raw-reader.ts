import Database from "better-sqlite3";
import pg from "pg";
import type { Prisma } from "./generated/prisma/client";
import { isPostgresUrl } from "./db-client";

/**
 * Read-only statements of the exports, on a connection of their own and with rows as arrays of
 * column values: a million-row export spent half its time in the Prisma client turning every
 * row into an object and every column into its type. Nothing here writes; pages and changes go
 * through `transaction` (server/db.ts) as always; server/db.ts keeps the process's reader.
 *
 * Each statement is its own snapshot, as each batch's transaction was before. Columns come back
 * as the drivers give them: on SQLite dates as ISO text and booleans as 0/1 (rawDate and
 * rawBoolean in server/db.ts read both), on PostgreSQL as Date and boolean.
 */
export type RawRow = unknown[];

export interface RawReader {
  rows(sql: Prisma.Sql): Promise<RawRow[]>;
  close(): Promise<void>;
}

export function createRawReader(url: string): RawReader {
  return isPostgresUrl(url) ? postgresReader(url) : sqliteReader(url);
}

/** A parameter as the Prisma SQLite adapter writes it (its default ISO 8601 timestamps), so comparisons with stored values hold. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

function sqliteReader(url: string): RawReader {
  // The path as the Prisma adapter reads it (lib/db-client.ts).
  const connection = new Database(url.replace(/^file:/, ""), { readonly: true, fileMustExist: true, timeout: 10_000 });
  const statements = new Map<string, Database.Statement>();
  return {
    rows(sql) {
      let statement = statements.get(sql.sql);
      if (!statement) {
        statement = connection.prepare(sql.sql).raw(true);
        statements.set(sql.sql, statement);
      }
      return Promise.resolve(statement.all(...sql.values.map(sqliteValue)) as RawRow[]);
    },
    close() {
      connection.close();
      return Promise.resolve();
    },
  };
}

/** `timestamp(3)` without time zone, as Prisma writes it: UTC. */
const TIMESTAMP = 1114;

function postgresReader(url: string): RawReader {
  const pool = new pg.Pool({
    connectionString: url,
    max: 2,
    connectionTimeoutMillis: 5_000,
    allowExitOnIdle: true,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === TIMESTAMP
          ? (text: string) => new Date(`${text.replace(" ", "T")}Z`)
          : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
    },
  });
  // Every statement here is a search or an export: the planner settings of continueSearch
  // (server/data/listing-filters.ts) for the whole session.
  pool.on("connect", (client) => {
    // A failure here fails the statement that follows on this connection, which reports it.
    client
      .query("SET enable_seqscan = off; SET enable_hashjoin = off; SET enable_mergejoin = off; SET random_page_cost = 1.1")
      .catch(() => undefined);
  });
  return {
    async rows(sql) {
      const result = await pool.query<RawRow>({ text: sql.text, values: sql.values, rowMode: "array" });
      return result.rows;
    },
    close() {
      return pool.end();
    },
  };
}
