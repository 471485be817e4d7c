// One running job: its operators, the readers of its sources and the writer of its sink, driven
// one scheduler tick at a time. See docs/simulation.md for the cost model and checkpoints.
import type { JobPlan, PlanNode, SourceNode, ValuesNode } from '../plan/graph';
import type { Operator } from '../runtime/operator';
import type { CompiledExpr } from '../expr/ir';
import { compileExpr, type EvalContext } from '../expr/index';
import type { Batch, Change, Span } from '../types';
import { ExprError } from '../expr/cast';
import { RowKind } from '../types';
import type { ReadResult, SinkWriter, SourceReader, TableStore } from '../storage/table';
import { lowerOptions, maxTime } from '../storage/table';
import type { Random } from '../common/random';
import type { SimConfig } from './settings';
import type { OperatorFactory } from './operators';

/** The watermark a finished source emits (Flink's MAX_WATERMARK), as a safe integer. */
export const MAX_WATERMARK = Number.MAX_SAFE_INTEGER;

export interface JobEnv {
  config: SimConfig;
  stores: Map<string, TableStore>;
  factory: OperatorFactory;
  evalCtx: EvalContext;
  /** The job's own random stream. */
  random: Random;
  hasWriters(table: string): boolean;
  writersFinished(table: string): boolean;
}

export type JobStatus = 'running' | 'finished' | 'failed';

interface SourceSlot {
  idx: number;
  node: SourceNode | ValuesNode;
  table: string | null;
  reader: SourceReader;
  rowtime: { column: number; watermark: CompiledExpr } | null;
  /** Computed columns (`c AS expr`), filled in declared order after a read. */
  computed: { index: number; fn: CompiledExpr }[];
  /** Max watermark candidate seen (absolute ms), or -Infinity. */
  maxWatermark: number;
  finished: boolean;
  /** Fractional read allowance carried to the next tick. */
  frac: number;
  readThisTick: number;
}

interface JobSnapshot {
  ops: unknown[];
  readers: unknown[];
  watermarks: number[];
  maxWatermarks: number[];
  lastEventTime: number | null;
}

interface InflightCheckpoint {
  id: number;
  triggeredAt: number;
  endAt: number;
  durationMs: number;
  failed: boolean;
  snapshot: JobSnapshot;
}

export class JobError extends Error {}

/** A bounded source of constant rows (`INSERT ... VALUES`). */
class ValuesReader implements SourceReader {
  private pos = 0;
  constructor(private readonly rows: readonly (readonly unknown[])[]) {}
  available(): number {
    return this.rows.length - this.pos;
  }
  read(max: number): ReadResult {
    const n = Math.min(max, this.rows.length - this.pos);
    const changes: Change[] = [];
    for (let i = 0; i < n; i++) changes.push({ kind: RowKind.INSERT, row: (this.rows[this.pos + i] as Change['row']).slice() });
    this.pos += n;
    return { changes, originTime: n > 0 ? 0 : null, error: null };
  }
  isFinished(): boolean {
    return this.pos >= this.rows.length;
  }
  oldestUnread(): number | null {
    return this.pos < this.rows.length ? 0 : null;
  }
  snapshot(): unknown {
    return { pos: this.pos };
  }
  restore(s: unknown): void {
    this.pos = (s as { pos: number }).pos;
  }
  stateBytes(): number {
    return 8;
  }
}

export class JobRuntime {
  readonly id: string;
  readonly nodes: PlanNode[];
  readonly ops: (Operator | null)[];
  private readonly consumers: [number, number][][];
  private readonly inputIdx: number[][];
  readonly slots: SourceSlot[] = [];
  readonly sinkIdx: number;
  readonly sinkTable: string;
  readonly writer: SinkWriter;
  readonly watermarks: number[];
  readonly recordsIn: number[];
  readonly recordsOut: number[];
  private readonly tickLoad: number[][];
  private readonly ratio: number[];
  private carryMs = 0;
  private lastEventTime: number | null = null;
  status: JobStatus = 'running';
  error: string | null = null;
  /** Where the expression that failed the job stands in the script, when known. */
  errorSpan: Span | null = null;
  finishedAt: number | null = null;
  // Checkpoints
  private nextCheckpointAt: number;
  private nextCheckpointId = 1;
  private inflight: InflightCheckpoint | null = null;
  private readonly initial: JobSnapshot;
  private lastCompleted: JobSnapshot | null = null;
  checkpointsCompleted = 0;
  checkpointsFailed = 0;
  lastCheckpointDurationMs: number | null = null;
  lastCheckpointCompletedAt: number | null = null;
  /** Virtual time the last completed checkpoint was triggered (its snapshot's time). */
  lastCheckpointTriggeredAt: number | null = null;

