// Faults on purpose: TaskManager failures at chosen virtual times, from the script
// (`SET 'sim.fault.taskmanager' = '30 s, 2 min@job-2'`), the runner (`--fault 2min@job-2`) or the
// studio. Each job runs in its own TaskManager (its heap is `taskmanager.memory.task.heap.size`),
// so a fault names the job whose TaskManager is lost; without a job every job's TaskManager is.
// The job then fails over as for any task failure: its restart strategy decides whether and when
// it restores from its last completed checkpoint (docs/simulation.md, "Faults on purpose").
import { parseDuration } from '../common/duration';

export interface TaskManagerFault {
  /** Virtual ms since the simulation epoch. */
  atMs: number;
  /** The job whose TaskManager is lost; null: every job's. */
  jobId: string | null;
}

/** `DURATION[@JOB]`: a job id is letters, digits, `-` and `_`. */
const FAULT = /^\s*([^@]+?)\s*(?:@\s*([A-Za-z0-9_-]+)\s*)?$/;

/** One fault as the runner's `--fault` and the setting write it, or a sentence saying what is wrong. */
export function parseFault(text: string): TaskManagerFault | string {
  const m = FAULT.exec(text);
  const ms = m ? parseDuration(m[1]!) : null;
  if (!m || ms === null) return `a fault is DURATION[@JOB], such as '2 min' or '90 s@job-2', not '${text.trim()}'`;
  return { atMs: ms, jobId: m[2] ?? null };
}

/** The setting's comma-separated list of faults. */
export function parseFaultList(text: string): TaskManagerFault[] | string {
  if (text.trim() === '') return [];
  const out: TaskManagerFault[] = [];
  for (const part of text.split(',')) {
    const f = parseFault(part);
    if (typeof f === 'string') return f;
    out.push(f);
  }
  return out;
}

/** What a lost TaskManager fails its job with (Flink's JobMaster says the same when heartbeats stop). */
export function taskManagerLostMessage(jobId: string, atMs: number): string {
  return `org.apache.flink.runtime.jobmaster.JobMasterException: TaskManager with id taskmanager-${jobId} is no longer reachable (fault injected at ${describeMs(atMs)})`;
}

function describeMs(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000} min`;
  if (ms % 100 === 0 && ms >= 1000) return `${ms / 1000} s`;
  return `${ms} ms`;
}

/** The faults still to fire, soonest first. */
export class FaultSchedule {
  private pending: TaskManagerFault[] = [];

  constructor(faults: readonly TaskManagerFault[]) {
    for (const f of faults) this.add(f);
  }

  add(fault: TaskManagerFault): void {
    this.pending.push({ ...fault });
    this.pending.sort((a, b) => a.atMs - b.atMs);
  }

  /** Removes and returns the faults due at `now`. */
  due(now: number): TaskManagerFault[] {
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.atMs <= now) n++;
    return n === 0 ? [] : this.pending.splice(0, n);
  }

  upcoming(): TaskManagerFault[] {
    return this.pending.map((f) => ({ ...f }));
  }
}
