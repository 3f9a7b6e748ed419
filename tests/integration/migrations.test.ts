/**
 * One data model, two databases: the PostgreSQL schema is generated from the SQLite one, and the
 * migrations of both databases must build the same tables, columns, indexes and foreign keys.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, dropPostgresDatabase, isPostgresReachable, queryPostgres } from "../support/postgres";

const root = path.resolve(import.meta.dirname, "../..");

interface Shape {
  columns: string[];
  indexes: string[];
  foreignKeys: string[];
}

/** Type families both databases agree on. */
function family(type: string): string {
  const t = type.toLowerCase();
  if (/int/.test(t)) return "int";
  if (/bool/.test(t)) return "bool";
  if (/timestamp|datetime/.test(t)) return "datetime";
  if (/text|char/.test(t)) return "text";
  return t;
}

function migrationFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /^\d/.test(name))
    .sort()
    .map((name) => path.join(dir, name, "migration.sql"));
}

function sqliteShape(sql: string[]): Shape {
  const dir = mkdtempSync(path.join(tmpdir(), "lc-migrations-"));
  const db = new Database(path.join(dir, "shape.db"));
  try {
    for (const script of sql) db.exec(script);
    // The search indexes (FTS5 virtual tables and their shadow tables) are SQLite's own, not the model's.
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' AND name NOT LIKE '%Search' AND name NOT LIKE '%Search\\_%' ESCAPE '\\'",
      )
      .all() as { name: string }[];
    const shape: Shape = { columns: [], indexes: [], foreignKeys: [] };
    for (const { name } of tables) {
      for (const c of db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string; notnull: number; pk: number }[]) {
        shape.columns.push(`${name}.${c.name} ${family(c.type)} ${c.notnull || c.pk ? "not null" : "null"}`);
      }
      for (const i of db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number; origin: string }[]) {
        const cols = (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name).join(",");
        shape.indexes.push(`${name}(${cols})${i.unique ? " unique" : ""}`);
      }
      for (const f of db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as {
        table: string;
        from: string;
        to: string;
        on_delete: string;
      }[]) {
        shape.foreignKeys.push(`${name}.${f.from} -> ${f.table}.${f.to} on delete ${f.on_delete.toLowerCase()}`);
      }
    }
    return { columns: shape.columns.sort(), indexes: shape.indexes.sort(), foreignKeys: shape.foreignKeys.sort() };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function postgresShape(url: string): Shape {
  const columns = queryPostgres(
    url,
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '_prisma%'`,
  ).map(([table, column, type, nullable]) => `${table}.${column} ${family(type ?? "")} ${nullable === "YES" ? "null" : "not null"}`);
  const indexes = queryPostgres(
    url,
    `SELECT t.relname, string_agg(a.attname, ',' ORDER BY k.ord), ix.indisunique
       FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' AND t.relname NOT LIKE '_prisma%'
      GROUP BY t.relname, ix.indexrelid, ix.indisunique`,
  ).map(([table, cols, unique]) => `${table}(${cols})${unique === "t" ? " unique" : ""}`);
  // PostgreSQL-only trigram indexes for the users search (see their migration) are not part of the shared model.
  const trigramIndexes = queryPostgres(
    url,
    `SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE '%_trgm_idx'`,
  );
  const foreignKeys = queryPostgres(
    url,
    `SELECT tc.table_name, kcu.column_name, ccu.table_name, ccu.column_name, rc.delete_rule
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name
       JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name
       JOIN information_schema.referential_constraints rc ON tc.constraint_name = rc.constraint_name
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`,
  ).map(([table, from, toTable, to, rule]) => `${table}.${from} -> ${toTable}.${to} on delete ${(rule ?? "").toLowerCase()}`);
  expect(trigramIndexes.map(([, name]) => name).sort()).toEqual([
    "AuditEvent_action_trgm_idx",
    "AuditEvent_actorName_trgm_idx",
    "User_displayName_trgm_idx",
    "User_userPrincipalName_trgm_idx",
  ]);
  const trigramColumns = new Set(["User(displayName)", "User(userPrincipalName)", "AuditEvent(actorName)", "AuditEvent(action)"]);
  // PostgreSQL-only as well: the partial index of users not deleted, in name order (see its migration).
  trigramColumns.add("User(displayName,userPrincipalName,id)");
  return { columns: columns.sort(), indexes: indexes.filter((i) => !trigramColumns.has(i)).sort(), foreignKeys: foreignKeys.sort() };
}

describe("one data model for both databases", () => {
  it("prisma/postgres/schema.prisma is generated from prisma/schema.prisma", () => {
    expect(() => execFileSync("node", ["scripts/sync-schema.mjs", "--check"], { cwd: root, stdio: "pipe" })).not.toThrow();
  });

  it("SQLite's search indexes are there: an FTS5 trigram table for users and one for the audit log, with their triggers", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lc-search-"));
    const db = new Database(path.join(dir, "search.db"));
    try {
      for (const file of migrationFiles(path.join(root, "prisma", "migrations"))) db.exec(readFileSync(file, "utf8"));
      const virtual = db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
        .all() as { name: string; sql: string }[];
      expect(virtual.map((t) => t.name)).toEqual(["AuditSearch", "UserSearch"]);
      for (const table of virtual) expect(table.sql).toContain("tokenize = 'trigram'");
      const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%search%' ORDER BY name").all() as {
        name: string;
      }[];
      expect(triggers.map((t) => t.name)).toEqual([
        "AuditEvent_search_insert",
        "User_search_delete",
        "User_search_insert",
        "User_search_update",
      ]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the SQLite migrations build exactly what the data model describes", () => {
    const fromModel = execFileSync(
      path.join(root, "node_modules/.bin/prisma"),
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: "file:./prisma/unused.db" },
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    const migrated = sqliteShape(migrationFiles(path.join(root, "prisma", "migrations")).map((f) => readFileSync(f, "utf8")));
    expect(migrated).toEqual(sqliteShape([fromModel]));
    expect(migrated.columns.length).toBeGreaterThan(40);
  });
});

describe.runIf(isPostgresReachable())("PostgreSQL migrations are in step with SQLite's", () => {
  const created: string[] = [];
  afterAll(() => created.forEach(dropPostgresDatabase));

  it("build the same tables, columns, indexes and foreign keys", () => {
    const { name, url } = createPostgresDatabase("lc_shape");
    created.push(name);
    // Through `prisma migrate deploy`, as production applies them (its runner splits scripts naively).
    execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      stdio: "pipe",
    });
    const sqlite = sqliteShape(migrationFiles(path.join(root, "prisma", "migrations")).map((f) => readFileSync(f, "utf8")));
    expect(postgresShape(url)).toEqual(sqlite);
  });
});

if (!isPostgresReachable()) {
  console.warn("PostgreSQL is not reachable at 127.0.0.1:5432: the PostgreSQL migration check did not run (SQLite checks did).");
}
