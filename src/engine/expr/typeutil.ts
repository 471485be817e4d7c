// Small helpers over SQL types, shared by the expression compiler and the binder.
import type { DataType, TypeName } from '../types';

export type TypeFamily = 'boolean' | 'integer' | 'approx' | 'decimal' | 'string' | 'date' | 'timestamp' | 'interval' | 'null';

export function familyOf(t: DataType | TypeName): TypeFamily {
  const name = typeof t === 'string' ? t : t.name;
  switch (name) {
    case 'BOOLEAN':
      return 'boolean';
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
      return 'integer';
    case 'FLOAT':
    case 'DOUBLE':
      return 'approx';
    case 'DECIMAL':
      return 'decimal';
    case 'STRING':
    case 'VARCHAR':
    case 'CHAR':
      return 'string';
    case 'DATE':
      return 'date';
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ':
      return 'timestamp';
    case 'INTERVAL':
      return 'interval';
    case 'NULL':
      return 'null';
  }
}

export function isNumeric(t: DataType): boolean {
  const f = familyOf(t);
  return f === 'integer' || f === 'approx' || f === 'decimal';
}

export function mk(name: TypeName, nullable = true, precision?: number, scale?: number): DataType {
  const t: DataType = { name, nullable };
  if (precision !== undefined) t.precision = precision;
  if (scale !== undefined) t.scale = scale;
  return t;
}

export const T = {
  BOOLEAN: mk('BOOLEAN'),
  INT: mk('INT'),
  BIGINT: mk('BIGINT'),
  DOUBLE: mk('DOUBLE'),
  STRING: mk('STRING'),
  DATE: mk('DATE'),
  TIMESTAMP3: mk('TIMESTAMP', true, 3),
  TIMESTAMP_LTZ3: mk('TIMESTAMP_LTZ', true, 3),
  INTERVAL: mk('INTERVAL'),
  NULL: mk('NULL'),
} as const;

/** The type as a plain value: a time attribute read through an expression is a regular timestamp. */
export function materialized(t: DataType): DataType {
  if (t.timeAttribute === undefined) return t;
  const { timeAttribute: _dropped, ...plain } = t;
  return plain;
}

export function withNullable(t: DataType, nullable: boolean): DataType {
  return t.nullable === nullable ? t : { ...t, nullable };
}

const INT_RANK: Partial<Record<TypeName, number>> = { TINYINT: 1, SMALLINT: 2, INT: 3, BIGINT: 4 };
const INT_DIGITS: Partial<Record<TypeName, number>> = { TINYINT: 3, SMALLINT: 5, INT: 10, BIGINT: 19 };

/** DECIMAL precision/scale of a numeric type, as Flink widens integers into decimals. */
export function decimalShape(t: DataType): { p: number; s: number } {
  if (t.name === 'DECIMAL') return { p: t.precision ?? 10, s: t.scale ?? 0 };
  const d = INT_DIGITS[t.name];
  if (d !== undefined) return { p: d, s: 0 };
  return { p: 38, s: 6 };
}

/**
 * The common type of two numeric types (Flink's least-restrictive rule, approximated):
 * integers widen to the wider integer, anything with FLOAT/DOUBLE becomes DOUBLE (FLOAT+FLOAT
 * stays FLOAT), a DECIMAL with an integer or DECIMAL stays DECIMAL wide enough for both.
 */
export function commonNumeric(a: DataType, b: DataType): DataType {
  const nullable = a.nullable || b.nullable;
  const fa = familyOf(a);
  const fb = familyOf(b);
  if (fa === 'null') return withNullable(b, true);
  if (fb === 'null') return withNullable(a, true);
  if (fa === 'approx' || fb === 'approx') {
    if (a.name === 'FLOAT' && (b.name === 'FLOAT' || fb !== 'approx')) return mk('FLOAT', nullable);
    if (b.name === 'FLOAT' && fa !== 'approx') return mk('FLOAT', nullable);
    return mk('DOUBLE', nullable);
  }
  if (fa === 'integer' && fb === 'integer') {
    return (INT_RANK[a.name] ?? 0) >= (INT_RANK[b.name] ?? 0) ? mk(a.name, nullable) : mk(b.name, nullable);
  }
  const da = decimalShape(a);
  const db = decimalShape(b);
  const s = Math.max(da.s, db.s);
  const p = Math.min(38, Math.max(da.p - da.s, db.p - db.s) + s);
  return mk('DECIMAL', nullable, p, s);
}

/** The type of `a op b` for an arithmetic operator over numeric types, as Flink types it. */
export function arithmeticType(op: '+' | '-' | '*' | '/' | '%', a: DataType, b: DataType): DataType {
  const nullable = a.nullable || b.nullable || op === '/' || op === '%';
  const fa = familyOf(a);
  const fb = familyOf(b);
  if (fa === 'decimal' || fb === 'decimal') {
    if (fa === 'approx' || fb === 'approx') return mk('DOUBLE', nullable);
    const x = decimalShape(a);
    const y = decimalShape(b);
    let p: number;
    let s: number;
    switch (op) {
      case '+':
      case '-':
        s = Math.max(x.s, y.s);
        p = Math.max(x.p - x.s, y.p - y.s) + s + 1;
        break;
      case '*':
        s = x.s + y.s;
        p = x.p + y.p;
        break;
      case '/':
        s = Math.max(6, x.s + y.p + 1);
        p = x.p - x.s + y.s + s;
        break;
      case '%':
        s = Math.max(x.s, y.s);
        p = Math.min(x.p - x.s, y.p - y.s) + s;
        break;
    }
    if (p > 38) {
      // Flink keeps at least 6 fractional digits when the precision overflows.
      const intDigits = p - s;
      s = Math.max(Math.min(s, 6), 38 - intDigits);
      p = 38;
    }
    return mk('DECIMAL', nullable, p, Math.max(0, Math.min(s, p)));
  }
  return withNullable(commonNumeric(a, b), nullable);
}

export function sameType(a: DataType, b: DataType): boolean {
  return a.name === b.name && a.precision === b.precision && a.scale === b.scale;
}
