// Sink materializers: turn a changelog into what a reader of the sink table sees.
//   AppendLog     an append-only table or topic: every +I, in arrival order. Updates cannot
//                 arrive (the planner rejects updating input into append-only sinks); if one
//                 does, 'reject' throws ChangelogModeError and 'ignore' counts and skips it.
//   UpsertTable   a table with a primary key (JDBC/MySQL serving table, upsert Kafka): +I and +U
//                 upsert by key, -D deletes by key, -U is ignored (Flink's upsert sinks drop
//                 UPDATE_BEFORE). Rows in first-insertion order of their keys; an update keeps
//                 the key's position, a delete then re-insert moves it to the end.
//   RetractTable  a table without a primary key fed a retract stream: a multiset where +I/+U add
//                 a row and -U/-D remove one equal row. Rows in first-insertion order of each
//                 distinct row, repeated by multiplicity.
// Each has deterministic rows(), snapshot()/restore() (JSON-safe) and stateSize():
// rows = rows a reader sees; bytes = sum of bytes(row) (size.ts) over stored rows, a retract
// table storing each distinct row once plus an 8-byte multiplicity.
// SinkOperator wraps a materializer as an Operator for the simulator's job graph.
import type { Batch, Row } from '../types';
import { RowKind } from '../types';
import { FreshetError } from '../errors';
import type { Operator, OperatorContext, StateSize } from './operator';
import { makeKeyFn, normaliseParallelism, rowKey, spreadLoad, type KeyFn, type StateKey } from './keys';
import { SLOT_BYTES, rowBytes } from './state/size';

export class ChangelogModeError extends FreshetError {
  constructor(message: string) {
    super('changelog', message);
  }
}

export interface Materializer {
  apply(batch: Batch): void;
  /** Current rows in deterministic order (a fresh array; rows themselves are shared). */
  rows(): Row[];
  /** Number of rows a reader sees. */
  size(): number;
  snapshot(): unknown;
  restore(snapshot: unknown): void;
  stateSize(): StateSize;
}

export interface AppendLogOptions {
  /** What to do with -U/+U/-D: 'reject' (default) throws, 'ignore' skips and counts. */
  onUpdate?: 'reject' | 'ignore';
}

export class AppendLog implements Materializer {
  private log: Row[] = [];
  private bytes = 0;
  private ignored = 0;
  private readonly reject: boolean;

  constructor(options: AppendLogOptions = {}) {
    this.reject = (options.onUpdate ?? 'reject') === 'reject';
  }

  apply(batch: Batch): void {
    for (let i = 0; i < batch.length; i++) {
      const ch = batch[i]!;
      if (ch.kind === RowKind.INSERT) {
        this.log.push(ch.row);
        this.bytes += rowBytes(ch.row);
      } else if (this.reject) {
        throw new ChangelogModeError('an append-only sink received an update or delete change');
      } else this.ignored++;
    }
  }

  rows(): Row[] {
    return this.log.slice();
  }
  size(): number {
    return this.log.length;
  }
  /** Non-insert changes skipped in 'ignore' mode. */
  ignoredChanges(): number {
    return this.ignored;
  }
  snapshot(): { v: 1; rows: Row[] } {
    return { v: 1, rows: this.log.map((r) => r.slice()) };
  }
  restore(snapshot: unknown): void {
    const s = snapshot as { rows: Row[] } | null;
    this.log = s ? s.rows.map((r) => r.slice()) : [];
    this.bytes = 0;
    for (const r of this.log) this.bytes += rowBytes(r);
  }
  stateSize(): StateSize {
    return { rows: this.log.length, bytes: this.bytes };
  }
}

export interface UpsertTableOptions {
  /** Positions of the primary key columns in the sink row. */
  primaryKey: readonly number[];
}

export class UpsertTable implements Materializer {
  private table = new Map<StateKey, Row>();
  private bytes = 0;
  private readonly keyFn: KeyFn;
  private ignoredBefore = 0;
  private deleteMisses = 0;

  constructor(options: UpsertTableOptions) {
    if (options.primaryKey.length === 0) throw new Error('an upsert table needs a primary key');
    this.keyFn = makeKeyFn(options.primaryKey);
  }

  apply(batch: Batch): void {
    const t = this.table;
    for (let i = 0; i < batch.length; i++) {
      const ch = batch[i]!;
      const kind = ch.kind;
      if (kind === RowKind.UPDATE_BEFORE) {
        this.ignoredBefore++;
        continue;
      }
      const key = this.keyFn(ch.row);
      const old = t.get(key);
      if (kind === RowKind.DELETE) {
        if (old === undefined) this.deleteMisses++;
        else {
          t.delete(key);
          this.bytes -= rowBytes(old);
        }
      } else {
        t.set(key, ch.row);
        this.bytes += rowBytes(ch.row) - (old === undefined ? 0 : rowBytes(old));
      }
    }
  }

