"use client";
import { useState } from "react";

export interface SecretRevealLabels {
  title: string;
  intro: string;
  copy: string;
  copied: string;
  copyHint: string;
}

/**
 * A secret shown this once after it was made (a webhook's signing secret, a SCIM token): a
 * read-only field, a copy button and the warning that it won't be shown again. Labels come from
 * the caller's catalog.
 */
export function SecretReveal({ secret, id, labels }: { secret: string; id: string; labels: SecretRevealLabels }) {
  const [isCopied, setCopied] = useState(false);
  return (
    <div role="region" aria-labelledby={`${id}-title`} className="mt-3 rounded border border-warn-border bg-warn-bg p-3 text-sm">
      <p id={`${id}-title`} className="font-semibold">
        {labels.title}
      </p>
      <p className="mt-1">{labels.intro}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <input
          id={id}
          readOnly
          value={secret}
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-hint`}
          className="input min-w-0 flex-1 font-mono text-sm"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="btn"
          onClick={() =>
            void navigator.clipboard
              .writeText(secret)
              .then(() => setCopied(true))
              .catch(() => setCopied(false))
          }
        >
          {isCopied ? labels.copied : labels.copy}
        </button>
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-neutral-700">
        {labels.copyHint}
      </p>
    </div>
  );
}
