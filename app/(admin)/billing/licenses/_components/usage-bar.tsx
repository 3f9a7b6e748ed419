import type { LicenseSummary } from "@/lib/domain/conflicts";

/**
 * Assigned of valid at a glance: assigned on a valid license (blue), assigned on an expired one
 * in its grace (amber), assigned beyond anything (red), free (grey). The text beside it says the
 * same in words (the bar is decoration for screen readers), and the Status column names the cause.
 */
export function UsageBar({ summary }: { summary: LicenseSummary }) {
  const onValid = Math.min(summary.assigned, summary.valid);
  const onExpired = Math.min(Math.max(0, summary.assigned - summary.valid), summary.expired);
  const beyond = Math.max(0, summary.assigned - summary.valid - summary.expired);
  const free = summary.available;
  const whole = onValid + onExpired + beyond + free;
  if (whole === 0) return null;
  const width = (n: number) => `${(n / whole) * 100}%`;
  return (
    <div aria-hidden="true" className="mt-1 flex h-1.5 w-32 max-w-full overflow-hidden rounded-full bg-neutral-200">
      {onValid > 0 && <div className="bg-brand" style={{ width: width(onValid) }} />}
      {onExpired > 0 && <div className="bg-warn" style={{ width: width(onExpired) }} />}
      {beyond > 0 && <div className="bg-danger" style={{ width: width(beyond) }} />}
    </div>
  );
}
