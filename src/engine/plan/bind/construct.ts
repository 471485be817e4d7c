// Small constructors for bound expressions, and the type spelling the binder's messages use.
import type { DataType, Value } from '../../types';
import type { BoundExpr } from '../../expr/ir';
import { materialized, mk } from '../../expr/typeutil';

export const lit = (value: Value, type: DataType): BoundExpr => ({ op: 'lit', value, type });
/** A call's result is never a time attribute (`COALESCE(rowtime)` is a plain timestamp, as Flink materializes it). */
export const call = (fn: string, args: BoundExpr[], type: DataType): BoundExpr => ({ op: 'call', fn, args, type: materialized(type) });
export const booleanType = (nullable: boolean): DataType => mk('BOOLEAN', nullable);

/** A type as messages spell it: `DECIMAL(10, 2)`, `TIMESTAMP(3)`, `STRING`. */
export function typeText(t: DataType): string {
  if (t.name === 'DECIMAL') return `DECIMAL(${t.precision ?? 10}, ${t.scale ?? 0})`;
  return t.precision !== undefined && t.name !== 'INTERVAL' ? `${t.name}(${t.precision})` : t.name;
}
