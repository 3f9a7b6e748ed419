/** Webhooks without a server: which URLs an endpoint may have, its kinds, the payload, the secrets at rest. */
import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { ALERT_KINDS } from "@/lib/domain/alerts";
import {
  alertPayload,
  MAX_URL_LENGTH,
  parseKinds,
  storeKinds,
  testPayload,
  truncateForLog,
  webhookUrlProblem,
  type AlertEventSource,
} from "@/lib/domain/webhooks";
import { webhookCreateSchema } from "@/lib/validation";
import { decryptSecret, deriveSecretKey, encryptSecret, generateWebhookSecret, newMessageId } from "@/server/alerts/webhook-crypto";

describe("an endpoint's URL", () => {
  const long = `https://hooks.example/${"a".repeat(MAX_URL_LENGTH - 22)}`;
  it.each<[string, string | null]>([
    ["https://hooks.contoso.example/license-center", null],
    ["http://127.0.0.1:8080/hook?token=abc", null],
    ["HTTPS://HOOKS.EXAMPLE/", null],
    [long, null],
    [`${long}a`, "webhookUrlTooLong"],
    ["ftp://hooks.example/", "webhookUrlInvalid"],
    ["javascript:alert(1)", "webhookUrlInvalid"],
    ["hooks.example/path", "webhookUrlInvalid"],
    ["https://", "webhookUrlInvalid"],
    ["https://exa mple.com/", "webhookUrlInvalid"],
    ["", "webhookUrlInvalid"],
    ["https://user:pass@hooks.example/", "webhookUrlCredentials"],
    ["https://user@hooks.example/", "webhookUrlCredentials"],
  ])("%s → %s", (url, problem) => {
    expect(webhookUrlProblem(url)).toBe(problem);
  });

  it("the form's schema trims, says what is wrong, and needs at least one kind", () => {
    expect(webhookCreateSchema.parse({ url: " https://hooks.example/a ", kinds: ["conflict.created"] })).toEqual({
      url: "https://hooks.example/a",
      description: "",
      kinds: ["conflict.created"],
    });
    const bad = webhookCreateSchema.safeParse({ url: "https://u:p@hooks.example/", description: "x".repeat(501), kinds: [] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["url", "webhookUrlCredentials"],
      ["description", "descriptionTooLong"],
      ["kinds", "selectAlertKind"],
    ]);
    expect(webhookCreateSchema.safeParse({ url: "https://hooks.example/", kinds: ["licenses.nope"] }).success).toBe(false);
  });
});

describe("an endpoint's kinds", () => {
  it("are stored in ALERT_KINDS order and read back without unknown or malformed entries", () => {
    expect(storeKinds(["conflict.deadline", "subscription.expiring"])).toBe('["subscription.expiring","conflict.deadline"]');
    expect(parseKinds('["conflict.created","nope",3,"conflict.created"]')).toEqual(["conflict.created"]);
    expect(parseKinds("not json")).toEqual([]);
    expect(parseKinds('{"a":1}')).toEqual([]);
    expect(parseKinds(storeKinds(ALERT_KINDS))).toEqual([...ALERT_KINDS]);
  });
});

describe("the payload", () => {
  const alert: AlertEventSource = {
    id: "clalert000000000000000001",
    kind: "subscription.expiring",
    productId: "clproduct/with space",
    subscriptionId: "clsub0000000000000000001",
    dueAt: new Date("2027-01-31T00:00:00.000Z"),
    daysAhead: 30,
    raisedAt: new Date("2027-01-01T08:00:00.000Z"),
    detail: { productName: "Power BI Pro", users: 2, licenses: 6 },
  };

  it("carries the type, when the alert was raised, its figures and a link to the page that resolves it", () => {
    expect(alertPayload(alert, "https://licenses.contoso.example/")).toEqual({
      type: "subscription.expiring",
      timestamp: "2027-01-01T08:00:00.000Z",
      data: {
        alertId: alert.id,
        productId: alert.productId,
        productName: "Power BI Pro",
        subscriptionId: alert.subscriptionId,
        dueAt: "2027-01-31T00:00:00.000Z",
        daysAhead: 30,
        users: 2,
        licenses: 6,
        url: "https://licenses.contoso.example/billing/licenses/clproduct%2Fwith%20space",
      },
    });
  });

  it.each(["conflict.created", "conflict.deadline"] as const)("%s links to the resolution page", (kind) => {
    const payload = alertPayload({ ...alert, kind, subscriptionId: null, detail: { productName: "E3", users: 3 } }, "https://lc.example");
    expect(payload.data).toMatchObject({ url: "https://lc.example/billing/licenses/clproduct%2Fwith%20space/resolve", licenses: null });
  });

  it("a test event names its endpoint and links to the settings", () => {
    expect(testPayload("clendpoint", new Date("2027-01-01T00:00:00Z"), "https://lc.example")).toEqual({
      type: "webhook.test",
      timestamp: "2027-01-01T00:00:00.000Z",
      data: { endpointId: "clendpoint", url: "https://lc.example/settings/webhooks" },
    });
  });

  it("the log keeps one line of at most 500 characters of an answer", () => {
    expect(truncateForLog("HTTP 500:\n  <html>\n</html>")).toBe("HTTP 500: <html> </html>");
    const cut = truncateForLog("x".repeat(2000));
    expect(cut).toHaveLength(500);
    expect(cut.endsWith("…")).toBe(true);
  });
});

describe("secrets", () => {
  const key = deriveSecretKey("a-session-secret-of-at-least-32-characters");

  it("are Standard Webhooks secrets that the reference library signs with", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
    const id = newMessageId();
    expect(id).toMatch(/^msg_[0-9a-f]{32}$/);
    const signature = new Webhook(secret).sign(id, new Date(), "{}");
    expect(signature).toMatch(/^v1,/);
  });

  it("round-trip through AES-256-GCM, with a new nonce every time", () => {
    const secret = generateWebhookSecret();
    const a = encryptSecret(secret, key);
    const b = encryptSecret(secret, key);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret.slice(6));
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(decryptSecret(a, key)).toBe(secret);
    expect(decryptSecret(b, key)).toBe(secret);
  });

  it("don't decrypt with another NEXTAUTH_SECRET's key, or once altered", () => {
    const stored = encryptSecret(generateWebhookSecret(), key);
    expect(() => decryptSecret(stored, deriveSecretKey("another-session-secret-of-32-characters!"))).toThrow();
    const [v, iv, tag, data] = stored.split(".");
    const flipped = Buffer.from(data!, "base64url");
    flipped[0]! ^= 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64url")].join("."), key)).toThrow();
    expect(() => decryptSecret("whsec_plain", key)).toThrow("not an encrypted webhook secret");
  });

  it("the key is derived, 32 bytes, the same for the same NEXTAUTH_SECRET", () => {
    expect(key).toHaveLength(32);
    expect(deriveSecretKey("a-session-secret-of-at-least-32-characters").equals(key)).toBe(true);
  });
});
