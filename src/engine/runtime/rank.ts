// Top-N with ROW_NUMBER (Flink's Rank: RetractableTopNFunction / AppendOnlyTopNFunction,
// flink-table-runtime operators/rank): per partition, the first `rankEnd` rows by the sort keys.
// Each input change updates the partition's sorted rows; the operator compares the top N before
// and after and emits the difference:
//   with the row number: for each rank k whose row changed (by content), -U[old, k] +U[new, k]; a rank newly
//   filled +I[new, k]; a rank emptied -D[old, k];
//   without it: -D for each row that left the top N, then +I for each that entered.
// Rows with equal sort keys keep arrival order (the earlier ranks first).
import type { SortKey } from '../plan/graph';
import type { Batch, Row } from '../types';
import { RowKind, isAccumulate } from '../types';
import type { Operator, OperatorContext, StateSize } from './operator';
import { KeyPartitioner, makeKeyFn, rowsEqual, type KeyFn } from './keys';
import { RankState, rowComparator } from './state/rank-state';

export interface RankOptions {
  partitionKeys: readonly number[];
  sortKeys: readonly SortKey[];
  rankEnd: number;
  outputRankNumber: boolean;
  parallelism?: number;
}

export class RankOperator implements Operator {
  private readonly state: RankState;
  private readonly keyOf: KeyFn;
  private readonly part: KeyPartitioner;
  private readonly load: number[];

  constructor(private readonly o: RankOptions) {
    this.state = new RankState(rowComparator(o.sortKeys));
    this.keyOf = makeKeyFn(o.partitionKeys);
    this.part = new KeyPartitioner(o.parallelism ?? 1);
    this.load = new Array<number>(this.part.parallelism).fill(0);
  }

  process(batch: Batch, _port: number, _ctx: OperatorContext): Batch {
    this.load.fill(0);
    const out: Batch = [];
    const n = this.o.rankEnd;
    for (const ch of batch) {
      const key = this.keyOf(ch.row);
      this.load[this.part.subtaskOf(key)]!++;
      const before = this.state.rowsOf(key).slice(0, n);
      if (isAccumulate(ch.kind)) this.state.add(key, ch.row);
      else if (!this.state.remove(key, ch.row)) continue;
      const after = this.state.rowsOf(key).slice(0, n);
      this.emitDifference(before, after, out);
    }
    return out;
  }

  private emitDifference(before: Row[], after: Row[], out: Batch): void {
    if (this.o.outputRankNumber) {
      for (let k = 0; k < Math.max(before.length, after.length); k++) {
        const old = before[k];
        const now = after[k];
        if (old === now || (old && now && rowsEqual(old, now))) continue;
        const rank = k + 1;
        if (old && now) out.push({ kind: RowKind.UPDATE_BEFORE, row: [...old, rank] }, { kind: RowKind.UPDATE_AFTER, row: [...now, rank] });
        else if (now) out.push({ kind: RowKind.INSERT, row: [...now, rank] });
        else out.push({ kind: RowKind.DELETE, row: [...old!, rank] });
      }
      return;
    }
    // A multiset difference by content: equal rows swapping places change nothing.
    const added = after.slice();
    const removed: Row[] = [];
    for (const r of before) {
      const i = added.findIndex((x) => rowsEqual(x, r));
      if (i >= 0) added.splice(i, 1);
      else removed.push(r);
    }
    for (const r of removed) out.push({ kind: RowKind.DELETE, row: r });
    for (const r of added) out.push({ kind: RowKind.INSERT, row: r });
  }

  snapshot(): unknown {
    return { v: 1, partitions: this.state.entries() };
  }

  restore(snapshot: unknown): void {
    this.state.restore((snapshot as { partitions: ReturnType<RankState['entries']> }).partitions);
  }

  stateSize(): StateSize {
    return { rows: this.state.rows, bytes: this.state.bytes };
  }

  lastSubtaskLoad(): number[] {
    return this.load.slice();
  }
}

export function rank(options: RankOptions): RankOperator {
  return new RankOperator(options);
}
