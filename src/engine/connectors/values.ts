// Turning external data (CSV text, JSON values) into typed runtime values, and the small helpers
// storage needs over values: comparison. Key strings are runtime/keys.ts's exact encoding.
import type { DataType, Value } from '../types';
import { typeToString } from '../types';
import { decimalFromDouble, decimalFromText } from '../common/decimal';
import { longFromText } from '../common/int64';
import { parseDate, parseTimestamp } from '../common/time-text';
import { MAX_TIMESTAMP_MS, MIN_TIMESTAMP_MS } from '../expr/cast';
import { ValueError } from '../errors';
import { JsonNumberText } from './formats/json-exact';

/** DATE's range as Flink has it, 0000-01-01 .. 9999-12-31, in days since 1970-01-01. */
const MIN_DATE_DAYS = -719528;
const MAX_DATE_DAYS = 2932896;

const INT_RANGE: Partial<Record<DataType['name'], [number, number]>> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INT: [-2147483648, 2147483647],
};

function fail(text: string, type: DataType): never {
  throw new ValueError(`cannot read '${text.length > 40 ? text.slice(0, 40) + '...' : text}' as ${typeToString(type)}`);
}

function failRange(text: string, type: DataType): never {
  throw new ValueError(`'${text.length > 40 ? text.slice(0, 40) + '...' : text}' is out of the range of ${typeToString(type)}`);
}

/**
 * Parses text (a CSV field, a JSON string) as a value of `type`. Throws ValueError, also for a
 * value out of the type's range: a BIGINT beyond 64 bits, a DECIMAL(p, s) needing more than p
 * digits (Flink's formats read NULL there; Freshet counts it as a parse error so no value is
 * lost without a word), a date or timestamp outside 0000-01-01 .. 9999-12-31.
 */
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
    case 'INT': {
      if (!/^[+-]?\d+$/.test(t)) return fail(text, type);
      const n = Number(t);
      const [lo, hi] = INT_RANGE[type.name]!;
      if (n < lo || n > hi) return failRange(text, type);
      return n === 0 ? 0 : n;
    }
    case 'BIGINT': {
      if (!/^[+-]?\d+$/.test(t)) return fail(text, type);
      const n = longFromText(t);
      return n === null ? failRange(text, type) : n;
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
      // decimalFromText tells a non-number (undefined) from a value that does not fit (null).
      const d = decimalFromText(t, type.precision ?? 10, type.scale ?? 0);
      if (d === undefined) return fail(text, type);
      return d === null ? failRange(text, type) : d;
    }
    case 'DATE': {
      const days = parseDate(t, 'data');
      if (days === null) return fail(text, type);
      return days < MIN_DATE_DAYS || days > MAX_DATE_DAYS ? failRange(text, type) : days;
    }
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ': {
      const ms = parseTimestamp(t, 'data');
      if (ms === null) return fail(text, type);
      return ms < MIN_TIMESTAMP_MS || ms > MAX_TIMESTAMP_MS ? failRange(text, type) : ms;
    }
    case 'INTERVAL': {
      if (!/^[+-]?\d+$/.test(t)) return fail(text, type);
      return Number(t);
    }
  }
  return fail(text, type);
}

/**
 * Converts a parsed JSON value (JSON.parse's, or a JsonNumberText for a number a double would
 * round, see formats/json-exact.ts) to a value of `type`. Throws ValueError.
 */
export function fromJson(v: unknown, type: DataType): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return parseText(v, type);
  if (v instanceof JsonNumberText) {
    switch (type.name) {
      case 'BIGINT':
        if (/^-?\d+$/.test(v.text)) return parseText(v.text, type);
        v = v.toNumber(); // `1e3`: as JSON.parse reads it
        break;
      case 'DECIMAL':
        return parseText(v.text, type);
      case 'STRING':
      case 'VARCHAR':
      case 'CHAR':
        return v.text;
      default:
        v = v.toNumber();
    }
  }
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
      if (typeof v === 'number') {
        const d = decimalFromDouble(v, type.precision ?? 10, type.scale ?? 0);
        return d === null ? failRange(String(v), type) : d;
      }
      break;
    case 'STRING':
    case 'VARCHAR':
    case 'CHAR':
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      return JSON.stringify(v);
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ':
      // Epoch milliseconds are accepted as a convenience, within TIMESTAMP's range.
      if (typeof v === 'number' && Number.isFinite(v)) {
        const ms = Math.floor(v);
        return ms < MIN_TIMESTAMP_MS || ms > MAX_TIMESTAMP_MS ? failRange(String(v), type) : ms;
      }
      break;
    case 'DATE':
      if (typeof v === 'number' && Number.isInteger(v)) return v < MIN_DATE_DAYS || v > MAX_DATE_DAYS ? failRange(String(v), type) : v;
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
  // A BIGINT beyond the number range against a number or another bigint: JS orders them by value.
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) return a < b ? -1 : a > b ? 1 : 0;
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
