// Calc: filter, then project. Stateless; every row kind passes through with its kind.
import type { Batch, Change, Row } from '../types';
import type { CompiledExpr } from '../expr/ir';
import { StatelessOperator, type OperatorContext } from './operator';

export interface CalcOptions {
  /** Keeps a row only when this returns exactly `true` (NULL and FALSE drop it, as SQL WHERE). */
  filter: CompiledExpr | null;
  /**
   * One compiled expression per output column, over the input row. `null` means the output row
   * is the input row itself (a filter-only Calc): the row is forwarded without copying.
   */
  projections: readonly CompiledExpr[] | null;
  /**
   * Optional fast path: `columnRefs[j] = k` when output column j is exactly input column k (a
   * bound `col` expression). Those columns are copied without calling the closure.
   */
  columnRefs?: readonly (number | null)[] | null;
  parallelism?: number;
  /** Where CURRENT_WATERMARK in the expressions reads this Calc's watermark; the Calc keeps it current. */
  watermarkCell?: { value: number | null } | null;
}

export class CalcOperator extends StatelessOperator {
  private readonly filter: CompiledExpr | null;
  private readonly projections: readonly CompiledExpr[] | null;
  /** refs[j] >= 0: copy input column refs[j]; -1: call projections[j]. */
  private readonly refs: Int32Array;
  private readonly width: number;

  private readonly watermarkCell: { value: number | null } | null;

  constructor(options: CalcOptions) {
    super(options.parallelism);
    this.watermarkCell = options.watermarkCell ?? null;
    this.filter = options.filter;
    this.projections = options.projections;
    const width = options.projections === null ? 0 : options.projections.length;
    this.width = width;
    this.refs = new Int32Array(width).fill(-1);
    const refs = options.columnRefs;
    if (refs) {
      for (let j = 0; j < width && j < refs.length; j++) {
        const ref = refs[j];
        if (ref !== null && ref !== undefined && ref >= 0) this.refs[j] = ref;
      }
    }
  }

  onWatermark(watermark: number, _ctx: OperatorContext): Batch {
    if (this.watermarkCell) this.watermarkCell.value = watermark;
    return [];
  }

  process(batch: Batch, _port: number, _ctx: OperatorContext): Batch {
    this.spread(batch.length);
    const filter = this.filter;
    const projections = this.projections;
    const out: Change[] = [];
    if (projections === null) {
      if (filter === null) return batch;
      for (let i = 0; i < batch.length; i++) {
        const change = batch[i]!;
        if (filter(change.row) === true) out.push(change);
      }
      return out;
    }
    const refs = this.refs;
    const width = this.width;
    for (let i = 0; i < batch.length; i++) {
      const change = batch[i]!;
      const row = change.row;
      if (filter !== null && filter(row) !== true) continue;
      const projected: Row = new Array(width);
      for (let j = 0; j < width; j++) {
        const ref = refs[j]!;
        projected[j] = ref >= 0 ? row[ref]! : projections[j]!(row);
      }
      out.push({ kind: change.kind, row: projected });
    }
    return out;
  }
}

export function calc(options: CalcOptions): CalcOperator {
  return new CalcOperator(options);
}
