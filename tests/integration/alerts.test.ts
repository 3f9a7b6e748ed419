/**
 * Alerts (issue 14) on the demo organization, sent to a real SMTP server on loopback and read back
 * with mailparser. At the seeding moment the demo has four alerts due: Office 365 E3 and Business
 * Premium are in conflict; Business Premium's 4 expired licenses are disabled in 20 days (3 users
 * depend on them); Power BI Pro's 6 monthly licenses, not renewing, expire in 20 days (2 users will
 * then need one).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import ICAL from "ical.js";
import { createTransport, type Transporter } from "nodemailer";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/lifecycle";
import { assignLicenses, purchaseLicenses, reduceQuantity, removeLicenses, setLowLicenseAlert } from "@/server/data/license-changes";
import { calendarFor, createCalendarFeed, revokeCalendarFeed } from "@/server/alerts/calendar";
import { runAlertChecks } from "@/server/alerts/scheduler";
import type { Mail } from "@/server/alerts/deliver";
import { assertInvariants } from "../support/invariants";
import { startMailServer, type MailServer } from "../support/mail-server";
import { freshOrg, type Org } from "../support/org";

const root = path.join(import.meta.dirname, "../..");
const APP = "https://licenses.contoso.example";

let smtp: MailServer;
let transport: Transporter;
let mail: Mail;
let org: Org;
let now: Date;

beforeAll(async () => {
  smtp = await startMailServer();
  transport = createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true });
  mail = { transport, from: "License Center <alerts@contoso.example>", appUrl: APP };
});
afterAll(async () => {
  transport.close();
  await smtp.close();
});
beforeEach(async () => {
  org = await freshOrg();
  smtp.messages.length = 0;
  smtp.reject = false;
  // A minute after the seed: the demo's dates are relative to its seeding moment.
  now = new Date(Date.now() + 60_000);
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

const inbox = () =>
  smtp.messages.map((m) => ({
    to: m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : undefined,
    kind: m.headers.get("x-license-center-alert"),
    subject: m.subject,
  }));

const kindsFor = (address: string) =>
  inbox()
    .filter((m) => m.to === address)
    .map((m) => m.kind)
    .sort();

describe("alert emails", () => {
  it("raises what is due and mails each admin the alerts of their roles, in their language, with a link that resolves it", async () => {
    await org.prisma.user.update({ where: { id: org.actors.LicenseAdmin.id }, data: { preferredLocale: "nl-NL" } });
    await runAlertChecks(now, mail);

    const alerts = await org.prisma.alert.findMany({
      orderBy: { key: "asc" },
      select: { kind: true, productId: true, daysAhead: true, detail: true },
    });
    const e3 = await org.productId("e3");
    const bp = await org.productId("bp");
    const pbi = await org.productId("pbi");
    expect(alerts.map((a) => [a.kind, a.productId, a.daysAhead, JSON.parse(a.detail).users]).sort()).toEqual(
      [
        ["conflict.created", e3, null, 3],
        ["conflict.created", bp, null, 3],
        ["subscription.disabling", bp, 30, 3],
        ["subscription.expiring", pbi, 30, 2],
      ].sort(),
    );

    expect(kindsFor(org.actors.GlobalAdmin.userPrincipalName)).toEqual([
      "conflict.created",
      "conflict.created",
      "subscription.disabling",
      "subscription.expiring",
    ]);
    expect(kindsFor(org.actors.BillingAdmin.userPrincipalName)).toEqual(["subscription.disabling", "subscription.expiring"]);
    expect(kindsFor(org.actors.LicenseAdmin.userPrincipalName)).toEqual(["conflict.created", "conflict.created"]);
    expect(kindsFor(org.actors.UserAdmin.userPrincipalName)).toEqual([]);
    expect(kindsFor(org.actors.GlobalReader.userPrincipalName)).toEqual([]);

    const expiring = smtp.messages.find((m) => m.headers.get("x-license-center-alert") === "subscription.expiring")!;
    expect(expiring.from?.value[0]).toMatchObject({ name: "License Center", address: "alerts@contoso.example" });
    expect(expiring.subject).toMatch(/^Power BI Pro: a subscription expires on /);
    expect(expiring.text).toContain("the 6 licenses of a Power BI Pro subscription expire");
    expect(expiring.text).toContain("2 users will then need a valid license.");
    expect(expiring.html).toContain(`href="${APP}/billing/licenses/${pbi}"`);

    const dutch = smtp.messages.find(
      (m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === org.actors.LicenseAdmin.userPrincipalName,
    )!;
    expect(dutch.subject).toMatch(/: 3 gebruikers hebben een geldige licentie nodig$/);
    expect(dutch.text).toContain("Los het op: koop meer licenties");
    expect(dutch.html).toMatch(new RegExp(`href="${APP}/billing/licenses/(${e3}|${bp})/resolve"`));
    expect(dutch.html).toContain('<html lang="nl-NL">');

    const deliveries = await org.prisma.alertDelivery.groupBy({ by: ["status"], _count: true });
    expect(deliveries).toEqual([{ status: "sent", _count: 8 }]);
    // The same pass keeps the products' daily history (server/data/history.ts).
    const today = new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);
    expect(await org.prisma.productSnapshot.count({ where: { day: today } })).toBe(await org.prisma.product.count());
  });

  it("never twice: a second pass, a restart, a later pass raise and send nothing new until a new moment comes", async () => {
    await runAlertChecks(now, mail);
    expect(smtp.messages).toHaveLength(8);
    await runAlertChecks(now, mail);
    await runAlertChecks(addDays(now, 5), mail);
    expect(smtp.messages).toHaveLength(8);
    // 13 days on, Power BI Pro's term ends in 7 days, and Business Premium's expired licenses are
    // disabled (its conflict's deadline): the 7-day alerts, once.
    await runAlertChecks(addDays(now, 13.01), mail);
    await runAlertChecks(addDays(now, 13.02), mail);
    expect(
      inbox()
        .slice(8)
        .map((m) => m.kind)
        .sort(),
    ).toEqual([
      "conflict.deadline",
      "conflict.deadline",
      "subscription.disabling",
      "subscription.disabling",
      "subscription.expiring",
      "subscription.expiring",
    ]);
    expect(await org.prisma.alert.count({ where: { daysAhead: 7 } })).toBe(3);
  });

  it("after downtime it catches up with the nearest moment only: 5 days before the expiry, the 7-day alert and not the 30-day one", async () => {
    await runAlertChecks(addDays(now, 15), mail);
    const dated = await org.prisma.alert.findMany({
      where: { kind: { startsWith: "subscription." } },
      select: { kind: true, daysAhead: true },
    });
    expect(dated.map((a) => [a.kind, a.daysAhead]).sort()).toEqual([
      ["subscription.disabling", 7],
      ["subscription.expiring", 7],
    ]);
    // Business Premium's expired licenses lose their grace in 5 days: its conflict's deadline too.
    expect(await org.prisma.alert.count({ where: { kind: "conflict.deadline", daysAhead: 7 } })).toBe(1);
  });

  it("one alert per conflict: raised when it begins, again only after it ended and a new one began", async () => {
    await runAlertChecks(now, mail);
    const e3 = await org.productId("e3");
    const conflictAlerts = () => org.prisma.alert.count({ where: { kind: "conflict.created", productId: e3 } });
    expect(await conflictAlerts()).toBe(1);
    // Buying 3 licenses ends E3's conflict; reducing again below what is assigned begins a new one.
    const subscriptionId = await org.activeSubscriptionId("e3");
    await purchaseLicenses(org.actors.BillingAdmin, { subscriptionId, quantity: 3, idempotencyKey: "alerts-test-buy-0001" });
    await runAlertChecks(addDays(now, 0.01), mail);
    expect((await org.prisma.product.findUniqueOrThrow({ where: { id: e3 } })).conflictAlertedAt).toBeNull();
    expect(await conflictAlerts()).toBe(1);
    await reduceQuantity(org.actors.BillingAdmin, { subscriptionId, newQuantity: 9, confirm: true });
    await runAlertChecks(addDays(now, 0.02), mail);
    await runAlertChecks(addDays(now, 0.03), mail);
    expect(await conflictAlerts()).toBe(2);
  });

  it("few licenses left: raised when the free licenses fall below the product's threshold, once, again after they were replenished", async () => {
    // Exchange Online: 25 licenses, 3 assigned, 22 free. Alert below 20: not yet.
    const exo = await org.productId("exo");
    const lowAlerts = () => org.prisma.alert.findMany({ where: { kind: "licenses.low", productId: exo }, select: { detail: true } });
    await setLowLicenseAlert(org.actors.BillingAdmin, { productId: exo, below: 20 });
    await runAlertChecks(now, mail);
    expect(await lowAlerts()).toEqual([]);
    const sent = smtp.messages.length;

    // Three more users take licenses: 19 free, below 20. Raised once, however often the checks run.
    const users = await org.prisma.user.findMany({
      where: { deletedAt: null, usageLocation: { not: null }, assignments: { none: { productId: exo } } },
      orderBy: { id: "asc" },
      take: 3,
      select: { id: true },
    });
    await assignLicenses(org.actors.LicenseAdmin, { productId: exo, userIds: users.map((u) => u.id) });
    await runAlertChecks(addDays(now, 0.01), mail);
    await runAlertChecks(addDays(now, 0.02), mail);
    expect((await lowAlerts()).map((a) => JSON.parse(a.detail))).toEqual([
      { productName: "Exchange Online (Plan 1)", users: 0, free: 19, threshold: 20 },
    ]);
    // By role: Billing, License and Global admins; in their language, linking to the product.
    const low = smtp.messages.slice(sent).filter((m) => m.headers.get("x-license-center-alert") === "licenses.low");
    expect(low.map((m) => (m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : "")).sort()).toEqual(
      [org.actors.BillingAdmin, org.actors.GlobalAdmin, org.actors.LicenseAdmin].map((a) => a.userPrincipalName).sort(),
    );
    expect(low[0]!.subject).toBe("Exchange Online (Plan 1): 19 licenses are left");
    expect(low[0]!.text).toContain(
      "Only 19 Exchange Online (Plan 1) licenses are free: fewer than the 20 licenses you asked to be told about.",
    );
    expect(low[0]!.html).toContain(`href="${APP}/billing/licenses/${exo}"`);

    // Back at 20 free: ready again; below once more: a second alert.
    await removeLicenses(org.actors.LicenseAdmin, { productId: exo, userIds: [users[0]!.id] });
    await runAlertChecks(addDays(now, 0.03), mail);
    expect((await org.prisma.product.findUniqueOrThrow({ where: { id: exo } })).lowAlertedAt).toBeNull();
    await assignLicenses(org.actors.LicenseAdmin, { productId: exo, userIds: [users[0]!.id] });
    await runAlertChecks(addDays(now, 0.04), mail);
    expect(await lowAlerts()).toHaveLength(2);
    // Turned off: nothing more, even below.
    await setLowLicenseAlert(org.actors.BillingAdmin, { productId: exo, below: null });
    await runAlertChecks(addDays(now, 0.05), mail);
    expect(await lowAlerts()).toHaveLength(2);
  });

  it("a refused email is tried again later, then sent once", async () => {
    smtp.reject = true;
    await runAlertChecks(now, mail);
    expect(smtp.messages).toHaveLength(0);
    const pending = await org.prisma.alertDelivery.findMany({
      select: { status: true, attempts: true, lastError: true, nextAttemptAt: true },
    });
    expect(pending).toHaveLength(8);
    for (const d of pending) {
      expect(d).toMatchObject({ status: "pending", attempts: 1 });
      expect(d.lastError).toMatch(/Mailbox full/);
      expect(d.nextAttemptAt.getTime()).toBe(now.getTime() + 60_000);
    }
    smtp.reject = false;
    await runAlertChecks(new Date(now.getTime() + 30_000), mail);
    expect(smtp.messages).toHaveLength(0);
    await runAlertChecks(new Date(now.getTime() + 61_000), mail);
    expect(smtp.messages).toHaveLength(8);
    expect(await org.prisma.alertDelivery.count({ where: { status: "sent", attempts: 2 } })).toBe(8);
  });
});

function runWorker(at: Date): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/support/alerts-worker.ts", String(smtp.port), at.toISOString()],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`alerts worker exited with ${code}: ${errors}`))));
  });
}

describe("several server instances", () => {
  it("three instances checking at the same moment send each alert to each admin once", { timeout: 60_000 }, async () => {
    await Promise.all([runWorker(now), runWorker(now), runWorker(now)]);
    expect(await org.prisma.alert.count()).toBe(4);
    expect(smtp.messages).toHaveLength(8);
    const perRecipient = inbox().map((m) => `${m.to} ${m.subject}`);
    expect(new Set(perRecipient).size).toBe(8);
  });
});

describe("the iCalendar feed", () => {
  const parse = (ics: string) =>
    new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((e) => {
      const start = e.getFirstPropertyValue("dtstart") as ICAL.Time;
      return {
        uid: String(e.getFirstPropertyValue("uid")),
        summary: String(e.getFirstPropertyValue("summary")),
        start,
        url: String(e.getFirstPropertyValue("url")),
      };
    });

  it("lists renewals, expiries, disables and conflict deadlines as all-day events, in the admin's language, for the token only", async () => {
    const admin = org.actors.BillingAdmin;
    const { token } = await createCalendarFeed(admin);
    const events = parse((await calendarFor(token, now))!);
    // The demo's dates, as seeded (relative to the seeding moment, which may be another UTC day than now).
    const ends = async (sku: string, autoRenew: boolean) =>
      (
        await org.prisma.subscription.findFirstOrThrow({
          where: { product: { skuPartNumber: sku }, autoRenew },
          orderBy: { endsAt: "asc" },
        })
      ).endsAt;
    const day = (date: Date, plus = 0) => addDays(date, plus).toISOString().slice(0, 10);
    const pbi = await ends("POWER_BI_PRO", false);
    const bpExpired = await ends("SPB", false);
    const bp = await ends("SPB", true);
    const e3Reduced = (await org.prisma.subscription.findFirstOrThrow({ where: { product: { skuPartNumber: "ENTERPRISEPACK" } } }))
      .reducedAt!;
    const summaries = events.map((e) => `${e.start.toString()} ${e.summary}`);
    expect(summaries).toEqual(
      expect.arrayContaining([
        `${day(pbi)} Expires: Power BI Pro`,
        `${day(pbi, 30)} Disabled: Power BI Pro`,
        `${day(bpExpired, 30)} Disabled: Microsoft 365 Business Premium`,
        `${day(bp)} Renews: Microsoft 365 Business Premium`,
        `${day(bpExpired, 30)} Users lose access: Microsoft 365 Business Premium`,
        `${day(e3Reduced, 90)} Users lose access: Office 365 E3`,
      ]),
    );
    for (const e of events) expect(e.start.isDate).toBe(true);
    // A stable UID per event: a calendar updates an event instead of adding it again.
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    expect(parse((await calendarFor(token, now))!).map((e) => e.uid)).toEqual(events.map((e) => e.uid));
    expect(events.find((e) => e.summary === "Users lose access: Office 365 E3")!.url).toMatch(/\/billing\/licenses\/[^/]+\/resolve$/);
    expect((await org.prisma.calendarFeed.findUniqueOrThrow({ where: { userId: admin.id } })).lastUsedAt).toEqual(now);
    // Only the hash is stored.
    expect(JSON.stringify(await org.prisma.calendarFeed.findMany())).not.toContain(token);

    await org.prisma.user.update({ where: { id: admin.id }, data: { preferredLocale: "nl-NL" } });
    expect(parse((await calendarFor(token, now))!).map((e) => e.summary)).toContain("Verloopt: Power BI Pro");
  });

  it("a new link ends the old one; a revoked link, a made-up one, or a former admin's answer nothing", async () => {
    const admin = org.actors.LicenseAdmin;
    const first = (await createCalendarFeed(admin)).token;
    const second = (await createCalendarFeed(admin)).token;
    expect(await calendarFor(first, now)).toBeNull();
    expect(await calendarFor(second, now)).not.toBeNull();
    await org.prisma.adminRole.deleteMany({ where: { userId: admin.id } });
    expect(await calendarFor(second, now)).toBeNull();
    expect(await calendarFor("x".repeat(43), now)).toBeNull();
    expect(await calendarFor("../../etc/passwd", now)).toBeNull();

    const other = org.actors.GlobalReader;
    const token = (await createCalendarFeed(other)).token;
    expect(await revokeCalendarFeed(other)).toEqual({ revoked: true });
    expect(await calendarFor(token, now)).toBeNull();
    expect(await revokeCalendarFeed(other)).toEqual({ revoked: false });
    const audit = await org.prisma.auditEvent.findMany({
      where: { action: "user.setCalendar", actorId: other.id },
      orderBy: { at: "asc" },
    });
    expect(audit.map((e) => JSON.parse(e.after!).feed)).toEqual(["created", "revoked"]);
  });
});