  constructor(
    readonly plan: JobPlan,
    private readonly env: JobEnv,
  ) {
    this.id = plan.id;
    this.nodes = plan.nodes;
    const n = this.nodes.length;
    const indexById = new Map<number, number>();
    this.nodes.forEach((node, i) => indexById.set(node.id, i));
    const idx = (id: number): number => {
      const i = indexById.get(id);
      if (i === undefined) throw new JobError(`job ${plan.id}: operator ${id} is not in the plan`);
      return i;
    };
    this.consumers = this.nodes.map(() => []);
    this.nodes.forEach((node, i) =>
      node.inputs.forEach((inputId, port) => {
        const from = idx(inputId);
        if (from >= i) throw new JobError(`job ${plan.id}: operators are not in topological order`);
        this.consumers[from]!.push([i, port]);
      }),
    );
    this.inputIdx = this.nodes.map((node) => node.inputs.map(idx));
    const arity = (id: number) => this.nodes[idx(id)]!.schema.columns.length;
    this.ops = this.nodes.map((node) => env.factory(node, arity, env.config, env.evalCtx));
    this.watermarks = new Array<number>(n).fill(-Infinity);
    this.recordsIn = new Array<number>(n).fill(0);
    this.recordsOut = new Array<number>(n).fill(0);
    this.tickLoad = this.nodes.map((node) => new Array<number>(Math.max(1, node.parallelism)).fill(0));
    this.ratio = this.nodes.map((node) => 1 / Math.max(1, node.parallelism));
    let sinkIdx = -1;
    this.nodes.forEach((node, i) => {
      if (node.kind === 'Source') {
        const store = env.stores.get(node.table.toLowerCase());
        if (!store) throw new JobError(`job ${plan.id} reads table '${node.table}', which is not declared`);
        const options = { ...lowerOptions(store.def.options), ...lowerOptions(node.optionOverrides) };
        const reader = store.createReader({
          jobId: plan.id,
          nodeId: node.id,
          options,
          random: env.random.fork(`reader:${node.id}`),
          hasWriters: env.hasWriters(store.def.name),
          writersFinished: () => env.writersFinished(store.def.name),
        });
        const wd = store.def.watermarkDef;
        this.slots.push({
          idx: i,
          node,
          table: store.def.name,
          reader,
          rowtime: wd ? { column: wd.column, watermark: compileExpr(wd.expr, env.evalCtx) } : null,
          computed: (store.def.computedColumns ?? []).map((c) => ({ index: c.index, fn: compileExpr(c.expr, env.evalCtx) })),
          maxWatermark: -Infinity,
          finished: false,
          frac: 0,
          readThisTick: 0,
        });
      } else if (node.kind === 'Values') {
        this.slots.push({
          idx: i,
          node,
          table: null,
          reader: new ValuesReader(node.rows),
          rowtime: null,
          computed: [],
          maxWatermark: -Infinity,
          finished: false,
          frac: 0,
          readThisTick: 0,
        });
      } else if (node.kind === 'Sink') sinkIdx = i;
    });
    if (sinkIdx < 0) throw new JobError(`job ${plan.id} has no sink`);
    this.sinkIdx = sinkIdx;
    const sinkNode = this.nodes[sinkIdx] as Extract<PlanNode, { kind: 'Sink' }>;
    const sinkStore = env.stores.get(sinkNode.table.toLowerCase());
    if (!sinkStore) throw new JobError(`job ${plan.id} writes table '${sinkNode.table}', which is not declared`);
    this.sinkTable = sinkStore.def.name;
    this.writer = sinkStore.createWriter(plan.id, Math.max(1, sinkNode.parallelism));
    this.nextCheckpointAt = env.config.checkpointIntervalMs ?? Infinity;
    this.initial = this.snapshot();
  }

  // ---- data flow ------------------------------------------------------------------------

