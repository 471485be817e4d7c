// One source of a job as the scheduler drives it: the connector's reader (or a VALUES reader),
// plus what the job adds on top of a read: computed columns, the rowtime watermark, the cut of a
// read into batches, and the fractional read allowance carried between ticks.
// The coming source architectures (legacy monitor + reader, FLIP-27 enumerator + readers) plug in
// below this class as the SourceReader it wraps; what the reader holds (split buffers) is theirs.
import type { SourceNode, ValuesNode } from '../plan/graph';
import type { CompiledExpr } from '../expr/ir';
import type { Change } from '../types';
import type { ReadResult, SourceReader } from '../connectors/store';
import type { Random } from '../common/random';
import type { SimConfig } from './settings';
import type { LakeSourceMetrics } from '../api';

/** A run of changes from one read, pushed through the job as one batch. */
export interface SourceBatch {
  changes: Change[];
  /** The batch's newest event time (virtual ms), or null when unknown. */
  eventTime: number | null;
}

/** What a source reports in `metrics.sources`. */
export interface SourceLag {
  table: string;
  lagRecords: number;
  lagMs: number;
  watermark: number | null;
  lake?: LakeSourceMetrics;
}

/** The part of a source task that a checkpoint holds. */
export interface SourceTaskSnapshot {
  reader: unknown;
  maxWatermark: number;
}

export class SourceTask {
  /** Max watermark candidate seen (absolute ms), or -Infinity. */
  maxWatermark = -Infinity;
  finished = false;
  /** Fractional read allowance carried to the next tick. */
  carriedAllowance = 0;
  /** Records read in the current tick (the cost phase charges them to the source). */
  readThisTick = 0;
  /** Records the last read took from the reader, before the pushed-down filter dropped any. */
  lastReadCount = 0;
  /** Records one subtask reads per virtual second: `sim.cost.iceberg.reader.rps` for lake streaming reads, else `sim.cost.source.rps`. */
  readonly rps: number;

  constructor(
    /** Index of the source's node in the job's node list. */
    readonly nodeIndex: number,
    readonly node: SourceNode | ValuesNode,
    /** The table read, or null for VALUES. */
    readonly table: string | null,
    readonly reader: SourceReader,
    private readonly rowtime: { column: number; watermark: CompiledExpr } | null,
    /** Computed columns (`c AS expr`), filled in declared order after a read. */
    private readonly computed: readonly { index: number; fn: CompiledExpr }[],
    private readonly config: SimConfig,
    /** The filter pushed into the scan (plan/source-reuse.ts): rows failing it are read, not emitted. */
    private readonly pushedFilter: CompiledExpr | null = null,
  ) {
    this.rps = reader.lakeMetrics ? config.lakeReaderRps : config.rps.source;
    this.commitTimeWatermarks = reader.commitTimeWatermarks === true;
  }

  /** The reader sets the watermark from commit times (`watermark.commit-time`), not the rows. */
  private readonly commitTimeWatermarks: boolean;

  /**
   * Reads up to `max` records, with computed columns filled, and drops those the pushed-down
   * filter rejects (Iceberg's reader applies the pushed filters to rows; they still cost a read).
   */
  read(max: number, now: number): ReadResult {
    const res = this.reader.read(max, now);
    this.lastReadCount = res.changes.length;
    if (this.computed.length > 0) res.changes = res.changes.map((ch) => ({ kind: ch.kind, row: this.compute(ch.row) }));
    const f = this.pushedFilter;
    if (f !== null) res.changes = res.changes.filter((ch) => f(ch.row) === true);
    return res;
  }

  /** Fills computed columns over a copy of a stored row (computed slots are NULL while evaluating). */
  private compute(stored: Change['row']): Change['row'] {
    const row = stored.slice();
    for (const c of this.computed) row[c.index] = null;
    for (const c of this.computed) row[c.index] = c.fn(row);
    return row;
  }

  /** Cuts one read into batches at up to `sim.batch.splits` seeded positions. */
  cut(res: ReadResult, rng: Random): SourceBatch[] {
    const cfg = this.config;
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
    const out: SourceBatch[] = [];
    let start = 0;
    for (const c of cuts) {
      if (c <= start) continue;
      const piece = start === 0 && c === len ? changes : changes.slice(start, c);
      out.push({ changes: piece, eventTime: this.eventTimeOf(piece, res.originTime) });
      start = c;
    }
    return out;
  }

  /**
   * A lake read with `watermark.commit-time` sets the watermark from snapshot commit times (phase
   * 3 asks before it propagates watermarks); other sources' watermarks come from their rows.
   */
  refreshWatermark(now: number): void {
    if (this.finished) return;
    const w = this.reader.commitTimeWatermark?.(now);
    if (!w || w.watermarkMs === null) return;
    const abs = w.watermarkMs + this.config.epochMs;
    if (abs > this.maxWatermark) this.maxWatermark = abs;
  }

  /**
   * The batch's newest event time (virtual ms): its rowtime column, else its origin time. Also
   * advances the source's watermark candidate over the batch (unless commit times set it).
   */
  private eventTimeOf(piece: Change[], origin: number | null): number | null {
    if (!this.rowtime) return origin;
    const col = this.rowtime.column;
    const wmFn = this.commitTimeWatermarks ? null : this.rowtime.watermark;
    let newest: number | null = null;
    for (const ch of piece) {
      const v = ch.row[col];
      if (typeof v === 'number' && (newest === null || v > newest)) newest = v;
      if (wmFn === null) continue;
      const w = wmFn(ch.row);
      if (typeof w === 'number' && w > this.maxWatermark) this.maxWatermark = w;
    }
    return newest === null ? origin : newest - this.config.epochMs;
  }

  /** Records waiting in the source, and the age of the oldest one. */
  lag(now: number): SourceLag {
    const oldest = this.finished ? null : this.reader.oldestUnread(now);
    return {
      table: this.table ?? 'VALUES',
      lagRecords: this.finished ? 0 : this.reader.available(now),
      lagMs: oldest === null ? 0 : Math.max(0, now - oldest),
      watermark: (this.rowtime || this.commitTimeWatermarks) && this.maxWatermark > -Infinity ? this.maxWatermark - this.config.epochMs : null,
      ...(this.reader.lakeMetrics ? { lake: this.reader.lakeMetrics(now) } : {}),
    };
  }

  snapshot(): SourceTaskSnapshot {
    return { reader: this.reader.snapshot(), maxWatermark: this.maxWatermark };
  }

  /** Rewinds to a checkpoint: the reader's position and watermark; nothing is finished or carried. */
  restore(s: SourceTaskSnapshot): void {
    this.reader.restore(s.reader);
    this.maxWatermark = s.maxWatermark;
    this.finished = false;
    this.carriedAllowance = 0;
  }
}
