/**
 * Cloud variants a deployment can serve. One table drives help monikers, admin-center links,
 * default locale and currency, so adding a cloud or a link is a one-line change.
 */
export const CLOUDS = ["worldwide", "germany", "21vianet"] as const;
export type Cloud = (typeof CLOUDS)[number];

export const LOCALES = ["en-US", "nl-NL", "de-DE", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];

export interface CloudProfile {
  moniker: string;
  defaultLocale: Locale;
  currency: string;
  /** Whether licenses can be bought. Microsoft Cloud Germany closed to purchases in October 2021. */
  canPurchase: boolean;
}

export const CLOUD_PROFILES: Record<Cloud, CloudProfile> = {
  worldwide: { moniker: "o365-worldwide", defaultLocale: "en-US", currency: "USD", canPurchase: true },
  germany: { moniker: "o365-germany", defaultLocale: "de-DE", currency: "EUR", canPurchase: false },
  "21vianet": { moniker: "o365-21vianet", defaultLocale: "zh-CN", currency: "CNY", canPurchase: true },
};

/** Ordered moniker list: DocFX range comparisons (<, >=, …) use this order. */
export const MONIKERS = CLOUDS.map((cloud) => CLOUD_PROFILES[cloud].moniker);

export function isCloud(value: string): value is Cloud {
  return (CLOUDS as readonly string[]).includes(value);
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * Microsoft admin-center links (go.microsoft.com fwlink ids) that help articles use, mapped to the
 * page of this app that plays the same role. Articles grow this table, one row per link id.
 */
export interface AdminCenterLink {
  linkId: string;
  /** The cloud whose articles use this link id (documentation; the mapping applies to all). */
  cloud: Cloud;
  /** Path inside License Center. */
  path: string;
}

export const ADMIN_CENTER_LINKS: readonly AdminCenterLink[] = [
  // Billing > Licenses
  { linkId: "842264", cloud: "worldwide", path: "/billing/licenses" },
  { linkId: "848038", cloud: "germany", path: "/billing/licenses" },
  { linkId: "850625", cloud: "21vianet", path: "/billing/licenses" },
  // Billing > Your products: License Center lists the products on its Licenses page
  { linkId: "842054", cloud: "worldwide", path: "/billing/licenses" },
  { linkId: "847745", cloud: "germany", path: "/billing/licenses" },
  { linkId: "850626", cloud: "21vianet", path: "/billing/licenses" },
  // Users > Active users
  { linkId: "834822", cloud: "worldwide", path: "/users" },
  { linkId: "847686", cloud: "germany", path: "/users" },
  { linkId: "850628", cloud: "21vianet", path: "/users" },
  // Users > Deleted users
  { linkId: "2071581", cloud: "worldwide", path: "/users/deleted" },
  // Teams & groups > Active teams & groups
  { linkId: "2052855", cloud: "worldwide", path: "/groups" },
  // The admin center's home page
  { linkId: "2024339", cloud: "worldwide", path: "/" },
  { linkId: "848041", cloud: "germany", path: "/" },
  { linkId: "850627", cloud: "21vianet", path: "/" },
];

const FWLINK_HOSTS = new Set(["go.microsoft.com"]);

/**
 * The app path for a Microsoft admin-center fwlink, or null when the URL is not a known one. An
 * unknown fwlink stays as it is: each cloud's articles use that cloud's link ids, and
 * go.microsoft.com sends the admin to the right admin center (billing, domains, usage…).
 */
export function adminCenterPath(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (!FWLINK_HOSTS.has(url.hostname.toLowerCase()) || !/^\/fwlink(\/|$)/i.test(url.pathname)) return null;
  const linkId = [...url.searchParams].find(([key]) => key.toLowerCase() === "linkid")?.[1];
  return ADMIN_CENTER_LINKS.find((link) => link.linkId === linkId)?.path ?? null;
}