  /** Sends `batch`, produced by node `from`, through the rest of the job. */
  private route(from: number, batch: Batch, eventTime: number | null, now: number): void {
    if (batch.length === 0) return;
    this.recordsOut[from]! += batch.length;
    const n = this.nodes.length;
    const pending: ([number, Batch][] | undefined)[] = new Array(n);
    for (const [to, port] of this.consumers[from]!) (pending[to] ??= []).push([port, batch]);
    const ctx = { now };
    for (let i = from + 1; i < n; i++) {
      const inbox = pending[i];
      if (!inbox) continue;
      for (const [port, b] of inbox) {
        this.recordsIn[i]! += b.length;
        if (i === this.sinkIdx) {
          const err = this.writer.write(b, eventTime, now);
          this.recordsOut[i]! += b.length;
          this.tickLoad[i]![0]! += b.length / this.tickLoad[i]!.length;
          if (err) throw new JobError(err);
          continue;
        }
        const op = this.ops[i]!;
        const out = op.process(b, port, ctx);
        const load = op.lastSubtaskLoad();
        const acc = this.tickLoad[i]!;
        for (let s = 0; s < load.length && s < acc.length; s++) acc[s]! += load[s]!;
        if (out.length > 0) {
          this.recordsOut[i]! += out.length;
          for (const [to, p] of this.consumers[i]!) (pending[to] ??= []).push([p, out]);
        }
      }
    }
  }

  private rpsOf(node: PlanNode): number {
    const r = this.env.config.rps;
    switch (node.kind) {
      case 'Source':
      case 'Values':
        return r.source;
      case 'Calc':
        return r.calc;
      case 'GroupAggregate':
        return r.aggregate;
      case 'Join':
        return r.join;
      case 'Union':
        return r.union;
      case 'DropRowKind':
        return r.drop;
      case 'Sink':
        return r.sink;
    }
  }

