"use client";
import { useEffect, useRef } from "react";

/**
 * Makes the tabs of the article it sits in work (lib/help/tabs-aria.ts renders them as the ARIA
 * tabs pattern, the first panel shown): a click or Enter selects a tab, the arrow keys, Home and
 * End move between the tabs of a group. Without JavaScript the first tab's panel stays readable.
 */
export function HelpTabs() {
  const anchor = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const article = anchor.current?.closest("article");
    if (!article) return;
    const tabsOf = (tab: Element) => [...(tab.closest("[role=tablist]")?.querySelectorAll<HTMLElement>("[role=tab]") ?? [])];
    const select = (tab: HTMLElement) => {
      for (const other of tabsOf(tab)) {
        const selected = other === tab;
        other.setAttribute("aria-selected", String(selected));
        other.tabIndex = selected ? 0 : -1;
        const panel = article.querySelector<HTMLElement>(`#${CSS.escape(other.getAttribute("aria-controls") ?? "")}`);
        if (panel) panel.hidden = !selected;
      }
    };
    const onClick = (event: MouseEvent) => {
      const tab = (event.target as Element | null)?.closest<HTMLElement>("[role=tab]");
      if (tab && article.contains(tab)) select(tab);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const tab = (event.target as Element | null)?.closest<HTMLElement>("[role=tab]");
      if (!tab || !article.contains(tab)) return;
      const tabs = tabsOf(tab);
      const index = tabs.indexOf(tab);
      const next =
        event.key === "ArrowRight"
          ? tabs[(index + 1) % tabs.length]
          : event.key === "ArrowLeft"
            ? tabs[(index - 1 + tabs.length) % tabs.length]
            : event.key === "Home"
              ? tabs[0]
              : event.key === "End"
                ? tabs[tabs.length - 1]
                : undefined;
      if (!next) return;
      event.preventDefault();
      select(next);
      next.focus();
    };
    article.addEventListener("click", onClick);
    article.addEventListener("keydown", onKeyDown);
    return () => {
      article.removeEventListener("click", onClick);
      article.removeEventListener("keydown", onKeyDown);
    };
  }, []);
  return <span ref={anchor} hidden />;
}
