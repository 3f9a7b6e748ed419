"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { announce } from "@/components/ui/toaster";
import { IMPORT_RUN_PATH, readProgressStream } from "@/lib/removal-stream";
import type { ActionResult } from "@/server/actions/safe-action";

/**
 * Step 3: the confirmed import, its progress streamed by the server after each batch (how many
 * rows of how many, and the share done), then its result. A second click while it runs does
 * nothing here, and the server refuses a second run of the same upload anyway.
 */
export function RunImport({ importId, count, total, batch }: { importId: string; count: number; total: number; batch: number }) {
  const t = useTranslations("users");
  const router = useRouter();
  const [progress, setProgress] = useState<{ processed: number; total: number } | null>(null);
  const [running, setRunning] = useState(false);
  const [state, setState] = useState<ActionResult<unknown> | null>(null);

  async function run(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (running) return;
    setRunning(true);
    setState(null);
    setProgress({ processed: 0, total });
    const body = new FormData();
    body.set("importId", importId);
    const result = await readProgressStream(
      fetch(IMPORT_RUN_PATH, { method: "POST", body }),
      "processed",
      (processed, all) => setProgress({ processed, total: all }),
      t("import.interrupted"),
    );
    setState(result);
    setRunning(false);
    if (result.ok) announce(result.message ?? "");
    router.refresh();
  }

  return (
    <form onSubmit={(event) => void run(event)} className="flex flex-col gap-2">
      <p className="text-sm text-neutral-700">{t("import.confirmHint", { batch })}</p>
      <div>
        <button type="submit" className="btn btn-primary" disabled={running} aria-busy={running}>
          {running ? t("import.importing") : t("import.confirm", { count })}
        </button>
      </div>
      {progress && (
        <div className="flex flex-col gap-1" role="status" aria-live="polite">
          <progress className="w-full" value={progress.processed} max={Math.max(progress.total, 1)} aria-label={t("import.importing")} />
          <span className="text-sm text-neutral-700">
            {t("import.progress", {
              processed: progress.processed,
              total: progress.total,
              percent: progress.total > 0 ? progress.processed / progress.total : 0,
            })}
          </span>
        </div>
      )}
      <ActionStatus state={state} />
    </form>
  );
}
