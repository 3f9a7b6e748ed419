import type { Locale } from "@/lib/cloud";

/** Catalog namespaces: one JSON file per namespace and locale in messages/<locale>/. */
export const NAMESPACES = [
  "common",
  "auth",
  "licenses",
  "product",
  "users",
  "audit",
  "errors",
  "validation",
  "help",
  "export",
  "alerts",
  "provisioning",
  "groups",
  "webhooks",
  "apps",
] as const;

export type Namespace = (typeof NAMESPACES)[number];

export type Messages = Record<string, unknown>;

/**
 * The namespaces the browser gets, per part of the app: those its client components translate
 * with (useTranslations). Server components translate on the server, so the rest of the catalog
 * (about 60% of it) stays out of every page's payload. tests/unit/catalogs.test.ts checks that
 * each client component's namespace is sent where it renders.
 */
export const CLIENT_NAMESPACES = {
  shell: ["common", "auth", "help"],
  users: ["common", "auth", "help", "users"],
  product: ["common", "auth", "help", "product"],
  settings: ["common", "auth", "help", "alerts", "webhooks", "provisioning", "apps"],
  reclaim: ["common", "auth", "help", "licenses"],
} as const satisfies Record<string, readonly Namespace[]>;

export type ClientScope = keyof typeof CLIENT_NAMESPACES;

export function pickNamespaces(messages: Messages, namespaces: readonly Namespace[]): Messages {
  return Object.fromEntries(namespaces.map((ns) => [ns, messages[ns]]));
}

export async function loadMessages(locale: Locale): Promise<Messages> {
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => [ns, (await import(`../messages/${locale}/${ns}.json`)).default as unknown] as const),
  );
  return Object.fromEntries(entries);
}
