import { requireActor } from "@/server/auth/require-actor";

export const metadata = { title: "Benchmark floor", robots: { index: false } };

/**
 * The framework floor of `npm run bench`: the same admin layout and sign-in check as every page,
 * and no data query of its own. It shows nothing an admin does not already see.
 */
export default async function BenchFloorPage() {
  await requireActor();
  return <p className="text-sm text-neutral-600">OK</p>;
}
