import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Creates a fresh SQLite database file with every migration applied and points DATABASE_URL at
 * it. Call before importing anything that opens the database (server/db.ts reads it once).
 */
export function createTestDatabase(): { url: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "license-center-"));
  const file = path.join(dir, "test.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const migrations = path.join(root, "prisma", "migrations");
  for (const name of readdirSync(migrations)
    .filter((n) => /^\d/.test(n))
    .sort()) {
    db.exec(readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
  }
  db.close();
  const url = `file:${file}`;
  process.env.DATABASE_URL = url;
  return { url, file };
}