  /** Advances the job to `now` (one scheduler tick of `tickMs`). */
  tick(now: number): void {
    if (this.status !== 'running') return;
    try {
      this.tickInner(now);
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e), e instanceof ExprError ? (e.span ?? null) : null);
    }
  }

  private fail(message: string, span: Span | null): void {
    this.errorSpan = span;
    this.status = 'failed';
    this.error = `${this.id} (INSERT INTO ${this.sinkTable}) failed: ${message}`;
  }

  private tickInner(now: number): void {
    const cfg = this.env.config;
    const rng = this.env.random;
    const ctx = { now };
    for (const acc of this.tickLoad) acc.fill(0);

    // 1. Processing time: state TTL.
    for (let i = 0; i < this.ops.length; i++) {
      const op = this.ops[i];
      if (op?.onProcessingTime) {
        const out = op.onProcessingTime(ctx);
        if (out.length > 0) this.route(i, out, this.lastEventTime, now);
      }
    }

    // 2. Read what the job can handle this tick.
    let budgetMs = cfg.tickMs - this.carryMs;
    let pendingError: string | null = null;
    let totalRead = 0;
    for (const s of this.slots) s.readThisTick = 0;
    if (budgetMs <= 0) {
      this.carryMs = -budgetMs;
      budgetMs = 0;
    } else {
      this.carryMs = 0;
      const budgetSec = budgetMs / 1000;
      let cap = Infinity;
      for (let i = 0; i < this.nodes.length; i++) {
        const node = this.nodes[i]!;
        if (node.kind === 'Source' || node.kind === 'Values') continue;
        cap = Math.min(cap, (this.rpsOf(node) * budgetSec) / Math.max(this.ratio[i]!, 1e-9));
      }
      const wants: number[] = [];
      const avails: number[] = [];
      let total = 0;
      for (const s of this.slots) {
        const avail = s.finished ? 0 : s.reader.available(now);
        avails.push(avail);
        if (avail === 0) {
          s.frac = 0;
          wants.push(0);
          continue;
        }
        const limit = cfg.rps.source * Math.max(1, s.node.parallelism) * budgetSec * (1 - cfg.jitter * rng.next());
        const w = Math.min(avail, limit);
        wants.push(w);
        total += w;
      }
      const scale = total > cap ? cap / total : 1;
      // Read each source, cut its records into batches at seeded positions.
      const queues: { changes: Change[]; eventTime: number | null }[][] = [];
      for (let k = 0; k < this.slots.length; k++) {
        const s = this.slots[k]!;
        const avail = avails[k]!;
        if (avail === 0 || pendingError) {
          queues.push([]);
          continue;
        }
        const allowance = wants[k]! * scale + s.frac;
        let n = Math.min(avail, Math.floor(allowance));
        s.frac = n < avail ? allowance - n : 0;
        if (n === 0) {
          queues.push([]);
          continue;
        }
        const res = s.reader.read(n, now);
        if (s.computed.length > 0) res.changes = res.changes.map((ch) => ({ kind: ch.kind, row: this.compute(s, ch.row) }));
        n = res.changes.length;
        s.readThisTick = n;
        totalRead += n;
        this.recordsIn[s.idx]! += n;
        if (res.error) pendingError = res.error;
        queues.push(this.cut(s, res, rng));
      }
      // Interleave the batches of different sources in a seeded order.
      let left = queues.reduce((a, q) => a + q.length, 0);
      const heads = queues.map(() => 0);
      while (left > 0) {
        let pick = rng.int(0, left - 1);
        let k = 0;
        for (; k < queues.length; k++) {
          const rem = queues[k]!.length - heads[k]!;
          if (pick < rem) break;
          pick -= rem;
        }
        const piece = queues[k]![heads[k]!++]!;
        left--;
        this.lastEventTime = maxTime(this.lastEventTime, piece.eventTime);
        this.route(this.slots[k]!.idx, piece.changes, piece.eventTime, now);
      }
    }
    if (pendingError) throw new JobError(pendingError);

    // 3. Sources that are done, then watermarks.
    for (const s of this.slots) if (!s.finished && s.reader.isFinished(now)) s.finished = true;
    const allFinished = this.slots.every((s) => s.finished);
    for (const s of this.slots) this.watermarks[s.idx] = s.finished ? MAX_WATERMARK : s.maxWatermark;
    for (let i = 0; i < this.nodes.length; i++) {
      const node = this.nodes[i]!;
      if (node.kind === 'Source' || node.kind === 'Values') continue;
      let w = Infinity;
      for (const j of this.inputIdx[i]!) w = Math.min(w, this.watermarks[j]!);
      if (w > this.watermarks[i]! && w !== Infinity) {
        this.watermarks[i] = w;
        const op = this.ops[i];
        if (op?.onWatermark && w > -Infinity) {
          const out = op.onWatermark(w, ctx);
          if (out.length > 0) this.route(i, out, this.lastEventTime, now);
        }
      }
    }

    // 4. Cost: the busiest subtask of the slowest operator sets how long the tick's work took.
    let workMs = 0;
    for (let i = 0; i < this.nodes.length; i++) {
      const node = this.nodes[i]!;
      let load: number;
      if (node.kind === 'Source' || node.kind === 'Values') {
        const slot = this.slots.find((s) => s.idx === i)!;
        load = slot.readThisTick / Math.max(1, node.parallelism);
      } else load = Math.max(...this.tickLoad[i]!);
      workMs = Math.max(workMs, (load / this.rpsOf(node)) * 1000);
      if (totalRead > 0 && node.kind !== 'Source' && node.kind !== 'Values')
        this.ratio[i] = 0.5 * this.ratio[i]! + 0.5 * (load / totalRead);
    }
    if (budgetMs > 0 && workMs > budgetMs) this.carryMs += workMs - budgetMs;

    // 5. End of input, time-based sink flushes, checkpoints.
    if (allFinished) {
      this.writer.endOfInput(now);
      this.status = 'finished';
      this.finishedAt = now;
      this.inflight = null;
      return;
    }
    this.writer.tick(now);
    this.checkpoint(now);
  }

  /** Fills computed columns over a copy of a stored row (computed slots are NULL while evaluating). */
  private compute(s: SourceSlot, stored: Change['row']): Change['row'] {
    const row = stored.slice();
    for (const c of s.computed) row[c.index] = null;
    for (const c of s.computed) row[c.index] = c.fn(row);
    return row;
  }

  /** Cuts one read into batches at up to `sim.batch.splits` seeded positions. */
  private cut(s: SourceSlot, res: ReadResult, rng: Random): { changes: Change[]; eventTime: number | null }[] {
    const cfg = this.env.config;
    const changes = res.changes;
    const len = changes.length;
    if (len === 0) return [];
    const cuts: number[] = [];
    if (cfg.jitter > 0 && cfg.batchSplits > 0 && len > 1) {
      const m = rng.int(0, Math.min(cfg.batchSplits, len - 1));
      for (let j = 0; j < m; j++) cuts.push(rng.int(1, len - 1));
      cuts.sort((a, b) => a - b);
    }
    cuts.push(len);
    const out: { changes: Change[]; eventTime: number | null }[] = [];
    let start = 0;
    for (const c of cuts) {
      if (c <= start) continue;
      const piece = start === 0 && c === len ? changes : changes.slice(start, c);
      out.push({ changes: piece, eventTime: this.eventTimeOf(s, piece, res.originTime) });
      start = c;
    }
    return out;
  }

  /** The batch's newest event time (virtual ms): its rowtime column, else its origin time. */
  private eventTimeOf(s: SourceSlot, piece: Change[], origin: number | null): number | null {
    if (!s.rowtime) return origin;
    const col = s.rowtime.column;
    const wmFn = s.rowtime.watermark;
    let newest: number | null = null;
    for (const ch of piece) {
      const v = ch.row[col];
      if (typeof v === 'number' && (newest === null || v > newest)) newest = v;
      const w = wmFn(ch.row);
      if (typeof w === 'number' && w > s.maxWatermark) s.maxWatermark = w;
    }
    return newest === null ? origin : newest - this.env.config.epochMs;
  }

  // ---- checkpoints ----------------------------------------------------------------------

  stateBytes(): number {
    let b = 0;
    for (const op of this.ops) if (op) b += op.stateSize().bytes;
    for (const s of this.slots) b += s.reader.stateBytes();
    return b + this.writer.stateBytes();
  }

  private snapshot(): JobSnapshot {
    return {
      ops: this.ops.map((op) => (op ? op.snapshot() : null)),
      readers: this.slots.map((s) => s.reader.snapshot()),
      watermarks: this.watermarks.slice(),
      maxWatermarks: this.slots.map((s) => s.maxWatermark),
      lastEventTime: this.lastEventTime,
    };
  }

  private checkpoint(now: number): void {
    const cfg = this.env.config;
    if (cfg.checkpointIntervalMs === null) return;
    const cp = this.inflight;
    if (cp && now >= cp.endAt) {
      if (cp.failed) this.checkpointsFailed++;
      else {
        this.checkpointsCompleted++;
        this.lastCheckpointDurationMs = cp.durationMs;
        this.lastCheckpointCompletedAt = cp.endAt;
        this.lastCheckpointTriggeredAt = cp.triggeredAt;
        this.lastCompleted = cp.snapshot;
        this.writer.commitCheckpoint(cp.id, now);
      }
      this.inflight = null;
    }
    if (!this.inflight && now >= this.nextCheckpointAt) {
      const id = this.nextCheckpointId++;
      this.writer.prepareCheckpoint(id, now);
      const bytes = this.stateBytes();
      const duration = Math.round(cfg.checkpointBaseMs + (bytes / cfg.checkpointBytesPerSecond) * 1000);
      const failed = duration > cfg.checkpointTimeoutMs;
      this.inflight = {
        id,
        triggeredAt: now,
        endAt: now + (failed ? cfg.checkpointTimeoutMs : duration),
        durationMs: duration,
        failed,
        snapshot: this.snapshot(),
      };
      this.nextCheckpointAt = now + cfg.checkpointIntervalMs;
    }
  }

  /**
   * Failover: rebuild operator state and source positions from the last completed checkpoint
   * (from the start when there is none) and drop uncommitted sink data. A finished job stays
   * finished. Returns whether the job was restored.
   */
  restoreFromLastCheckpoint(): boolean {
    if (this.status === 'finished') return false;
    const snap = structuredClone(this.lastCompleted ?? this.initial);
    this.ops.forEach((op, i) => op?.restore(snap.ops[i]));
    this.slots.forEach((s, k) => {
      s.reader.restore(snap.readers[k]);
      s.maxWatermark = snap.maxWatermarks[k]!;
      s.finished = false;
      s.frac = 0;
    });
    for (let i = 0; i < this.watermarks.length; i++) this.watermarks[i] = snap.watermarks[i]!;
    this.lastEventTime = snap.lastEventTime;
    this.writer.abortUncommitted();
    this.inflight = null;
    this.carryMs = 0;
    this.status = 'running';
    this.error = null;
    this.errorSpan = null;
    return true;
  }

  /** Records waiting in each source, and the age of the oldest one. */
  sourceLag(now: number): { table: string; lagRecords: number; lagMs: number; watermark: number | null }[] {
    return this.slots.map((s) => {
      const oldest = s.finished ? null : s.reader.oldestUnread(now);
      return {
        table: s.table ?? 'VALUES',
        lagRecords: s.finished ? 0 : s.reader.available(now),
        lagMs: oldest === null ? 0 : Math.max(0, now - oldest),
        watermark: s.rowtime && s.maxWatermark > -Infinity ? s.maxWatermark - this.env.config.epochMs : null,
      };
    });
  }
}
