"use client";
import { useSyncExternalStore } from "react";
import { MAX_BULK } from "@/lib/validation";

/**
 * The users selected on Users › Active users, by id with their display name: kept in the tab's
 * sessionStorage, so a selection survives paging, sorting, searching and filtering (select some
 * on page 1, more on page 3) and a reload, and ends with the tab. A store outside React, as the
 * checkboxes of every row and the bulk actions read it.
 */
export type Selection = ReadonlyMap<string, string>;

const KEY = "license-center.users.selection";
const EMPTY: Selection = new Map();
let current: Selection = EMPTY;
let loaded = false;
const listeners = new Set<() => void>();

function load(): Selection {
  if (loaded || typeof window === "undefined") return current;
  loaded = true;
  try {
    const stored: unknown = JSON.parse(window.sessionStorage.getItem(KEY) ?? "[]");
    if (Array.isArray(stored)) {
      current = new Map(
        stored.filter(
          (entry): entry is [string, string] => Array.isArray(entry) && typeof entry[0] === "string" && typeof entry[1] === "string",
        ),
      );
    }
  } catch {
    current = EMPTY;
  }
  return current;
}

function save(next: Selection): void {
  current = next;
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify([...next]));
  } catch {
    // Storage full or refused (a private window): the selection still lives for this page.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSelection(): Selection {
  return useSyncExternalStore(subscribe, load, () => EMPTY);
}

/**
 * Selects (or clears) users. Returns false, selecting none of them, when the selection would
 * pass MAX_BULK, the most one bulk action takes.
 */
export function selectUsers(users: readonly { id: string; name: string }[], selected: boolean): boolean {
  const next = new Map(load());
  for (const user of users) {
    if (selected) next.set(user.id, user.name);
    else next.delete(user.id);
  }
  if (next.size > MAX_BULK) return false;
  save(next);
  return true;
}

/** Takes users off the selection (those a preview found deleted, or gone). */
export function dropUsers(ids: readonly string[]): void {
  const next = new Map(load());
  for (const id of ids) next.delete(id);
  save(next);
}

export function clearSelection(): void {
  save(EMPTY);
}
