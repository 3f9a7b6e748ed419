import { describe, expect, it } from "vitest";
import { alertKey, dueThreshold, MAX_ATTEMPTS, nextAttemptAfter, wantsEmail, type AlertKind } from "@/lib/domain/alerts";
import { renderAlertEmail } from "@/server/alerts/email";

const DAY = 86_400_000;
const due = new Date("2027-01-12T09:00:00Z");
const daysBefore = (days: number) => new Date(due.getTime() - days * DAY);

describe("dueThreshold", () => {
  const thresholds = [30, 7, 1];
  it.each([
    [31, [], null],
    [30, [], 30],
    [29, [30], null],
    [7, [30], 7],
    [6.5, [30, 7], null],
    [1, [30, 7], 1],
    [0.5, [30, 7, 1], null],
    // Down from 31 to 5 days before: the 7-day alert only; the 30-day one is never sent after it.
    [5, [], 7],
    [4, [7], null],
    // Down until the last day: only the 1-day alert.
    [0.2, [], 1],
    // On or after the date: nothing is "ahead" any more.
    [0, [], null],
    [-1, [], null],
  ] as const)("%s days before, with %j raised: %s", (days, raised, expected) => {
    expect(dueThreshold(due, daysBefore(days), thresholds, raised)).toBe(expected);
  });
});

describe("who gets an alert by email", () => {
  const none = new Map<AlertKind, boolean>();
  it("by role unless the admin chose: Billing admins the subscription alerts, License admins the conflict alerts, Global admins all", () => {
    expect(wantsEmail("subscription.expiring", ["BillingAdmin"], none)).toBe(true);
    expect(wantsEmail("conflict.created", ["BillingAdmin"], none)).toBe(false);
    expect(wantsEmail("conflict.deadline", ["LicenseAdmin"], none)).toBe(true);
    expect(wantsEmail("subscription.disabling", ["LicenseAdmin"], none)).toBe(false);
    expect(wantsEmail("conflict.created", ["GlobalAdmin"], none)).toBe(true);
    expect(wantsEmail("conflict.created", ["GlobalReader", "UserAdmin"], none)).toBe(false);
    expect(wantsEmail("conflict.created", ["BillingAdmin", "LicenseAdmin"], none)).toBe(true);
  });
  it("an admin's own choice wins either way", () => {
    expect(wantsEmail("conflict.created", ["GlobalAdmin"], new Map([["conflict.created", false]]))).toBe(false);
    expect(wantsEmail("conflict.created", ["GlobalReader"], new Map([["conflict.created", true]]))).toBe(true);
  });
});

describe("retries and keys", () => {
  it("backs off 1, 5, 30, 120, 360 minutes, then gives up", () => {
    const now = new Date("2027-01-01T00:00:00Z");
    expect([1, 2, 3, 4, 5].map((n) => (nextAttemptAfter(n, now)!.getTime() - now.getTime()) / 60_000)).toEqual([1, 5, 30, 120, 360]);
    expect(nextAttemptAfter(MAX_ATTEMPTS, now)).toBeNull();
  });
  it("a key names kind, subject, date and threshold", () => {
    expect(alertKey("subscription.expiring", "sub1", due, 7)).toBe("subscription.expiring:sub1:2027-01-12T09:00:00.000Z:7");
    expect(alertKey("conflict.created", "p1", due, null)).toBe("conflict.created:p1:2027-01-12T09:00:00.000Z:-");
  });
});

describe("renderAlertEmail", () => {
  const hostile = { productName: '<img src=x onerror="alert(1)">Visio & co', licenses: 25, users: 7 };
  it("states the date and the users in the admin's language, links to the page, and escapes names", async () => {
    const en = await renderAlertEmail(
      { kind: "subscription.expiring", productId: "p/1", dueAt: due, detail: hostile },
      "en-US",
      "https://lc.example",
    );
    expect(en.subject).toBe('<img src=x onerror="alert(1)">Visio & co: a subscription expires on January 12, 2027');
    expect(en.text).toContain("On January 12, 2027, the 25 licenses of a");
    expect(en.text).toContain("7 users will then need a valid license.");
    expect(en.text).toContain("https://lc.example/billing/licenses/p%2F1");
    expect(en.html).not.toContain("<img");
    expect(en.html).toContain("&#x3C;img src=x");
    const nl = await renderAlertEmail(
      { kind: "conflict.deadline", productId: "p1", dueAt: due, detail: hostile },
      "nl-NL",
      "https://lc.example",
    );
    expect(nl.subject).toContain("7 gebruikers verliezen op 12 januari 2027 de toegang");
    expect(nl.html).toContain('href="https://lc.example/billing/licenses/p1/resolve"');
    const zh = await renderAlertEmail(
      { kind: "subscription.expiring", productId: "p1", dueAt: due, detail: { ...hostile, users: 0 } },
      "zh-CN",
      "https://lc.example",
    );
    expect(zh.text).toContain("其他订阅仍覆盖所有已分配的用户。");
    // An unknown saved language falls back to en-US.
    expect(
      (await renderAlertEmail({ kind: "conflict.created", productId: "p1", dueAt: null, detail: hostile }, "xx", "https://lc.example"))
        .subject,
    ).toMatch(/7 users need a valid license$/);
  });
});
