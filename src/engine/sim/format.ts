// How values leave the engine's public API: plain JSON-friendly data.
// - TIMESTAMP / TIMESTAMP_LTZ: `YYYY-MM-DD HH:MM:SS`, plus `.fff` only when the milliseconds are
//   not zero (UTC wall time).
// - DATE: `YYYY-MM-DD`.
// - BIGINT: a number within +-(2^53 - 1), else a bigint (exact).
// - DECIMAL: a number when the value has at most 15 significant digits (exact: the double names
//   one decimal), else a string of its exact digits with the column's scale ('12345678901234567.89').
// - FLOAT / DOUBLE: the number; NaN and infinities become the strings 'NaN', 'Infinity', '-Infinity'.
// - BOOLEAN: true / false; strings as they are; NULL as null.
import type { DataType, Value } from '../types';
import { civilFromDays } from '../common/calendar';
import { decimalToString } from '../common/decimal';

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

export function formatDate(days: number): string {
  const [y, m, d] = civilFromDays(Math.floor(days));
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

export function formatTimestamp(ms: number): string {
  const t = Math.floor(ms);
  const days = Math.floor(t / 86_400_000);
  let rest = t - days * 86_400_000;
  const hh = Math.floor(rest / 3_600_000);
  rest -= hh * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const ss = Math.floor(rest / 1000);
  const frac = rest - ss * 1000;
  const base = `${formatDate(days)} ${pad(hh, 2)}:${pad(mi, 2)}:${pad(ss, 2)}`;
  return frac === 0 ? base : `${base}.${pad(frac, 3)}`;
}

export function formatValue(v: Value, type: DataType): unknown {
  if (v === null || v === undefined) return null;
  switch (type.name) {
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ':
      return typeof v === 'number' ? formatTimestamp(v) : v;
    case 'DATE':
      return typeof v === 'number' ? formatDate(v) : v;
    case 'DECIMAL':
      return typeof v === 'bigint' ? decimalToString(v, type.scale ?? 0) : v;
    case 'FLOAT':
    case 'DOUBLE':
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      return v;
    default:
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      return v;
  }
}

export function formatRow(row: readonly Value[], types: readonly DataType[]): unknown[] {
  const out = new Array<unknown>(row.length);
  for (let i = 0; i < row.length; i++) out[i] = formatValue(row[i] ?? null, types[i]!);
  return out;
}
