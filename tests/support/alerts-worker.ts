/**
 * A second (and third) server instance for the alert tests: runs one pass of the alert checks
 * against DATABASE_URL, sending through the SMTP server on the given port, at the given time.
 * Usage: node --conditions=react-server --import tsx tests/support/alerts-worker.ts <smtpPort> <nowIso>
 */
import { createTransport } from "nodemailer";
import { runAlertChecks } from "@/server/alerts/scheduler";
import { db } from "@/server/db";

const [port, nowIso] = process.argv.slice(2);
if (!port || !nowIso) throw new Error("usage: alerts-worker <smtpPort> <nowIso>");
const transport = createTransport({ host: "127.0.0.1", port: Number(port), secure: false, ignoreTLS: true });
await runAlertChecks(new Date(nowIso), {
  transport,
  from: "License Center <alerts@contoso.example>",
  appUrl: "https://licenses.contoso.example",
});
transport.close();
await db().$disconnect();
process.stdout.write("done\n");
