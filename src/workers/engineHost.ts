// The engine worker's object: one simulation at a time, a play loop that advances virtual time
// at the chosen speed in small slices (so the worker stays responsive to pause), and updates to
// the studio at most every 100 ms as metrics deltas. Environment-agnostic: the clock and the
// scheduler are injected so tests drive it without a worker.
import type { CompileResult, Simulation, SimulationOptions, StepResult } from '../engine/api';
import type {
  CompletionEntry,
  EditModule,
  EditReply,
  EditRequest,
  EngineModule,
  EngineWorkerApi,
  HoverEntry,
  LoadResult,
  SimUpdate,
  Speed,
  StatementRangeEntry,
  StatementRefEntry,
} from './protocol';

export interface HostClock {
  now(): number;
  defer(fn: () => void): void;
}

const defaultClock: HostClock = {
  now: () => performance.now(),
  defer: (fn) => void setTimeout(fn, 0),
};

/** Wall time one slice may use before yielding. */
const SLICE_BUDGET_MS = 30;
/** Minimum wall time between two updates. */
const UPDATE_INTERVAL_MS = 100;
/** At most this many snapshots per update: at high speed the new ones are thinned evenly. */
const MAX_SNAPSHOTS_PER_UPDATE = 24;

/** Evenly spaced items, always keeping the last. */
export function thin<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const out: T[] = [];
  const step = items.length / max;
  for (let i = 1; i <= max; i++) out.push(items[Math.min(items.length - 1, Math.round(i * step) - 1)]!);
  return out;
}

export class EngineHost implements EngineWorkerApi {
  private sim: Simulation | null = null;
  private script = '';
  private options: SimulationOptions = {};
  private listener: ((u: SimUpdate) => void) | null = null;
  private playing = false;
  private speed: Speed = 60;
  private stopAt: number | null = null;
  private lastSlice = 0;
  private lastUpdate = -Infinity;
  private sentSnapshots = 0;
  private chunkMs = 1000;
  private generation = 0;
  private lastError: string | null = null;

  constructor(
    private readonly engine: EngineModule,
    private readonly clock: HostClock = defaultClock,
  ) {}

  compile(script: string, fileName?: string): CompileResult {
    return this.engine.compile(script, fileName === undefined ? {} : { fileName });
  }

  complete(script: string, offset: number): CompletionEntry[] {
    try {
      return this.engine.complete?.(script, offset) ?? [];
    } catch {
      return [];
    }
  }

  hover(script: string, offset: number): HoverEntry | null {
    try {
      return this.engine.hover?.(script, offset) ?? null;
    } catch {
      return null;
    }
  }

  edit(script: string, request: EditRequest): EditReply {
    try {
      const r = this.runEdit(script, request);
      return { ok: true, script: r.script, ...(r.selection ? { selection: r.selection } : {}), ...('readers' in r ? { readers: r.readers } : {}) };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  }

  private edits(): EditModule {
    const e = this.engine;
    if (!e.addTable || !e.connectTables || !e.renameTable || !e.deleteTable || !e.deleteStatement || !e.replaceStatement || !e.readersOf || !e.statementAt || !e.jobStatementRange) {
      throw new Error('this engine build has no script edit services');
    }
    return e as EditModule;
  }

  private runEdit(script: string, r: EditRequest): { script: string; selection?: { offset: number; length: number }; readers?: StatementRefEntry[] } {
    const e = this.edits();
    switch (r.op) {
      case 'addTable':
        return e.addTable(script, r.spec);
      case 'connectTables':
        return e.connectTables(script, r.source, r.target);
      case 'renameTable':
        return e.renameTable(script, r.from, r.to);
      case 'deleteTable':
        return e.deleteTable(script, r.name);
      case 'deleteStatement':
        return e.deleteStatement(script, r.range);
      case 'replaceStatement':
        return e.replaceStatement(script, r.range, r.text);
    }
  }

  readersOf(script: string, name: string): StatementRefEntry[] {
    try {
      return this.edits().readersOf(script, name);
    } catch {
      return [];
    }
  }

  statementAt(script: string, offset: number): StatementRangeEntry | null {
    try {
      return this.edits().statementAt(script, offset);
    } catch {
      return null;
    }
  }

  jobStatementRange(script: string, job: string): StatementRangeEntry | null {
    try {
      return this.edits().jobStatementRange(script, job);
    } catch {
      return null;
    }
  }

  load(script: string, options: SimulationOptions): LoadResult {
    const compile = this.compile(script, options.fileName);
    if (!compile.ok) {
      const first = compile.diagnostics.find((d) => d.severity === 'error');
      return {
        ok: false,
        compile,
        epochMs: null,
        now: null,
        seed: null,
        message: first
          ? `The script has errors; fix them to run (line ${first.span.start.line}: ${first.message})`
          : 'The script has errors; fix them to run.',
      };
    }
    let sim: Simulation;
    try {
      sim = this.engine.createSimulation(script, options);
    } catch (e) {
      return { ok: false, compile, epochMs: null, now: null, seed: null, message: e instanceof Error ? e.message : String(e) };
    }
    this.pause();
    this.sim = sim;
    this.script = script;
    this.options = options;
    this.sentSnapshots = 0;
    this.chunkMs = 1000;
    this.lastError = null;
    return { ok: true, compile, epochMs: sim.epochMs, now: sim.now(), seed: sim.seed, message: null };
  }

  reset(): LoadResult {
    return this.load(this.script, this.options);
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
    this.chunkMs = 1000;
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.generation++;
    this.emit(true);
  }

  step(): SimUpdate | null {
    const sim = this.sim;
    if (!sim || this.playing) return null;
    this.lastError = sim.step().error;
    return this.emit(true);
  }

  tableNames(): string[] {
    return this.sim?.tableNames() ?? [];
  }
  readTable(name: string) {
    if (!this.sim) return { columns: [], rows: [] };
    return this.sim.readTable(name);
  }
  changelog(name: string, limit?: number) {
    return this.sim?.changelog(name, limit) ?? [];
  }
  metricsHistory() {
    return this.sim?.metricsHistory() ?? [];
  }
  pipeline() {
    return this.sim?.pipeline ?? null;
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
        const t0 = this.clock.now();
        result = this.advance(sim, this.chunkMs);
        const took = this.clock.now() - t0;
        if (took < 4) this.chunkMs = Math.min(this.chunkMs * 2, 3_600_000);
        else if (took > 15) this.chunkMs = Math.max(this.chunkMs / 2, 10);
        if (this.stopped(sim, result)) break;
      }
    } else {
      let todo = Math.max(wallElapsed, 1) * this.speed;
      while (todo > 0 && this.clock.now() - start < SLICE_BUDGET_MS) {
        const chunk = Math.min(todo, Math.max(this.chunkMs, 1));
        const t0 = this.clock.now();
        result = this.advance(sim, chunk);
        const took = this.clock.now() - t0;
        if (took < 4) this.chunkMs = Math.min(this.chunkMs * 2, 3_600_000);
        else if (took > 15) this.chunkMs = Math.max(this.chunkMs / 2, 10);
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
