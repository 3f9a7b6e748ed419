"use client";
import { useEffect, useRef, type ReactNode } from "react";
import { SubmitButton } from "./submit-button";

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

/**
 * A confirmation's two buttons, inside the form it submits: the confirm button (its pending label
 * while the server works; it cannot submit twice) and Cancel.
 */
export function ConfirmButtons({
  confirmLabel,
  pendingLabel,
  cancelLabel,
  onCancel,
  tone = "danger",
  disabled = false,
}: {
  confirmLabel: ReactNode;
  pendingLabel: string;
  cancelLabel: string;
  onCancel: () => void;
  tone?: "danger" | "primary";
  disabled?: boolean;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <SubmitButton className={tone === "danger" ? "btn btn-danger" : "btn btn-primary"} pendingLabel={pendingLabel} disabled={disabled}>
        {confirmLabel}
      </SubmitButton>
      <button type="button" className="btn" onClick={onCancel}>
        {cancelLabel}
      </button>
    </div>
  );
}
