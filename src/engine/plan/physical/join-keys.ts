// Reading a join condition over the joined row (left columns, then right columns): which side a
// conjunct reads, and whether it is an equality the join can match on.
import type { BoundExpr } from '../../expr/ir';
import { familyOf } from '../../expr/typeutil';
import { reprConverter } from '../../expr/exact';
import { columnsRead } from '../bound-exprs';

export type JoinSide = 'left' | 'right' | 'both' | 'none';

/** Which input(s) an expression over the joined row reads; `leftWidth` is the left input's width. */
export function sideOf(e: BoundExpr, leftWidth: number): JoinSide {
  const cols = [...columnsRead(e)];
  if (cols.length === 0) return 'none';
  const readsLeft = cols.some((c) => c < leftWidth);
  const readsRight = cols.some((c) => c >= leftWidth);
  return readsLeft && readsRight ? 'both' : readsLeft ? 'left' : 'right';
}

/**
 * A cast within the same type family does not change which values are equal, unless it changes
 * the representation (a BIGINT / wide DECIMAL bigint into another scale, expr/exact.ts): then the
 * two sides only match in the cast's type, so the cast stays and is computed as a key column.
 */
function withoutFamilyCast(e: BoundExpr): BoundExpr {
  return e.op === 'cast' && familyOf(e.type) === familyOf(e.expr.type) && reprConverter(e.expr.type, e.type) === null ? e.expr : e;
}

/** The column a key expression reads when it is only that column (or a cast within its family). */
export function plainColumn(e: BoundExpr): number | null {
  const x = withoutFamilyCast(e);
  return x.op === 'col' ? x.index : null;
}

/** `l = r` with a plain column of each side: [leftIndex, rightIndex] (right index not shifted). */
export function equiKey(e: BoundExpr, leftWidth: number): [number, number] | null {
  if (e.op !== 'call' || e.fn !== '=' || e.args.length !== 2) return null;
  const a = withoutFamilyCast(e.args[0]!);
  const b = withoutFamilyCast(e.args[1]!);
  if (a.op !== 'col' || b.op !== 'col') return null;
  if (a.index < leftWidth && b.index >= leftWidth) return [a.index, b.index];
  if (b.index < leftWidth && a.index >= leftWidth) return [b.index, a.index];
  return null;
}

/**
 * `l = r` where each side is an expression over one input only, not two plain columns
 * (`UPPER(a.x) = UPPER(b.x)`, `a.id + 1 = b.id`): [left expression, right expression]
 * (right side not shifted).
 */
export function computedEquiKey(e: BoundExpr, leftWidth: number): [BoundExpr, BoundExpr] | null {
  if (e.op !== 'call' || e.fn !== '=' || e.args.length !== 2) return null;
  const a = e.args[0]!;
  const b = e.args[1]!;
  const sa = sideOf(a, leftWidth);
  const sb = sideOf(b, leftWidth);
  if (sa === 'left' && sb === 'right') return [a, b];
  if (sa === 'right' && sb === 'left') return [b, a];
  return null;
}
