import "server-only";
import { createHash, randomBytes } from "node:crypto";
import ICAL from "ical.js";
import { createTranslator } from "use-intl/core";
import { CLOUD_PROFILES, isLocale, type Locale } from "@/lib/cloud";
import { env } from "@/lib/env";
import { addDays, EXPIRED_GRACE_DAYS, lifecycleState } from "@/lib/domain/lifecycle";
import { loadMessages } from "@/i18n/messages";
import type reference from "@/messages/en-US/alerts.json";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { transaction } from "../db";
import { recordAudit } from "../data/audit-write";
import { aggregateSummaries } from "../data/totals";

/** A feed token: 32 random bytes, base64url (43 characters). Only its SHA-256 is stored. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function hashOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface CalendarFeedState {
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** Whether the signed-in admin has a calendar feed, since when, and when a calendar last read it. */
export async function getCalendarFeed(actor: Actor): Promise<CalendarFeedState | null> {
  await authorize(actor, "user.setCalendar", actor.id);
  return transaction((tx) => tx.calendarFeed.findUnique({ where: { userId: actor.id }, select: { createdAt: true, lastUsedAt: true } }));
}

/**
 * Creates the signed-in admin's calendar feed, or replaces it (the old URL stops working at once),
 * and answers with its token, which is never shown again. One transaction with its audit record.
 */
export async function createCalendarFeed(actor: Actor): Promise<{ token: string }> {
  await authorize(actor, "user.setCalendar", actor.id);
  const token = randomBytes(32).toString("base64url");
  await transaction(async (tx) => {
    const replaced = await tx.calendarFeed.deleteMany({ where: { userId: actor.id } });
    await tx.calendarFeed.create({ data: { userId: actor.id, tokenHash: hashOf(token) } });
    await recordAudit(tx, actor, {
      action: "user.setCalendar",
      targetId: actor.id,
      after: { feed: replaced.count > 0 ? "replaced" : "created" },
    });
  });
  return { token };
}

/** Revokes the signed-in admin's calendar feed: its URL answers 404 from now on. */
export async function revokeCalendarFeed(actor: Actor): Promise<{ revoked: boolean }> {
  await authorize(actor, "user.setCalendar", actor.id);
  return transaction(async (tx) => {
    const { count } = await tx.calendarFeed.deleteMany({ where: { userId: actor.id } });
    if (count > 0) await recordAudit(tx, actor, { action: "user.setCalendar", targetId: actor.id, after: { feed: "revoked" } });
    return { revoked: count > 0 };
  });
}

interface FeedEvent {
  uid: string;
  day: Date;
  summary: string;
  description: string;
  path: string;
}

function dateOnly(date: Date): ICAL.Time {
  return ICAL.Time.fromDateString(date.toISOString().slice(0, 10));
}

function dateProperty(name: string, date: Date): ICAL.Property {
  const property = new ICAL.Property(name);
  property.resetType("date");
  property.setValue(dateOnly(date));
  return property;
}

/**
 * The iCalendar feed of the admin whose token this is (null for an unknown or revoked token, or a
 * user who is no longer an enabled admin): renewals, expiries, disables and conflict deadlines of
 * every subscription and product still ahead, as all-day events in the admin's language, each
 * with a stable UID so a calendar updates an event instead of adding it again.
 */
export async function calendarFor(token: string, now = new Date()): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const data = await transaction(async (tx) => {
    const feed = await tx.calendarFeed.findUnique({
      where: { tokenHash: hashOf(token) },
      select: {
        id: true,
        user: { select: { deletedAt: true, accountEnabled: true, preferredLocale: true, roles: { select: { role: true } } } },
      },
    });
    if (!feed || feed.user.deletedAt || !feed.user.accountEnabled || feed.user.roles.length === 0) return null;
    await tx.calendarFeed.update({ where: { id: feed.id }, data: { lastUsedAt: now } });
    const [subscriptions, summaries, products] = await Promise.all([
      tx.subscription.findMany({
        where: { endsAt: { gt: addDays(now, -EXPIRED_GRACE_DAYS) } },
        orderBy: { endsAt: "asc" },
        select: { id: true, productId: true, quantity: true, endsAt: true, autoRenew: true },
      }),
      aggregateSummaries(tx, undefined, now),
      tx.product.findMany({ select: { id: true, displayName: true } }),
    ]);
    return { locale: feed.user.preferredLocale, subscriptions, summaries, products };
  });
  if (!data) return null;

  const config = env();
  const locale: Locale = data.locale && isLocale(data.locale) ? data.locale : CLOUD_PROFILES[config.LICENSE_CENTER_CLOUD].defaultLocale;
  const messages = (await loadMessages(locale)) as { alerts: typeof reference };
  const t = createTranslator({ locale, messages, namespace: "alerts.calendar", timeZone: "UTC" });
  const names = new Map(data.products.map((p) => [p.id, p.displayName]));

  const events: FeedEvent[] = [];
  for (const sub of data.subscriptions) {
    const values = { product: names.get(sub.productId) ?? "", licenses: sub.quantity };
    const path = `/billing/licenses/${encodeURIComponent(sub.productId)}`;
    const disableAt = addDays(sub.endsAt, EXPIRED_GRACE_DAYS);
    if (lifecycleState(sub, now) === "Active" && sub.autoRenew) {
      events.push({ uid: `${sub.id}-renews`, day: sub.endsAt, summary: t("renews", values), description: t("renewsDetail", values), path });
      continue;
    }
    if (lifecycleState(sub, now) === "Active")
      events.push({
        uid: `${sub.id}-expires`,
        day: sub.endsAt,
        summary: t("expires", values),
        description: t("expiresDetail", values),
        path,
      });
    events.push({
      uid: `${sub.id}-disabled`,
      day: disableAt,
      summary: t("disabled", values),
      description: t("disabledDetail", values),
      path,
    });
  }
  for (const [productId, summary] of data.summaries) {
    if (summary.conflicts === 0 || !summary.deadline || summary.deadline <= now) continue;
    const values = { product: names.get(productId) ?? "", users: summary.conflicts };
    events.push({
      uid: `${productId}-deadline-${summary.deadline.toISOString().slice(0, 10)}`,
      day: summary.deadline,
      summary: t("deadline", values),
      description: t("deadlineDetail", values),
      path: `/billing/licenses/${encodeURIComponent(productId)}/resolve`,
    });
  }

  const calendar = new ICAL.Component(["vcalendar", [], []]);
  calendar.updatePropertyWithValue("prodid", "-//License Center//Billing calendar//EN");
  calendar.updatePropertyWithValue("version", "2.0");
  calendar.updatePropertyWithValue("calscale", "GREGORIAN");
  calendar.updatePropertyWithValue("x-wr-calname", t("name"));
  const host = new URL(config.NEXTAUTH_URL ?? "http://localhost:3000");
  for (const event of events) {
    const vevent = new ICAL.Component("vevent");
    vevent.updatePropertyWithValue("uid", `${event.uid}@${host.hostname}`);
    vevent.updatePropertyWithValue("dtstamp", ICAL.Time.fromJSDate(now, true));
    vevent.addProperty(dateProperty("dtstart", event.day));
    vevent.addProperty(dateProperty("dtend", addDays(event.day, 1)));
    vevent.updatePropertyWithValue("summary", event.summary);
    vevent.updatePropertyWithValue("description", event.description);
    vevent.updatePropertyWithValue("url", new URL(event.path, host).toString());
    vevent.updatePropertyWithValue("transp", "TRANSPARENT");
    calendar.addSubcomponent(vevent);
  }
  return calendar.toString();
}
