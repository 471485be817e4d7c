// Timing and heap measurement. One timed run = build a fresh pipeline (not timed), force a GC,
// then push every batch; the clock runs only around `push`, and heapUsed is sampled after every
// batch (outside the clock) to find the run's peak.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { System } from './system';
import type { Workload } from './workloads';

setFlagsFromString('--expose-gc');
const gcFn = runInNewContext('gc') as (() => void) | undefined;

export function fullGc(): void {
  if (gcFn) gcFn();
}

export interface RunStats {
  /** Wall-clock seconds inside `push`. */
  seconds: number;
  rowsPerSec: number;
  /**
   * CPU seconds the process used inside `push` (user + system, all threads, so GC helper
   * threads count too). Steadier than wall time when other work shares the cores.
   */
  cpuSeconds: number;
  rowsPerCpuSec: number;
  outputRecords: number;
  /** heapUsed after a forced GC, just before the first batch (input data, pipeline built). */
  baselineHeap: number;
  /** Highest heapUsed seen after any batch. Includes garbage not yet collected. */
  peakHeap: number;
  /** heapUsed after the run and a forced GC, minus the baseline: the pipeline's live state. */
  retainedHeap: number;
}

export function timedRun(system: System, w: Workload): RunStats {
  const runner = system.create(w, null);
  fullGc();
  const baselineHeap = process.memoryUsage().heapUsed;
  let peakHeap = baselineHeap;
  let elapsed = 0;
  let cpu = 0;
  for (const batch of w.batches) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    runner.push(batch);
    elapsed += performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpu += c.user + c.system;
    const h = process.memoryUsage().heapUsed;
    if (h > peakHeap) peakHeap = h;
  }
  const outputRecords = runner.outputRecords();
  fullGc();
  const retainedHeap = process.memoryUsage().heapUsed - baselineHeap;
  // Keep the runner (and so its state) alive until the retained heap has been read.
  if (runner.outputRecords() !== outputRecords) throw new Error('output changed after the run');
  const seconds = elapsed / 1000;
  const cpuSeconds = cpu / 1e6;
  return {
    seconds,
    rowsPerSec: w.rows / seconds,
    cpuSeconds,
    rowsPerCpuSec: w.rows / cpuSeconds,
    outputRecords,
    baselineHeap,
    peakHeap,
    retainedHeap,
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
