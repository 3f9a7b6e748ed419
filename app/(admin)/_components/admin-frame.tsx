"use client";
import { usePathname } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import { NavLinks } from "./nav-links";

/**
 * The admin shell's header, navigation and main area. From the md breakpoint (768 px) the
 * navigation is a sidebar; below it, a Menu button in the header opens it above the page
 * (it closes again on navigation and with Escape), so a phone's width is all the page's.
 */
export function AdminFrame({
  brand,
  tools,
  labels,
  children,
}: {
  brand: ReactNode;
  tools: ReactNode;
  labels: { nav: string; menu: string };
  children: ReactNode;
}) {
  const pathname = usePathname();
  // Open on the page it was opened on: following a link closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (value: boolean) => setOpenOn(value ? pathname : null);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2 bg-brand-dark px-4 py-2 text-white">
        <button
          ref={button}
          type="button"
          className="-ml-1 rounded px-2 py-1 text-sm font-medium hover:bg-white/10 md:hidden"
          aria-expanded={open}
          aria-controls="admin-nav"
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">☰ </span>
          {labels.menu}
        </button>
        {brand}
        <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">{tools}</div>
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <nav
          id="admin-nav"
          aria-label={labels.nav}
          className={`${open ? "block" : "hidden"} border-b border-neutral-200 bg-white p-3 md:block md:w-52 md:shrink-0 md:border-b-0 md:border-r`}
          onKeyDown={(event) => {
            if (event.key !== "Escape" || !open) return;
            setOpen(false);
            button.current?.focus();
          }}
        >
          <NavLinks />
        </nav>
        <main id="main" className="min-w-0 flex-1 p-4 md:p-6">
          {children}
        </main>
      </div>
    </>
  );
}
