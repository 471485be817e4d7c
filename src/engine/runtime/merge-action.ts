// MergeAction: the merge actions of MERGE INTO (a bounded repair statement). Its input is the
// join of target and source (target columns, then source columns); a row whose target key is
// all NULL had no target match. The join's output is a changelog whose net result is only known
// at the end of input, so the operator keeps the net multiset of joined rows and acts once, when
// its watermark reaches the end of input (a batch operator's "end input"):
//   - every target row may be matched by at most one source row (SQL standard, Spark, Iceberg):
//     otherwise the job fails with an error pointing at the ON condition, before any output;
//   - each joined row takes the first WHEN clause of its kind (MATCHED / NOT MATCHED) whose AND
//     condition is TRUE; a row no clause takes is left alone;
//   - UPDATE emits -U(old target row) +U(new row), or -D(old) +I(new) when the update changes the
//     primary key; DELETE emits -D(old); INSERT emits +I(new). Rows are emitted in the order their
//     joined rows first arrived, so a run is deterministic.
import { RowKind, type Batch, type Change, type Row, type Span, type Value } from '../types';
import type { CompiledExpr } from '../expr/ir';
import { ExprError } from '../expr/cast';
import type { Operator, OperatorContext, StateSize } from './operator';
import { keyOf, rowKey } from './keys';
import { rowBytes } from './state/size';

export interface MergeClause {
  matched: boolean;
  condition: CompiledExpr | null;
  action: 'update' | 'delete' | 'insert';
  /** The new target row's columns over the joined row (update, insert). */
  projections: readonly CompiledExpr[];
}

export interface MergeActionOptions {
  targetWidth: number;
  /** Target primary key positions in the joined row. */
  targetKey: readonly number[];
  clauses: readonly MergeClause[];
  /** Where a multiple-match error points. */
  onSpan?: Span;
  parallelism?: number;
}

/** Input watermarks at or past this mean every input has ended (the simulator's MAX_WATERMARK). */
const END_OF_INPUT = Number.MAX_SAFE_INTEGER;

interface Entry {
  row: Row;
  count: number;
}

export class MergeActionOperator implements Operator {
  /** Net joined rows by row key, in first-arrival order. */
  private readonly joined = new Map<string, Entry>();
  private bytes = 0;
  private done = false;
  private lastLoad = 0;
  private readonly load: number[];

  constructor(private readonly options: MergeActionOptions) {
    this.load = new Array<number>(Math.max(1, options.parallelism ?? 1)).fill(0);
  }

  process(batch: Batch, _port: number, _ctx: OperatorContext): Batch {
    this.lastLoad = batch.length;
    for (const change of batch) {
      const key = rowKey(change.row);
      const add = change.kind === RowKind.INSERT || change.kind === RowKind.UPDATE_AFTER ? 1 : -1;
      const entry = this.joined.get(key);
      if (entry === undefined) {
        this.joined.set(key, { row: change.row, count: add });
        this.bytes += rowBytes(change.row);
      } else entry.count += add;
    }
    return [];
  }

  onWatermark(watermark: number, _ctx: OperatorContext): Batch {
    if (this.done || watermark < END_OF_INPUT) return [];
    this.done = true;
    return this.act();
  }

  private act(): Change[] {
    const { targetKey, targetWidth, clauses } = this.options;
    const rows: Row[] = [];
    for (const e of this.joined.values()) for (let c = 0; c < e.count; c++) rows.push(e.row);
    const isMatched = (row: Row) => targetKey.some((k) => row[k] !== null);
    // The multiple-match check comes first: a MERGE that fails writes nothing.
    const matchesPerTarget = new Map<string, number>();
    for (const row of rows) {
      if (!isMatched(row)) continue;
      const key = keyOf(row, targetKey);
      const n = (matchesPerTarget.get(key) ?? 0) + 1;
      matchesPerTarget.set(key, n);
      if (n > 1) {
        const keyText = targetKey.map((k) => String(row[k])).join(', ');
        const error = new ExprError(
          `MERGE: the target row with key (${keyText}) is matched by more than one source row; each target row may match at most one source row (make the ON condition unique per target row, e.g. deduplicate the source)`,
        );
        if (this.options.onSpan) error.span = this.options.onSpan;
        throw error;
      }
    }
    const out: Change[] = [];
    for (const row of rows) {
      const matched = isMatched(row);
      const clause = clauses.find((c) => c.matched === matched && (c.condition === null || c.condition(row) === true));
      if (clause === undefined) continue;
      const old = matched ? row.slice(0, targetWidth) : null;
      if (clause.action === 'delete') {
        out.push({ kind: RowKind.DELETE, row: old! });
        continue;
      }
      const next: Value[] = clause.projections.map((p) => p(row));
      if (clause.action === 'insert') {
        out.push({ kind: RowKind.INSERT, row: next });
      } else if (keyOf(old!, targetKey) === keyOf(next, targetKey)) {
        out.push({ kind: RowKind.UPDATE_BEFORE, row: old! }, { kind: RowKind.UPDATE_AFTER, row: next });
      } else {
        out.push({ kind: RowKind.DELETE, row: old! }, { kind: RowKind.INSERT, row: next });
      }
    }
    this.joined.clear();
    this.bytes = 0;
    return out;
  }

  snapshot(): unknown {
    return { done: this.done, joined: [...this.joined.values()].map((e) => [e.row, e.count]) };
  }

  restore(snapshot: unknown): void {
    this.joined.clear();
    this.bytes = 0;
    this.done = false;
    const snap = snapshot as { done: boolean; joined: [Row, number][] } | null;
    if (!snap) return;
    this.done = snap.done;
    for (const [row, count] of snap.joined) {
      this.joined.set(rowKey(row), { row, count });
      this.bytes += rowBytes(row);
    }
  }

  stateSize(): StateSize {
    return { rows: this.joined.size, bytes: this.bytes };
  }

  lastSubtaskLoad(): number[] {
    // One logical task decides for the whole statement (the multiple-match check needs every row).
    this.load.fill(0);
    this.load[0] = this.lastLoad;
    return this.load.slice();
  }
}

export function mergeAction(options: MergeActionOptions): MergeActionOperator {
  return new MergeActionOperator(options);
}
