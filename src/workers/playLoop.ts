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
  /** Runs `fn` after `ms` of wall time (a loop waiting at its horizon); `defer` when absent. */
  later?(fn: () => void, ms: number): void;
}

export const defaultClock: HostClock = {
  now: () => performance.now(),
  defer: (fn) => void setTimeout(fn, 0),
  later: (fn, ms) => void setTimeout(fn, ms),
};

/** Wall time a loop waits at its horizon before looking again. */
const HORIZON_WAIT_MS = 25;
/** Wall time over which the achieved speed is measured. */
const ACHIEVED_WINDOW_MS = 2000;

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
  /** Virtual time the loop does not pass while playing (a compare run keeps step with its twin); null for none. */
  private horizon: number | null = null;
  /** (wall ms, virtual ms) at recent slices, oldest first, for the achieved speed. */
  private pace: { wall: number; virtual: number }[] = [];

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
    // Without a run-for, Play stops where the script's `sim.duration` ends the run (as the runner
    // does); once past it, Play goes on without a limit.
    const duration = sim.durationMs?.() ?? null;
    this.stopAt = runForMs !== null ? sim.now() + runForMs : duration !== null && sim.now() < duration ? duration : null;
    this.playing = true;
    this.lastSlice = this.clock.now();
    this.pace = [];
    const gen = ++this.generation;
    this.clock.defer(() => this.slice(gen));
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.chunkMs = FIRST_CHUNK_MS;
    this.pace = [];
  }

  /**
   * The virtual time the loop may reach and not pass while playing, null for no limit: two runs
   * compared side by side each get the slower one's time plus a little, so both advance on one
   * virtual clock.
   */
  setHorizon(ms: number | null): void {
    this.horizon = ms;
  }

  /**
   * Virtual ms per wall ms over the last two seconds of play, null when not playing or too early
   * to tell. Below the requested speed when the machine (or a compared twin) cannot keep up.
   */
  achievedSpeed(): number | null {
    if (!this.playing || this.pace.length < 2) return null;
    const first = this.pace[0]!;
    const last = this.pace[this.pace.length - 1]!;
    const wall = last.wall - first.wall;
    return wall < 500 ? null : (last.virtual - first.virtual) / wall;
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
    this.recordPace(start, sim.now());
    let result: StepResult | null = null;
    if (this.atHorizon(sim)) {
      // Waiting for the twin run: look again shortly, without spinning.
      this.emit(false);
      const later = this.clock.later ?? ((fn: () => void) => this.clock.defer(fn));
      later(() => this.slice(gen), HORIZON_WAIT_MS);
      return;
    }
    if (this.speed === 'max') {
      while (this.clock.now() - start < SLICE_BUDGET_MS) {
        result = this.timedAdvance(sim, this.chunkMs);
        if (this.stopped(sim, result) || this.atHorizon(sim)) break;
      }
    } else {
      let todo = Math.max(wallElapsed, 1) * this.speed;
      while (todo > 0 && this.clock.now() - start < SLICE_BUDGET_MS) {
        const chunk = Math.min(todo, Math.max(this.chunkMs, 1));
        result = this.timedAdvance(sim, chunk);
        todo -= chunk;
        if (this.stopped(sim, result) || this.atHorizon(sim)) break;
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

  private atHorizon(sim: Simulation): boolean {
    return this.horizon !== null && sim.now() >= this.horizon;
  }

  private recordPace(wall: number, virtual: number): void {
    this.pace.push({ wall, virtual });
    while (this.pace.length > 2 && wall - this.pace[1]!.wall >= ACHIEVED_WINDOW_MS) this.pace.shift();
  }

  private advance(sim: Simulation, ms: number): StepResult {
    let limit = this.stopAt === null ? ms : Math.min(ms, this.stopAt - sim.now());
    if (this.horizon !== null) limit = Math.min(limit, this.horizon - sim.now());
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
      achievedSpeed: this.achievedSpeed(),
    };
    this.listener?.(update);
    return update;
  }
}
