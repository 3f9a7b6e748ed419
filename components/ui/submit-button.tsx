"use client";
import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

/** A submit button that shows its pending label while the server works, and cannot double-submit. */
export function SubmitButton({
  children,
  pendingLabel,
  className = "btn btn-primary",
  disabled = false,
  name,
  value,
}: {
  children: ReactNode;
  pendingLabel: string;
  className?: string;
  disabled?: boolean;
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending || disabled} aria-busy={pending} name={name} value={value}>
      {pending ? pendingLabel : children}
    </button>
  );
}