  /** The row stored under the key of `keyRow` (a row with the key columns in place). */
  get(keyRow: Row): Row | undefined {
    return this.table.get(this.keyFn(keyRow));
  }
  rows(): Row[] {
    return Array.from(this.table.values());
  }
  size(): number {
    return this.table.size;
  }
  /** -U changes ignored, and -D changes whose key was absent. */
  ignoredChanges(): { updateBefore: number; deleteMisses: number } {
    return { updateBefore: this.ignoredBefore, deleteMisses: this.deleteMisses };
  }
  snapshot(): { v: 1; rows: Row[] } {
    return { v: 1, rows: this.rows().map((r) => r.slice()) };
  }
  restore(snapshot: unknown): void {
    const s = snapshot as { rows: Row[] } | null;
    this.table = new Map();
    this.bytes = 0;
    if (!s) return;
    for (const r of s.rows) {
      this.table.set(this.keyFn(r), r.slice());
      this.bytes += rowBytes(r);
    }
  }
  stateSize(): StateSize {
    return { rows: this.table.size, bytes: this.bytes };
  }
}

interface Counted {
  row: Row;
  count: number;
}

export class RetractTable implements Materializer {
  private table = new Map<string, Counted>();
  private total = 0;
  private bytes = 0;
  private misses = 0;

  apply(batch: Batch): void {
    const t = this.table;
    for (let i = 0; i < batch.length; i++) {
      const ch = batch[i]!;
      const key = rowKey(ch.row);
      const e = t.get(key);
      if (ch.kind === RowKind.INSERT || ch.kind === RowKind.UPDATE_AFTER) {
        if (e === undefined) {
          t.set(key, { row: ch.row, count: 1 });
          this.bytes += rowBytes(ch.row) + SLOT_BYTES;
        } else e.count++;
        this.total++;
      } else if (e === undefined) {
        this.misses++;
      } else {
        this.total--;
        if (e.count > 1) e.count--;
        else {
          t.delete(key);
          this.bytes -= rowBytes(e.row) + SLOT_BYTES;
        }
      }
    }
  }

  rows(): Row[] {
    const out: Row[] = [];
    for (const e of this.table.values()) for (let c = 0; c < e.count; c++) out.push(e.row);
    return out;
  }
  size(): number {
    return this.total;
  }
  /** Retractions that found no equal row. */
  retractMisses(): number {
    return this.misses;
  }
  snapshot(): { v: 1; rows: [Row, number][] } {
    return { v: 1, rows: Array.from(this.table.values(), (e) => [e.row.slice(), e.count] as [Row, number]) };
  }
  restore(snapshot: unknown): void {
    const s = snapshot as { rows: [Row, number][] } | null;
    this.table = new Map();
    this.total = 0;
    this.bytes = 0;
    if (!s) return;
    for (const [row, count] of s.rows) {
      this.table.set(rowKey(row), { row: row.slice(), count });
      this.total += count;
      this.bytes += rowBytes(row) + SLOT_BYTES;
    }
  }
  stateSize(): StateSize {
    return { rows: this.total, bytes: this.bytes };
  }
}

/** A materializer as the last operator of a job: applies batches, emits nothing. */
export class SinkOperator<M extends Materializer = Materializer> implements Operator {
  readonly materializer: M;
  private readonly load: number[];
  private offset = 0;

  constructor(materializer: M, parallelism = 1) {
    this.materializer = materializer;
    this.load = new Array<number>(normaliseParallelism(parallelism)).fill(0);
  }
  process(batch: Batch, _port: number, _ctx: OperatorContext): Batch {
    this.offset = spreadLoad(this.load, batch.length, this.offset);
    this.materializer.apply(batch);
    return [];
  }
  snapshot(): unknown {
    return this.materializer.snapshot();
  }
  restore(snapshot: unknown): void {
    this.materializer.restore(snapshot);
  }
  stateSize(): StateSize {
    return this.materializer.stateSize();
  }
  lastSubtaskLoad(): number[] {
    return this.load.slice();
  }
}

export function appendLog(options: AppendLogOptions = {}): AppendLog {
  return new AppendLog(options);
}
export function upsertTable(options: UpsertTableOptions): UpsertTable {
  return new UpsertTable(options);
}
export function retractTable(): RetractTable {
  return new RetractTable();
}
export function sink<M extends Materializer>(materializer: M, parallelism = 1): SinkOperator<M> {
  return new SinkOperator(materializer, parallelism);
}
