// Deduplication (Flink's Deduplicate: ProcTimeDeduplicateKeepFirstRowFunction,
// ProcTimeDeduplicateKeepLastRowFunction, RowTimeDeduplicateFunction; flink-table-runtime
// operators/deduplicate): per partition key, one row.
//   proctime, keep first: the first row, +I; later rows are ignored (insert-only output).
//   proctime, keep last:  each row replaces the previous: +I, then -U[previous] +U[row].
//   rowtime, keep first:  a row replaces the kept one when its time is earlier.
//   rowtime, keep last:   a row replaces the kept one when its time is the same or later.
// Replacements emit -U[previous] +U[row]. A rowtime row with a NULL time is dropped.
import type { Batch, Row, Value } from '../types';
import { RowKind } from '../types';
import type { Operator, OperatorContext, StateSize } from './operator';
import { KeyPartitioner, makeKeyFn, type KeyFn, type StateKey } from './keys';
import { ENTRY_OVERHEAD, rowBytes } from './state/size';

export interface DeduplicateOptions {
  partitionKeys: readonly number[];
  keepLastRow: boolean;
  timeKind: 'rowtime' | 'proctime';
  timeIndex: number;
  outputRankNumber: boolean;
  parallelism?: number;
}

export class DeduplicateOperator implements Operator {
  /** Per key the row kept. */
  private kept = new Map<StateKey, Row>();
  private bytes = 0;
  private readonly keyOf: KeyFn;
  private readonly part: KeyPartitioner;
  private readonly load: number[];

  constructor(private readonly o: DeduplicateOptions) {
    this.keyOf = makeKeyFn(o.partitionKeys);
    this.part = new KeyPartitioner(o.parallelism ?? 1);
    this.load = new Array<number>(this.part.parallelism).fill(0);
  }

  private out(row: Row): Row {
    return this.o.outputRankNumber ? [...row, 1] : row;
  }

  process(batch: Batch, _port: number, _ctx: OperatorContext): Batch {
    this.load.fill(0);
    const out: Batch = [];
    const rowtime = this.o.timeKind === 'rowtime';
    for (const ch of batch) {
      if (ch.kind !== RowKind.INSERT) throw new Error('deduplication takes insert-only input; the planner rejects updating inputs');
      const row = ch.row;
      const t: Value = row[this.o.timeIndex]!;
      if (rowtime && typeof t !== 'number') continue;
      const key = this.keyOf(row);
      this.load[this.part.subtaskOf(key)]!++;
      const prev = this.kept.get(key);
      if (prev === undefined) {
        this.kept.set(key, row);
        this.bytes += ENTRY_OVERHEAD + rowBytes(row);
        out.push({ kind: RowKind.INSERT, row: this.out(row) });
        continue;
      }
      let replace: boolean;
      if (rowtime) {
        const pt = prev[this.o.timeIndex] as number;
        replace = this.o.keepLastRow ? (t as number) >= pt : (t as number) < pt;
      } else replace = this.o.keepLastRow;
      if (!replace) continue;
      this.kept.set(key, row);
      this.bytes += rowBytes(row) - rowBytes(prev);
      out.push({ kind: RowKind.UPDATE_BEFORE, row: this.out(prev) }, { kind: RowKind.UPDATE_AFTER, row: this.out(row) });
    }
    return out;
  }

  snapshot(): unknown {
    return { v: 1, kept: [...this.kept].map(([k, r]) => [k, r.slice()]) };
  }

  restore(snapshot: unknown): void {
    this.kept = new Map((snapshot as { kept: [StateKey, Row][] }).kept.map(([k, r]) => [k, r.slice()]));
    this.bytes = 0;
    for (const r of this.kept.values()) this.bytes += ENTRY_OVERHEAD + rowBytes(r);
  }

  stateSize(): StateSize {
    return { rows: this.kept.size, bytes: this.bytes };
  }

  lastSubtaskLoad(): number[] {
    return this.load.slice();
  }
}

export function deduplicate(options: DeduplicateOptions): DeduplicateOperator {
  return new DeduplicateOperator(options);
}
