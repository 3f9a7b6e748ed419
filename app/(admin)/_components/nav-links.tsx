"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

const SECTIONS = [
  { heading: "billing", links: [{ href: "/billing/licenses", label: "licenses" }] },
  {
    heading: "users",
    links: [
      { href: "/users", label: "activeUsers" },
      { href: "/users/deleted", label: "deletedUsers" },
      { href: "/groups", label: "groups" },
    ],
  },
  { heading: "compliance", links: [{ href: "/audit", label: "auditLog" }] },
] as const;

function isCurrent(pathname: string, href: string): boolean {
  if (href === "/users") return pathname === "/users" || /^\/users\/(?!deleted)/.test(pathname);
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks() {
  const t = useTranslations("common.nav");
  const pathname = usePathname();
  return (
    <ul className="flex flex-col gap-4 text-sm">
      {SECTIONS.map((section) => (
        <li key={section.heading}>
          <p className="mb-1 px-2 text-xs font-semibold uppercase tracking-wide text-neutral-600">{t(section.heading)}</p>
          <ul>
            {section.links.map((link) => {
              const current = isCurrent(pathname, link.href);
              return (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    aria-current={current ? "page" : undefined}
                    className={`block rounded px-2 py-1.5 text-neutral-900 hover:bg-neutral-100 hover:no-underline ${current ? "bg-brand-light font-semibold" : ""}`}
                  >
                    {t(link.label)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}
