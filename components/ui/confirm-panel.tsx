"use client";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * An inline confirmation: what is about to happen, then the confirm and cancel buttons the
 * caller puts in `children`. It takes focus when it opens (a screen reader reads the question),
 * and Escape cancels it, as Cancel does.
 */
export function ConfirmPanel({
  question,
  questionId,
  tone = "danger",
  onCancel,
  children,
}: {
  question: ReactNode;
  questionId: string;
  tone?: "danger" | "neutral";
  onCancel: () => void;
  children: ReactNode;
}) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), []);
  return (
    <div
      ref={panel}
      role="group"
      tabIndex={-1}
      aria-labelledby={questionId}
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.preventDefault();
        onCancel();
      }}
      className={`flex max-w-xl flex-col gap-2 rounded border p-3 text-sm ${
        tone === "danger" ? "border-danger bg-danger-bg" : "border-neutral-300 bg-neutral-50"
      }`}
    >
      <div id={questionId}>{question}</div>
      {children}
    </div>
  );
}
