"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useSyncExternalStore } from "react";

/** Class on the article container that reveals every English original (see app/help.css). */
export const SHOW_ORIGINALS_CLASS = "help-show-originals";
const STORAGE_KEY = "lc-help-show-originals";

// The choice is remembered for this browser (it carries over when a related link opens another
// article) and shared by every toggle on the page; memory covers browsers without storage.
let memory = false;
const listeners = new Set<() => void>();

function readPreference(): boolean {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === null ? memory : stored === "1";
  } catch {
    return memory;
  }
}

function writePreference(value: boolean): void {
  memory = value;
  try {
    window.localStorage.setItem(STORAGE_KEY, value ? "1" : "0");
  } catch {
    // Not remembering across reloads is acceptable.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/** Shows or hides all English originals of the machine-translated article it sits in. */
export function ShowOriginalsToggle() {
  const t = useTranslations("help");
  const ref = useRef<HTMLButtonElement>(null);
  const isShown = useSyncExternalStore(subscribe, readPreference, () => false);

  useEffect(() => {
    ref.current?.closest(".help-article-container")?.classList.toggle(SHOW_ORIGINALS_CLASS, isShown);
  }, [isShown]);

  return (
    <button ref={ref} type="button" className="help-originals-toggle" aria-pressed={isShown} onClick={() => writePreference(!isShown)}>
      {t("showOriginals")}
    </button>
  );
}
