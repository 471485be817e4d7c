// Implicit casts when a value is written into a column of another type: a sink column, or the
// common type of a UNION ALL column. A cast is only planned where the value's representation or
// its rounding changes; the other conversions are free (numbers share one representation).
import type { DataType } from '../../types';
import type { BoundExpr } from '../../expr/ir';
import { familyOf, isNumeric } from '../../expr/typeutil';
import { reprConverter } from '../../expr/exact';

/** Implicit conversions Flink allows when writing into a sink column. */
export function sinkAccepts(from: DataType, to: DataType): boolean {
  const f = familyOf(from);
  const t = familyOf(to);
  if (f === 'null' || f === t) return true;
  if (isNumeric(from) && isNumeric(to)) return true;
  if (t === 'string') return f !== 'interval';
  if (f === 'date' && t === 'timestamp') return true;
  return false;
}

/**
 * Whether writing `from` into `to` changes the value (narrowing, padding, rounding, another
 * family) or its representation (a BIGINT / wide DECIMAL bigint into another scale or a double).
 */
export function needsCast(from: DataType, to: DataType): boolean {
  const f = familyOf(from);
  const t = familyOf(to);
  if (f === 'null') return false;
  if (isNumeric(from) && isNumeric(to) && reprConverter(from, to) !== null) return true;
  if (f === 'string' && t === 'string') return to.name === 'CHAR' && from.name !== 'CHAR';
  if (f === 'timestamp' && t === 'timestamp') return (to.precision ?? 6) < 3 && (from.precision ?? 6) > (to.precision ?? 6);
  if (f === 'integer' && (t === 'integer' || t === 'approx')) {
    const rank = (x: DataType) => ['TINYINT', 'SMALLINT', 'INT', 'BIGINT'].indexOf(x.name);
    return t === 'integer' && rank(to) < rank(from);
  }
  if (f === 'approx' && to.name === 'DOUBLE') return false;
  if (f === 'decimal' && t === 'decimal') return (to.scale ?? 0) < (from.scale ?? 0) || (to.precision ?? 10) - (to.scale ?? 0) < (from.precision ?? 10) - (from.scale ?? 0);
  if (f === 'decimal' && t === 'approx') return to.name === 'FLOAT';
  if (f === 'integer' && t === 'decimal') return false;
  return f !== t || from.name !== to.name || from.precision !== to.precision || from.scale !== to.scale;
}

/** Casts to a column type when the value representation or its rounding changes. */
export function castForColumn(e: BoundExpr, to: DataType): BoundExpr {
  if (familyOf(e.type) === 'null') return e.op === 'lit' ? { op: 'lit', value: null, type: { ...to, nullable: true } } : e;
  if (!needsCast(e.type, to)) return e;
  return { op: 'cast', expr: e, type: { ...to, nullable: e.type.nullable }, safe: false };
}
