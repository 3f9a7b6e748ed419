/**
 * A second (and third) server instance for the alert tests: runs one pass of the alert checks
 * against DATABASE_URL, sending through the SMTP server on the given port, at the given time, and
 * the webhooks too when an app URL is given (their messages link to it).
 * Usage: node --conditions=react-server --import tsx tests/support/alerts-worker.ts <smtpPort> <nowIso> [appUrl]
 */
import { createTransport } from "nodemailer";
import { runAlertChecks } from "@/server/alerts/scheduler";
import { db } from "@/server/db";

const [port, nowIso, webhooksAppUrl] = process.argv.slice(2);
if (!port || !nowIso) throw new Error("usage: alerts-worker <smtpPort> <nowIso>");
const transport = createTransport({ host: "127.0.0.1", port: Number(port), secure: false, ignoreTLS: true });
await runAlertChecks(
  new Date(nowIso),
  { transport, from: "License Center <alerts@contoso.example>", appUrl: "https://licenses.contoso.example" },
  webhooksAppUrl ? { appUrl: webhooksAppUrl } : null,
);
transport.close();
await db().$disconnect();
process.stdout.write("done\n");
