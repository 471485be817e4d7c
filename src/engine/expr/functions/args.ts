// What the function families share: null-strict wrappers (SQL: a NULL argument gives NULL),
// reading constant arguments, and shaping a numeric result to its declared type.
import type { DataType, Value } from '../../types';
import type { BoundExpr, CompiledExpr } from '../ir';
import { ExprError, roundHalfUp, wrapInt } from '../cast';
import { MS_PER_DAY } from '../../common/calendar';
import { parseTimestamp } from '../../common/time-text';
import type { TimeUnitName } from '../datetime';
import { familyOf } from '../typeutil';

export type NN = Exclude<Value, null>;

export function strict1(a: CompiledExpr, f: (x: NN) => Value): CompiledExpr {
  return (row) => {
    const x = a(row);
    return x === null ? null : f(x);
  };
}
export function strict2(a: CompiledExpr, b: CompiledExpr, f: (x: NN, y: NN) => Value): CompiledExpr {
  return (row) => {
    const x = a(row);
    if (x === null) return null;
    const y = b(row);
    return y === null ? null : f(x, y);
  };
}
export function strictN(args: CompiledExpr[], f: (xs: NN[]) => Value): CompiledExpr {
  const n = args.length;
  return (row) => {
    const xs = new Array<NN>(n);
    for (let i = 0; i < n; i++) {
      const v = args[i]!(row);
      if (v === null) return null;
      xs[i] = v;
    }
    return f(xs);
  };
}

export function constString(e: BoundExpr | undefined): string | null | undefined {
  if (e === undefined) return undefined;
  if (e.op === 'lit' && (typeof e.value === 'string' || e.value === null)) return e.value;
  return undefined;
}

export function litUnit(e: BoundExpr | undefined, fn: string): TimeUnitName {
  const u = constString(e);
  if (typeof u !== 'string') throw new ExprError(`${fn} needs a time unit`);
  return u.toUpperCase() as TimeUnitName;
}

/** Converts a DATE (days) or TIMESTAMP (ms) argument to ms. */
export function toMsFn(t: DataType): (v: NN) => number | null {
  const f = familyOf(t);
  if (f === 'date') return (v) => (v as number) * MS_PER_DAY;
  if (f === 'string') return (v) => parseTimestamp(v as string, 'sql');
  return (v) => v as number;
}

export function numericResult(type: DataType): (x: number) => Value {
  const f = familyOf(type);
  if (f === 'integer') {
    const name = type.name;
    return name === 'BIGINT' ? (x) => x : (x) => wrapInt(x, name);
  }
  if (f === 'decimal') {
    const s = type.scale ?? 0;
    return (x) => roundHalfUp(x, s);
  }
  if (type.name === 'FLOAT') return (x) => Math.fround(x);
  return (x) => x;
}
