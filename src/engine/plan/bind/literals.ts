// Literal binding: numbers, strings, booleans, NULL, INTERVAL, TIMESTAMP and DATE text.
import type * as A from '../../sql/ast';
import type { BoundExpr } from '../../expr/ir';
import { parseDate, parseTimestamp } from '../../common/time-text';
import { mk } from '../../expr/typeutil';
import { decimalFromText } from '../../common/decimal';
import { longFromText } from '../../common/int64';
import { fail } from '../errors';
import { lit } from './construct';

const UNIT_MS: Record<string, number> = {
  WEEK: 604_800_000,
  DAY: 86_400_000,
  HOUR: 3_600_000,
  MINUTE: 60_000,
  SECOND: 1000,
  MILLISECOND: 1,
};
const MONTH_UNITS: Record<string, number> = { YEAR: 12, QUARTER: 3, MONTH: 1 };

/** An INTERVAL literal as ms, or as months for YEAR/QUARTER/MONTH units; null when malformed. */
export function intervalValue(l: A.IntervalLiteral): { ms: number } | { months: number } | null {
  let text = l.value.trim();
  let sign = 1;
  if (text.startsWith('-')) {
    sign = -1;
    text = text.slice(1).trim();
  } else if (text.startsWith('+')) text = text.slice(1).trim();
  if (!l.toUnit) {
    const n = Number(text);
    if (text === '' || !Number.isFinite(n)) return null;
    if (MONTH_UNITS[l.unit] !== undefined) return { months: sign * n * MONTH_UNITS[l.unit]! };
    return { ms: Math.round(sign * n * UNIT_MS[l.unit]!) };
  }
  if (l.unit === 'YEAR' && l.toUnit === 'MONTH') {
    const m = /^(\d+)-(\d+)$/.exec(text);
    if (!m) return null;
    return { months: sign * (Number(m[1]) * 12 + Number(m[2])) };
  }
  const order = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];
  const from = order.indexOf(l.unit);
  const to = order.indexOf(l.toUnit);
  if (from < 0 || to < 0 || to < from) return null;
  const parts = text.split(/[\s:]+/);
  if (parts.length !== to - from + 1) return null;
  let ms = 0;
  for (let i = 0; i < parts.length; i++) {
    const n = Number(parts[i]);
    if (!Number.isFinite(n) || parts[i] === '') return null;
    ms += n * UNIT_MS[order[from + i]!]!;
  }
  return { ms: Math.round(sign * ms) };
}

/** Binds a literal; its type is the narrowest Flink gives it (INT before BIGINT before DECIMAL). */
export function bindLiteral(e: A.Literal): BoundExpr {
  switch (e.type) {
    case 'number': {
      // Exact values from the literal's text (common/decimal.ts): a 19-digit id stays exact.
      if (e.numberKind === 'integer') {
        if (Number.isSafeInteger(e.value) && Math.abs(e.value) <= 2147483647) return lit(e.value, mk('INT', false));
        const digits = e.raw.replace(/^[+-]/, '').replace(/^0+(?=\d)/, '');
        const long = digits.length <= 19 ? longFromText(e.raw) : null;
        if (long !== null) return lit(long, mk('BIGINT', false));
        const value = decimalFromText(e.raw, 38, 0);
        if (value === null || value === undefined) fail(`the number ${e.raw} has more than 38 digits, the most a DECIMAL holds`, e.span, 'type-mismatch');
        return lit(value, mk('DECIMAL', false, Math.min(38, digits.length), 0));
      }
      if (e.numberKind === 'decimal') {
        const [ip = '', fp = ''] = e.raw.replace(/^[+-]/, '').split('.');
        const intDigits = ip.replace(/^0+/, '').length;
        const s = fp.length;
        const p = Math.max(1, intDigits + s);
        const value = p > 38 ? null : decimalFromText(e.raw, p, s);
        if (value === null || value === undefined) fail(`the number ${e.raw} has more than 38 digits, the most a DECIMAL holds`, e.span, 'type-mismatch');
        return lit(value, mk('DECIMAL', false, p, s));
      }
      return lit(e.value, mk('DOUBLE', false));
    }
    case 'string':
      return lit(e.value, mk('STRING', false));
    case 'boolean':
      return lit(e.value, mk('BOOLEAN', false));
    case 'null':
      return lit(null, mk('NULL', true));
    case 'interval': {
      const v = intervalValue(e);
      if (v === null) fail(`invalid INTERVAL literal ${e.raw}`, e.span, 'type-mismatch');
      if ('months' in v) fail('intervals of months or years can only be added to or subtracted from a date or timestamp', e.span, 'unsupported');
      return lit(v.ms, mk('INTERVAL', false));
    }
    case 'timestamp': {
      const ms = parseTimestamp(e.value, 'sql');
      if (ms === null) fail(`invalid TIMESTAMP literal '${e.value}'; expected 'YYYY-MM-DD HH:MM:SS[.fff]'`, e.span, 'type-mismatch');
      return lit(ms, mk('TIMESTAMP', false, 3));
    }
    case 'date': {
      const d = parseDate(e.value, 'sql');
      if (d === null) fail(`invalid DATE literal '${e.value}'; expected 'YYYY-MM-DD'`, e.span, 'type-mismatch');
      return lit(d, mk('DATE', false));
    }
  }
}
