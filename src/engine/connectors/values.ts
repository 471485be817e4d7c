// Turning external data (CSV text, JSON values) into typed runtime values, and the small helpers
// storage needs over values: comparison. Key strings are runtime/keys.ts's exact encoding.
import type { DataType, Value } from '../types';
import { typeToString } from '../types';
import { roundToScale } from '../common/decimal';
import { parseDate, parseTimestamp } from '../common/time-text';
import { ValueError } from '../errors';

const INT_RANGE: Partial<Record<DataType['name'], [number, number]>> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INT: [-2147483648, 2147483647],
  BIGINT: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function fail(text: string, type: DataType): never {
  throw new ValueError(`cannot read '${text.length > 40 ? text.slice(0, 40) + '...' : text}' as ${typeToString(type)}`);
}

/** Parses text (a CSV field, a JSON string) as a value of `type`. Throws ValueError. */
export function parseText(text: string, type: DataType): Value {
  switch (type.name) {
    case 'STRING':
    case 'VARCHAR':
    case 'CHAR':
      return text;
    case 'NULL':
      return null;
  }
  const t = text.trim();
  if (t === '') return null;
  switch (type.name) {
    case 'BOOLEAN': {
      const l = t.toLowerCase();
      if (l === 'true') return true;
      if (l === 'false') return false;
      return fail(text, type);
    }
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT': {
      if (!/^[+-]?\d+$/.test(t)) return fail(text, type);
      const n = Number(t);
      const [lo, hi] = INT_RANGE[type.name]!;
      if (n < lo || n > hi) return fail(text, type);
      return n;
    }
    case 'FLOAT':
    case 'DOUBLE': {
      if (t === 'NaN') return NaN;
      if (t === 'Infinity' || t === '+Infinity') return Infinity;
      if (t === '-Infinity') return -Infinity;
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return fail(text, type);
      const n = Number(t);
      return type.name === 'FLOAT' ? Math.fround(n) : n;
    }
    case 'DECIMAL': {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return fail(text, type);
      return roundToScale(Number(t), type.scale ?? 0);
    }
    case 'DATE': {
      const days = parseDate(t, 'data');
      if (days === null) return fail(text, type);
      return days;
    }
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ': {
      const ms = parseTimestamp(t, 'data');
      if (ms === null) return fail(text, type);
      return ms;
    }
    case 'INTERVAL': {
      if (!/^[+-]?\d+$/.test(t)) return fail(text, type);
      return Number(t);
    }
  }
  return fail(text, type);
}

/** Converts a parsed JSON value to a value of `type`. Throws ValueError. */
export function fromJson(v: unknown, type: DataType): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return parseText(v, type);
  switch (type.name) {
    case 'BOOLEAN':
      if (typeof v === 'boolean') return v;
      break;
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
      if (typeof v === 'number' && Number.isInteger(v)) return parseText(String(v), type);
      break;
    case 'FLOAT':
      if (typeof v === 'number') return Math.fround(v);
      break;
    case 'DOUBLE':
      if (typeof v === 'number') return v;
      break;
    case 'DECIMAL':
      if (typeof v === 'number') return roundToScale(v, type.scale ?? 0);
      break;
    case 'STRING':
    case 'VARCHAR':
    case 'CHAR':
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      return JSON.stringify(v);
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ':
      // Epoch milliseconds are accepted as a convenience.
      if (typeof v === 'number' && Number.isFinite(v)) return Math.floor(v);
      break;
    case 'DATE':
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      break;
    case 'INTERVAL':
      if (typeof v === 'number') return v;
      break;
    case 'NULL':
      return null;
  }
  return fail(JSON.stringify(v), type);
}

/** Total order over values of one type: NULL first, then numbers / strings / booleans. */
export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
    if (Number.isNaN(b)) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function compareRows(a: readonly Value[], b: readonly Value[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i] ?? null, b[i] ?? null);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}
