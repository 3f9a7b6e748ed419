/**
 * A fixed, allocation-free JavaScript workload, timed: the speed of this machine's cores at the
 * moment of a run, so runs on different machines (or the same machine under other load) can be
 * compared. The same loop has taken from 96 to 271 ms on 2-core EPYC sandboxes from run to run.
 */
export function calibrate(runs = 5, iterations = 100_000_000): number {
  const samples: number[] = [];
  let sink = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    for (let i = 0; i < iterations; i++) sink += i % 7;
    samples.push(performance.now() - started);
  }
  if (sink < 0) throw new Error("unreachable");
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}
