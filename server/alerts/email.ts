import "server-only";
import { h } from "hastscript";
import { toHtml } from "hast-util-to-html";
import { createFormatter, createTranslator } from "use-intl/core";
import type reference from "@/messages/en-US/alerts.json";
import { isLocale, type Locale } from "@/lib/cloud";
import type { AlertKind } from "@/lib/domain/alerts";
import { loadMessages } from "@/i18n/messages";
import type { AlertDetail } from "./raise";

export interface AlertMessage {
  subject: string;
  text: string;
  html: string;
}

export interface AlertToRender {
  kind: AlertKind;
  productId: string;
  dueAt: Date | null;
  detail: AlertDetail;
}

const SUBJECT = {
  "subscription.expiring": "subject.subscriptionExpiring",
  "subscription.disabling": "subject.subscriptionDisabling",
  "conflict.created": "subject.conflictCreated",
  "conflict.deadline": "subject.conflictDeadline",
  "licenses.low": "subject.licensesLow",
} as const satisfies Record<AlertKind, string>;

/**
 * An alert's email in the admin's language: a subject, the facts (what happens when, to how many
 * users), what resolves it, and a link to the page that does. Plain text and HTML alike; the HTML
 * is built as a tree and serialized (hast), so a product's name can't inject markup. Dates are
 * shown in UTC, as in the app.
 */
export async function renderAlertEmail(alert: AlertToRender, locale: string, appUrl: string): Promise<AlertMessage> {
  const lang: Locale = isLocale(locale) ? locale : "en-US";
  // Every locale's catalog has en-US's keys (tests/unit/catalogs.test.ts): typed by en-US's.
  const messages = (await loadMessages(lang)) as { alerts: typeof reference };
  const t = createTranslator({ locale: lang, messages, namespace: "alerts", timeZone: "UTC" });
  const format = createFormatter({ locale: lang, timeZone: "UTC" });
  const date = alert.dueAt ? format.dateTime(alert.dueAt, { dateStyle: "long" }) : "";
  const values = {
    product: alert.detail.productName,
    date,
    users: alert.detail.users,
    licenses: alert.detail.licenses ?? 0,
    free: alert.detail.free ?? 0,
    threshold: alert.detail.threshold ?? 0,
  };

  const paragraphs: string[] = [];
  let path = `/billing/licenses/${encodeURIComponent(alert.productId)}`;
  switch (alert.kind) {
    case "subscription.expiring":
      paragraphs.push(
        t("body.subscriptionExpiring", values),
        t("body.subscriptionExpiringUsers", values),
        t("body.subscriptionExpiringAction"),
      );
      break;
    case "subscription.disabling":
      paragraphs.push(
        t("body.subscriptionDisabling", values),
        t("body.subscriptionDisablingUsers", values),
        t("body.subscriptionDisablingAction"),
      );
      break;
    case "conflict.created":
      paragraphs.push(t("body.conflictCreated", values), t("body.conflictAction"));
      path += "/resolve";
      break;
    case "conflict.deadline":
      paragraphs.push(t("body.conflictDeadline", values), t("body.conflictAction"));
      path += "/resolve";
      break;
    case "licenses.low":
      paragraphs.push(t("body.licensesLow", values), t("body.licensesLowAction"));
      break;
  }
  const link = new URL(path, appUrl).toString();
  const open = t("body.open", values);
  const footer = t("body.footer");
  const subject = t(SUBJECT[alert.kind], values);

  const text = [...paragraphs, `${open}: ${link}`, "—", footer].join("\n\n");
  const tree = h("html", { lang }, [
    h("head", [h("meta", { charset: "utf-8" }), h("title", subject)]),
    h("body", { style: "font-family: 'Segoe UI', system-ui, sans-serif; color: #1f1f1f; line-height: 1.5; max-width: 40rem" }, [
      h("h1", { style: "font-size: 1.25rem; font-weight: 600" }, subject),
      ...paragraphs.map((p) => h("p", p)),
      h("p", [
        h(
          "a",
          {
            href: link,
            style:
              "display: inline-block; background: #0f6cbd; color: #ffffff; padding: 0.5rem 1rem; border-radius: 4px; text-decoration: none",
          },
          open,
        ),
      ]),
      h("hr", { style: "border: none; border-top: 1px solid #d1d1d1" }),
      h("p", { style: "font-size: 0.875rem; color: #616161" }, footer),
    ]),
  ]);
  return { subject, text, html: `<!doctype html>${toHtml(tree)}` };
}
