// npm run db:migrate: apply migrations to DATABASE_URL (default: the embedded SQLite file).
import { migrate } from "./lib.mjs";

await migrate(process.env.DATABASE_URL ?? "file:./prisma/dev.db");
