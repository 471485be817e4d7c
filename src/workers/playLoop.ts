// The play loop over one simulation: advances virtual time at the chosen speed in small slices
// (so the worker stays responsive to pause between slices) and sends the studio at most one
// update every 100 ms, carrying the metrics snapshots recorded since the previous one. It may use
// timers: the clock and the scheduler are injected (the default is performance.now and a 0 ms
// setTimeout), so tests drive it by hand.
import type { Simulation, StepResult } from '../engine/index';
import type { SimUpdate, Speed } from './protocol';

export interface HostClock {
  now(): number;
  defer(fn: () => void): void;
}

export const defaultClock: HostClock = {
  now: () => performance.now(),
  defer: (fn) => void setTimeout(fn, 0),
};

/** Wall time one slice may use before yielding. */
const SLICE_BUDGET_MS = 30;
/** Minimum wall time between two updates. */
const UPDATE_INTERVAL_MS = 100;
/** At most this many snapshots per update: at high speed the new ones are thinned evenly. */
const MAX_SNAPSHOTS_PER_UPDATE = 24;
/** Virtual ms one runFor call starts with; adapted so a call takes 4 to 15 ms of wall time. */
const FIRST_CHUNK_MS = 1000;

/** Evenly spaced items, always keeping the last. */
export function thin<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const out: T[] = [];
  const step = items.length / max;
  for (let i = 1; i <= max; i++) out.push(items[Math.min(items.length - 1, Math.round(i * step) - 1)]!);
  return out;
}

export class PlayLoop {
  private sim: Simulation | null = null;
  private listener: ((u: SimUpdate) => void) | null = null;
  private playing = false;
  private speed: Speed = 60;
  /** Virtual time at which a run-for stops, null for no limit. */
  private stopAt: number | null = null;
  private lastSlice = 0;
  private lastUpdate = -Infinity;
  /** Snapshots of the simulation's history already sent to the studio. */
  private sentSnapshots = 0;
  private chunkMs = FIRST_CHUNK_MS;
  /** Bumped when the loop stops, so a slice scheduled before the stop does nothing. */
  private generation = 0;
  private lastError: string | null = null;

  constructor(private readonly clock: HostClock = defaultClock) {}

  /** The simulation the loop drives, null before the first load. */
  get simulation(): Simulation | null {
    return this.sim;
  }

  /** Drives `sim` from now on; a run of the previous one is paused (with a final update) first. */
  attach(sim: Simulation): void {
    this.pause();
    this.sim = sim;
    this.sentSnapshots = 0;
    this.chunkMs = FIRST_CHUNK_MS;
    this.lastError = null;
  }

  subscribe(listener: (update: SimUpdate) => void): void {
    this.listener = listener;
  }

  play(speed: Speed, runForMs: number | null): void {
    const sim = this.sim;
    if (!sim || this.playing) return;
    if (sim.status() === 'finished' || sim.status() === 'failed') {
      this.emit(true);
      return;
    }
    this.speed = speed;
    this.stopAt = runForMs === null ? null : sim.now() + runForMs;
    this.playing = true;
    this.lastSlice = this.clock.now();
    const gen = ++this.generation;
    this.clock.defer(() => this.slice(gen));
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.chunkMs = FIRST_CHUNK_MS;
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.generation++;
    this.emit(true);
  }

  /** Sends an update now: the simulation changed outside the loop (a repair ran). */
  refresh(): SimUpdate | null {
    return this.emit(true);
  }

  step(): SimUpdate | null {
    const sim = this.sim;
    if (!sim || this.playing) return null;
    this.lastError = sim.step().error;
    return this.emit(true);
  }

  private slice(gen: number): void {
    const sim = this.sim;
    if (!sim || gen !== this.generation || !this.playing) return;
    const start = this.clock.now();
    const wallElapsed = Math.min(start - this.lastSlice, 250);
    this.lastSlice = start;
    let result: StepResult | null = null;
    if (this.speed === 'max') {
      while (this.clock.now() - start < SLICE_BUDGET_MS) {
        result = this.timedAdvance(sim, this.chunkMs);
        if (this.stopped(sim, result)) break;
      }
    } else {
      let todo = Math.max(wallElapsed, 1) * this.speed;
      while (todo > 0 && this.clock.now() - start < SLICE_BUDGET_MS) {
        const chunk = Math.min(todo, Math.max(this.chunkMs, 1));
        result = this.timedAdvance(sim, chunk);
        todo -= chunk;
        if (this.stopped(sim, result)) break;
      }
    }
    if (result && this.stopped(sim, result)) {
      this.playing = false;
      this.generation++;
      this.emit(true);
      return;
    }
    this.emit(false);
    this.clock.defer(() => this.slice(gen));
  }

  /** Advances by `ms` and adapts the chunk so one call takes 4 to 15 ms of wall time. */
  private timedAdvance(sim: Simulation, ms: number): StepResult {
    const t0 = this.clock.now();
    const result = this.advance(sim, ms);
    const took = this.clock.now() - t0;
    if (took < 4) this.chunkMs = Math.min(this.chunkMs * 2, 3_600_000);
    else if (took > 15) this.chunkMs = Math.max(this.chunkMs / 2, 10);
    return result;
  }

  private advance(sim: Simulation, ms: number): StepResult {
    const limit = this.stopAt === null ? ms : Math.min(ms, this.stopAt - sim.now());
    const r = sim.runFor(Math.max(limit, 0));
    if (r.error) this.lastError = r.error;
    return r;
  }

  private stopped(sim: Simulation, r: StepResult): boolean {
    return r.status === 'finished' || r.status === 'failed' || (this.stopAt !== null && sim.now() >= this.stopAt);
  }

  private emit(force: boolean): SimUpdate | null {
    const sim = this.sim;
    if (!sim) return null;
    const t = this.clock.now();
    if (!force && t - this.lastUpdate < UPDATE_INTERVAL_MS) return null;
    this.lastUpdate = t;
    const history = sim.metricsHistory();
    const snapshots = thin(history.slice(this.sentSnapshots), MAX_SNAPSHOTS_PER_UPDATE);
    this.sentSnapshots = history.length;
    const status = sim.status();
    const update: SimUpdate = {
      now: sim.now(),
      status,
      playing: this.playing,
      error: status === 'failed' ? (this.lastError ?? 'The simulation failed.') : null,
      snapshots,
      latest: sim.metrics(),
    };
    this.listener?.(update);
    return update;
  }
}
