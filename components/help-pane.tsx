"use client";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { HELP_PANE_COOKIE } from "./help-pane-cookie";

/** The collapsible help pane beside a view; remembers open/closed for this browser. */
export function HelpPane({ initiallyOpen, title, children }: { initiallyOpen: boolean; title: string; children: ReactNode }) {
  const t = useTranslations("common");
  const [isOpen, setOpen] = useState(initiallyOpen);

  function toggle() {
    const next = !isOpen;
    setOpen(next);
    document.cookie = `${HELP_PANE_COOKIE}=${next ? "open" : "closed"}; path=/; max-age=31536000; samesite=lax`;
  }

  return (
    <aside aria-label={t("helpPane")} className={`shrink-0 ${isOpen ? "w-full lg:w-96" : "w-auto"}`}>
      <button
        type="button"
        className="btn w-full justify-between"
        aria-expanded={isOpen}
        aria-controls="help-pane-content"
        onClick={toggle}
      >
        <span>{isOpen ? t("hideHelp") : t("showHelp")}</span>
        <span aria-hidden="true">{isOpen ? "›" : "‹"}</span>
      </button>
      <div id="help-pane-content" hidden={!isOpen} className="card mt-2 max-h-[calc(100vh-8rem)] overflow-y-auto">
        <p className="sr-only">{title}</p>
        {children}
      </div>
    </aside>
  );
}
