/**
 * Signed webhooks for the alerts (issue 14), on the demo organization, sent to a real HTTP
 * receiver on loopback that checks every request with the Standard Webhooks reference library
 * (standardwebhooks' Webhook.verify), using the secret shown when the endpoint was added. At the
 * seeding moment the demo has four alerts due (tests/integration/alerts.test.ts): two conflicts
 * created, a subscription being disabled and one expiring.
 */
import { spawn } from "node:child_process";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ALERT_KINDS, type AlertKind } from "@/lib/domain/alerts";
import { runAlertChecks } from "@/server/alerts/scheduler";
import { USER_AGENT } from "@/server/alerts/webhooks";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  findWebhookDeliveries,
  findWebhookEndpoints,
  rotateWebhookSecret,
  sendTestWebhook,
  setWebhookEnabled,
} from "@/server/data/webhooks";
import { assertInvariants } from "../support/invariants";
import { startMailServer, type MailServer } from "../support/mail-server";
import { auditIds, auditSince, expectRefusedIn, freshOrg, type Org } from "../support/org";

const root = path.join(import.meta.dirname, "../..");
const APP = "https://licenses.contoso.example";
const HOOKS = { appUrl: APP, timeoutMs: 1_000 };

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver: records every request; `answers[path]` is a queue of statuses to answer (200 once empty). */
interface Receiver {
  url(path: string): string;
  received: Received[];
  answers: Record<string, number[]>;
  /** Paths that wait this many milliseconds before answering. */
  delays: Record<string, number>;
  /** Runs before the answer (e.g. to change the database while a message is in flight). */
  before: Record<string, () => Promise<unknown>>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const answers: Record<string, number[]> = {};
  const delays: Record<string, number> = {};
  const before: Record<string, () => Promise<unknown>> = {};
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const at = request.url ?? "/";
      received.push({ path: at, headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = answers[at]?.shift() ?? 200;
      const reply = () => {
        if (status >= 300 && status < 400) response.writeHead(status, { location: "/redirected" }).end();
        else response.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : `receiver says ${status}`);
      };
      const hook = before[at];
      if (hook) void hook().then(reply, reply);
      else if (delays[at]) setTimeout(reply, delays[at]);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    received,
    answers,
    delays,
    before,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Checks a request as a receiver would; returns its parsed payload. Throws when the signature is wrong. */
function verify(secret: string, request: Received): { type: string; timestamp: string; data: Record<string, unknown> } {
  const headers = {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  };
  return new Webhook(secret).verify(request.body, headers) as { type: string; timestamp: string; data: Record<string, unknown> };
}

let receiver: Receiver;
let org: Org;
let now: Date;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(async () => {
  org = await freshOrg();
  receiver.received.length = 0;
  for (const key of Object.keys(receiver.answers)) delete receiver.answers[key];
  for (const key of Object.keys(receiver.delays)) delete receiver.delays[key];
  for (const key of Object.keys(receiver.before)) delete receiver.before[key];
  // A minute after the seed: the demo's dates are relative to its seeding moment.
  now = new Date(Date.now() + 60_000);
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

const at = (p: string) => receiver.received.filter((r) => r.path === p);
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

async function endpoint(p: string, kinds: readonly AlertKind[] = ALERT_KINDS) {
  return createWebhookEndpoint(org.actors.GlobalAdmin, { url: receiver.url(p), description: p, kinds });
}

describe("alerts as signed webhooks", () => {
  it("sends each alert once to every enabled endpoint of its kind, signed with the secret shown at creation", async () => {
    const all = await endpoint("/all");
    const conflicts = await endpoint("/conflicts", ["conflict.created"]);
    const off = await endpoint("/off");
    await setWebhookEnabled(org.actors.GlobalAdmin, { endpointId: off.endpointId, enabled: false });

    await runAlertChecks(now, null, HOOKS);

    const e3 = await org.productId("e3");
    const pbi = await org.productId("pbi");
    const payloads = at("/all").map((request) => verify(all.secret, request));
    expect(payloads.map((p) => p.type).sort()).toEqual(
      ["conflict.created", "conflict.created", "subscription.disabling", "subscription.expiring"].sort(),
    );
    expect(at("/conflicts").map((request) => verify(conflicts.secret, request).type)).toEqual(["conflict.created", "conflict.created"]);
    expect(at("/off")).toEqual([]);

    const expiring = payloads.find((p) => p.type === "subscription.expiring")!;
    const alert = await org.prisma.alert.findFirstOrThrow({ where: { kind: "subscription.expiring" } });
    expect(expiring).toEqual({
      type: "subscription.expiring",
      timestamp: alert.raisedAt.toISOString(),
      data: {
        alertId: alert.id,
        productId: pbi,
        productName: "Power BI Pro",
        subscriptionId: alert.subscriptionId,
        dueAt: alert.dueAt!.toISOString(),
        daysAhead: 30,
        users: 2,
        licenses: 6,
        url: `${APP}/billing/licenses/${pbi}`,
      },
    });
    const e3Conflict = payloads.find((p) => p.type === "conflict.created" && p.data.productId === e3)!;
    expect(e3Conflict.data).toMatchObject({ url: `${APP}/billing/licenses/${e3}/resolve`, users: 3, dueAt: null, daysAhead: null });

    const request = at("/all")[0]!;
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["user-agent"]).toBe(USER_AGENT);
    expect(request.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);
    // Six messages, six different ids, each the id of its delivery row.
    const ids = receiver.received.map((r) => String(r.headers["webhook-id"]));
    expect(new Set(ids).size).toBe(6);
    const deliveries = await org.prisma.webhookDelivery.findMany({ select: { id: true, status: true, attempts: true, lastStatus: true } });
    expect(deliveries.map((d) => d.id).sort()).toEqual([...ids].sort());
    expect(deliveries.every((d) => d.status === "sent" && d.attempts === 1 && d.lastStatus === 200)).toBe(true);

    // Another pass, later on the same day: nothing new is due, nothing is sent again.
    await runAlertChecks(minutes(30), null, HOOKS);
    expect(receiver.received).toHaveLength(6);

    const listed = await findWebhookEndpoints(org.actors.GlobalAdmin);
    expect(listed.map((e) => [e.url, e.enabled, e.lastDelivery?.status ?? null])).toEqual([
      [receiver.url("/all"), true, "sent"],
      [receiver.url("/conflicts"), true, "sent"],
      [receiver.url("/off"), false, null],
    ]);
    expect(JSON.stringify(listed)).not.toContain("whsec_");
  });

  it("a wrong secret or an altered body fails verification: the receiver's check is a real one", async () => {
    const { secret } = await endpoint("/all");
    await runAlertChecks(now, null, HOOKS);
    const request = at("/all")[0]!;
    expect(() => verify(secret, request)).not.toThrow();
    const other = (await endpoint("/other")).secret;
    expect(() => verify(other, request)).toThrow(WebhookVerificationError);
    // The same secret with one bit changed.
    const bytes = Buffer.from(secret.slice(6), "base64");
    bytes[0]! ^= 1;
    const tampered = `whsec_${bytes.toString("base64")}`;
    expect(() => verify(tampered, request)).toThrow(WebhookVerificationError);
    expect(() => verify(secret, { ...request, body: request.body.replace('"data":{', '"data":{"extra":1,') })).toThrow(
      WebhookVerificationError,
    );
  });

  it("a receiver answering 500 gets the same message again after the back-off, with the same webhook-id, until it answers 2xx", async () => {
    const { secret } = await endpoint("/flaky", ["subscription.expiring"]);
    receiver.answers["/flaky"] = [500];
    await runAlertChecks(now, null, HOOKS);
    const [first] = at("/flaky");
    expect(first).toBeDefined();
    const failed = await org.prisma.webhookDelivery.findFirstOrThrow();
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lastStatus: 500, lastError: "HTTP 500: receiver says 500" });
    expect(failed.nextAttemptAt).toEqual(minutes(1));

    await runAlertChecks(new Date(now.getTime() + 30_000), null, HOOKS);
    expect(at("/flaky")).toHaveLength(1);
    await runAlertChecks(minutes(1), null, HOOKS);
    const [, second] = at("/flaky");
    expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
    expect(second!.body).toBe(first!.body);
    expect(verify(secret, second!).type).toBe("subscription.expiring");
    expect(await org.prisma.webhookDelivery.findFirstOrThrow()).toMatchObject({
      status: "sent",
      attempts: 2,
      lastStatus: 200,
      lastError: null,
    });

    const log = await findWebhookDeliveries(org.actors.GlobalAdmin, 1);
    expect(log.total).toBe(1);
    expect(log.rows[0]).toMatchObject({ endpointUrl: receiver.url("/flaky"), kind: "subscription.expiring", status: "sent", attempts: 2 });
  });

  it("a timeout, a refused connection and a redirect are failures; after six attempts the message has failed", async () => {
    await endpoint("/slow", ["subscription.expiring"]);
    await endpoint("/moved", ["subscription.disabling"]);
    await createWebhookEndpoint(org.actors.GlobalAdmin, { url: "http://127.0.0.1:9/nobody", description: "", kinds: ["conflict.created"] });
    receiver.delays["/slow"] = 1_500;
    receiver.answers["/moved"] = [302, 302, 302, 302, 302, 302];
    const backoff = [0, 1, 6, 36, 156, 516];
    for (const minute of backoff) await runAlertChecks(minutes(minute), null, HOOKS);

    const rows = await org.prisma.webhookDelivery.findMany({
      select: { kind: true, status: true, attempts: true, lastStatus: true, lastError: true },
      orderBy: { kind: "asc" },
    });
    expect(rows).toEqual([
      { kind: "conflict.created", status: "failed", attempts: 6, lastStatus: null, lastError: expect.stringContaining("fetch failed") },
      { kind: "conflict.created", status: "failed", attempts: 6, lastStatus: null, lastError: expect.stringContaining("fetch failed") },
      { kind: "subscription.disabling", status: "failed", attempts: 6, lastStatus: 302, lastError: "HTTP 302" },
      { kind: "subscription.expiring", status: "failed", attempts: 6, lastStatus: null, lastError: "no answer within 1 s" },
    ]);
    // The redirect was never followed.
    expect(at("/redirected")).toEqual([]);
    expect(at("/moved")).toHaveLength(6);
    // Failed for good: a later pass tries nothing more.
    const count = receiver.received.length;
    await runAlertChecks(minutes(2000), null, HOOKS);
    expect(receiver.received).toHaveLength(count);
  });

  it("a disabled endpoint gets nothing; its messages wait and go out once it is enabled again", async () => {
    const { endpointId, secret } = await endpoint("/paused", ["conflict.created"]);
    await setWebhookEnabled(org.actors.GlobalAdmin, { endpointId, enabled: false });
    await runAlertChecks(now, null, HOOKS);
    expect(at("/paused")).toEqual([]);
    // Disabled when the alerts were raised: none was queued for it.
    expect(await org.prisma.webhookDelivery.count()).toBe(0);

    await setWebhookEnabled(org.actors.GlobalAdmin, { endpointId, enabled: true });
    const { messageId } = await sendTestWebhook(org.actors.GlobalAdmin, { endpointId }, now);
    await setWebhookEnabled(org.actors.GlobalAdmin, { endpointId, enabled: false });
    await runAlertChecks(minutes(1), null, HOOKS);
    expect(at("/paused")).toEqual([]);
    await setWebhookEnabled(org.actors.GlobalAdmin, { endpointId, enabled: true });
    await runAlertChecks(minutes(2), null, HOOKS);
    expect(at("/paused").map((r) => r.headers["webhook-id"])).toEqual([messageId]);
    expect(verify(secret, at("/paused")[0]!)).toMatchObject({
      type: "webhook.test",
      data: { endpointId, url: `${APP}/settings/webhooks` },
    });
  });

  it("an endpoint deleted while its message is in flight: the pass goes on with the others", async () => {
    const { endpointId } = await endpoint("/deleted-meanwhile", ["subscription.expiring"]);
    await endpoint("/stays", ["subscription.expiring"]);
    receiver.before["/deleted-meanwhile"] = () => deleteWebhookEndpoint(org.actors.GlobalAdmin, { endpointId });
    await runAlertChecks(now, null, HOOKS);
    expect(at("/deleted-meanwhile")).toHaveLength(1);
    expect(at("/stays")).toHaveLength(1);
    expect(await org.prisma.webhookDelivery.findMany({ select: { status: true } })).toEqual([{ status: "sent" }]);
  });

  it("after a rotation the message carries both signatures for 24 hours, then the new one only", async () => {
    const { endpointId, secret: old } = await endpoint("/rotated", ["conflict.created"]);
    const { secret } = await rotateWebhookSecret(org.actors.GlobalAdmin, { endpointId }, now);
    expect(secret).not.toBe(old);
    await sendTestWebhook(org.actors.GlobalAdmin, { endpointId }, now);
    await runAlertChecks(now, null, HOOKS);
    const signed = at("/rotated");
    expect(signed.length).toBeGreaterThan(0);
    for (const request of signed) {
      expect(String(request.headers["webhook-signature"]).split(" ")).toHaveLength(2);
      expect(() => verify(secret, request)).not.toThrow();
      expect(() => verify(old, request)).not.toThrow();
    }
    await sendTestWebhook(org.actors.GlobalAdmin, { endpointId }, minutes(24 * 60 + 1));
    await runAlertChecks(minutes(24 * 60 + 1), null, HOOKS);
    const later = at("/rotated").at(-1)!;
    expect(String(later.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(() => verify(secret, later)).not.toThrow();
    expect(() => verify(old, later)).toThrow(WebhookVerificationError);
  });

  it("stores the secret encrypted, never in plain text, and never in the audit log", async () => {
    const audit = await auditIds(org.prisma);
    const { endpointId, secret } = await endpoint("/stored");
    const { secret: rotated } = await rotateWebhookSecret(org.actors.GlobalAdmin, { endpointId });
    const row = await org.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    const stored = JSON.stringify(row);
    for (const s of [secret, rotated]) {
      expect(stored).not.toContain(s);
      expect(stored).not.toContain(s.slice(6));
    }
    expect(row.secret).toMatch(/^v1\./);
    const events = await auditSince(org.prisma, audit);
    expect(events.map((e) => [e.action, e.targetType, e.targetId, e.result])).toEqual([
      ["webhook.manage", "webhook", endpointId, "success"],
      ["webhook.manage", "webhook", endpointId, "success"],
    ]);
    expect(JSON.stringify(events)).not.toContain("whsec_");
    // A value altered at rest no longer decrypts: the message isn't sent, and the log says why.
    await org.prisma.webhookEndpoint.update({ where: { id: endpointId }, data: { secret: row.secret.slice(0, -4) + "AAAA" } });
    await sendTestWebhook(org.actors.GlobalAdmin, { endpointId }, now);
    await runAlertChecks(now, null, HOOKS);
    expect(at("/stored")).toEqual([]);
    expect((await org.prisma.webhookDelivery.findFirstOrThrow({ where: { kind: "webhook.test" } })).lastError).toContain(
      "cannot be decrypted",
    );
  });
});

describe("refusals change nothing", () => {
  it("the same URL twice (a double submit), an unknown endpoint, a test event to a disabled one, a second delete", async () => {
    const { endpointId } = await endpoint("/once");
    await expectRefusedIn(org, () => endpoint("/once"), "WEBHOOK_URL_TAKEN");
    const unknown = "clnotanendpoint000000000";
    await expectRefusedIn(org, () => rotateWebhookSecret(org.actors.GlobalAdmin, { endpointId: unknown }), "NOT_FOUND");
    await expectRefusedIn(org, () => setWebhookEnabled(org.actors.GlobalAdmin, { endpointId: unknown, enabled: false }), "NOT_FOUND");
    await expectRefusedIn(org, () => sendTestWebhook(org.actors.GlobalAdmin, { endpointId: unknown }), "NOT_FOUND");
    await setWebhookEnabled(org.actors.GlobalAdmin, { endpointId, enabled: false });
    await expectRefusedIn(org, () => sendTestWebhook(org.actors.GlobalAdmin, { endpointId }), "WEBHOOK_DISABLED");
    expect(await org.prisma.webhookDelivery.count()).toBe(0);
    await deleteWebhookEndpoint(org.actors.GlobalAdmin, { endpointId });
    await expectRefusedIn(org, () => deleteWebhookEndpoint(org.actors.GlobalAdmin, { endpointId }), "NOT_FOUND");
    expect(await org.prisma.webhookEndpoint.count()).toBe(0);
  });

  it.each(["BillingAdmin", "LicenseAdmin", "UserAdmin", "GlobalReader"] as const)(
    "a %s can't list the endpoints or the log",
    async (role) => {
      await endpoint("/hidden");
      await expectRefusedIn(org, () => findWebhookEndpoints(org.actors[role]), "FORBIDDEN");
      await expectRefusedIn(org, () => findWebhookDeliveries(org.actors[role], 1), "FORBIDDEN");
    },
  );
});

function runWorker(when: Date, smtpPort: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/support/alerts-worker.ts", String(smtpPort), when.toISOString(), APP],
      { cwd: root, env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`alerts worker exited with ${code}: ${errors}`))));
  });
}

describe("several server instances", () => {
  let smtp: MailServer;
  beforeAll(async () => {
    smtp = await startMailServer();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it("three instances checking at the same moment deliver each message once", { timeout: 60_000 }, async () => {
    const { secret } = await endpoint("/shared");
    await Promise.all([runWorker(now, smtp.port), runWorker(now, smtp.port), runWorker(now, smtp.port)]);
    const requests = at("/shared");
    expect(requests).toHaveLength(4);
    expect(new Set(requests.map((r) => r.headers["webhook-id"])).size).toBe(4);
    for (const request of requests) expect(() => verify(secret, request)).not.toThrow();
    expect(await org.prisma.webhookDelivery.groupBy({ by: ["status"], _count: true })).toEqual([{ status: "sent", _count: 4 }]);
  });
});
