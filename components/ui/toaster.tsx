"use client";
import { useEffect, useSyncExternalStore } from "react";

interface Toast {
  id: number;
  message: string;
  isError: boolean;
}

// A tiny store outside React: a message announced by a component that then unmounts (a row that
// disappears after its action) still reaches the admin.
let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function announce(message: string, isError = false): void {
  toasts = [...toasts.slice(-2), { id: nextId++, message, isError }];
  emit();
}

function dismiss(id: number): void {
  toasts = toasts.filter((toast) => toast.id !== id);
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function ToastItem({ toast }: { toast: Toast }) {
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), 8_000);
    return () => clearTimeout(timer);
  }, [toast.id]);
  return (
    <li
      className={`rounded border px-4 py-2 text-sm shadow-md ${toast.isError ? "border-danger bg-danger-bg text-danger" : "border-ok bg-ok-bg text-ok"}`}
    >
      {toast.message}
    </li>
  );
}

/** Where announced outcomes appear (bottom right), also read out by screen readers. */
export function Toaster() {
  const current = useSyncExternalStore(
    subscribe,
    () => toasts,
    () => toasts,
  );
  return (
    <div role="status" aria-live="polite" className="fixed bottom-4 right-4 z-50 max-w-md">
      <ul className="flex flex-col gap-2">
        {current.map((toast) => (
          <ToastItem key={toast.id} toast={toast} />
        ))}
      </ul>
    </div>
  );
}
