import { notFound } from "next/navigation";
import { env } from "@/lib/env";
import { requireActor } from "@/server/auth/require-actor";

export const metadata = { title: "Benchmark floor", robots: { index: false } };

/**
 * The framework floor of `npm run bench`: the same admin layout and sign-in check as every page,
 * and no data query of its own. It exists only on a server the benchmark started
 * (LICENSE_CENTER_BENCHMARK=on); elsewhere it is not found.
 */
export default async function BenchFloorPage() {
  if (env().LICENSE_CENTER_BENCHMARK !== "on") notFound();
  await requireActor();
  return <p className="text-sm text-neutral-600">OK</p>;
}
