import type { Locale } from "@/lib/cloud";

/** Catalog namespaces: one JSON file per namespace and locale in messages/<locale>/. */
export const NAMESPACES = ["common", "auth", "licenses", "product", "users", "audit", "errors", "validation", "help", "export"] as const;

export type Messages = Record<string, unknown>;

export async function loadMessages(locale: Locale): Promise<Messages> {
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => [ns, (await import(`../messages/${locale}/${ns}.json`)).default as unknown] as const),
  );
  return Object.fromEntries(entries);
}
