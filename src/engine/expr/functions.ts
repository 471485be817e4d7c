// The fixed registry of scalar functions and operators. Each entry builds a closure from the
// compiled arguments; a few look at constant arguments (a LIKE pattern, an IN list, a date
// pattern) to precompute. Names are the IR's `call.fn` (lower case). The registry is a Map, so a
// hostile name such as `constructor` or `__proto__` is simply not found.
//
// Deliberate semantics (Flink's, see the notes per entry):
// - `/` on two integer operands is integer division truncating toward zero (Flink: 7 / 2 = 3).
//   DuckDB's `/` gives 3.5; differential tests cast to DOUBLE first.
// - Integer and DECIMAL division or MOD by zero throw (Flink raises ArithmeticException and the
//   job fails); FLOAT/DOUBLE follow IEEE (Infinity, NaN), as Java does.
// - INT/SMALLINT/TINYINT arithmetic wraps on overflow like Java; BIGINT is a JS number
//   (exact to 2^53).
// - CONCAT returns NULL when any argument is NULL; CONCAT_WS skips NULL arguments.
import type { DataType, Value } from '../types';
import type { BoundExpr, CompiledExpr } from './ir';
import { ExprError, castConverter, roundHalfUp, valueToString, wrapInt } from './cast';
import { MS_PER_DAY } from '../common/calendar';
import { parseTimestamp } from '../common/time-text';
import {
  addUnits,
  ceilTo,
  diffUnits,
  extractField,
  floorDiv,
  floorTo,
  formatWithPattern,
  parseWithPattern,
  type TimeUnitName,
} from './datetime';
import { likeMatcher } from './like';
import { familyOf } from './typeutil';

/** What compiled expressions may ask of their environment. */
export interface EvalContext {
  /**
   * Current (virtual) time as ms since 1970-01-01 UTC, for CURRENT_TIMESTAMP, NOW(),
   * CURRENT_DATE, LOCALTIMESTAMP, PROCTIME(). The simulator supplies its virtual clock.
   */
  now(): number;
}

export const NO_CONTEXT: EvalContext = {
  now() {
    throw new ExprError('CURRENT_TIMESTAMP and other time functions need the simulation clock here');
  },
};

export type Builder = (args: CompiledExpr[], exprs: BoundExpr[], type: DataType, ctx: EvalContext) => CompiledExpr;

// ---- helpers ------------------------------------------------------------------------------

type NN = Exclude<Value, null>;

function strict1(a: CompiledExpr, f: (x: NN) => Value): CompiledExpr {
  return (row) => {
    const x = a(row);
    return x === null ? null : f(x);
  };
}
function strict2(a: CompiledExpr, b: CompiledExpr, f: (x: NN, y: NN) => Value): CompiledExpr {
  return (row) => {
    const x = a(row);
    if (x === null) return null;
    const y = b(row);
    return y === null ? null : f(x, y);
  };
}
function strictN(args: CompiledExpr[], f: (xs: NN[]) => Value): CompiledExpr {
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

function constString(e: BoundExpr | undefined): string | null | undefined {
  if (e === undefined) return undefined;
  if (e.op === 'lit' && (typeof e.value === 'string' || e.value === null)) return e.value;
  return undefined;
}

function litUnit(e: BoundExpr | undefined, fn: string): TimeUnitName {
  const u = constString(e);
  if (typeof u !== 'string') throw new ExprError(`${fn} needs a time unit`);
  return u.toUpperCase() as TimeUnitName;
}

/** Converts a DATE (days) or TIMESTAMP (ms) argument to ms. */
function toMsFn(t: DataType): (v: NN) => number | null {
  const f = familyOf(t);
  if (f === 'date') return (v) => (v as number) * MS_PER_DAY;
  if (f === 'string') return (v) => parseTimestamp(v as string, 'sql');
  return (v) => v as number;
}

function numericResult(type: DataType): (x: number) => Value {
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

function compare(x: NN, y: NN): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

// ---- the registry -------------------------------------------------------------------------

export const FUNCTIONS = new Map<string, Builder>();
const def = (names: string[], b: Builder) => {
  for (const n of names) FUNCTIONS.set(n, b);
};

// Arithmetic ---------------------------------------------------------------------------------

def(['+'], ([a, b], [ea, eb], type) => {
  const fa = familyOf(ea!.type);
  const fb = familyOf(eb!.type);
  if (type.name === 'DATE') {
    // DATE + INTERVAL (ms) -> DATE
    const [d, iv] = fa === 'date' ? [a!, b!] : [b!, a!];
    return strict2(d, iv, (x, y) => (x as number) + Math.trunc((y as number) / MS_PER_DAY));
  }
  if (fa === 'timestamp' || fb === 'timestamp' || (fa === 'interval' && fb === 'interval')) {
    return strict2(a!, b!, (x, y) => (x as number) + (y as number));
  }
  const out = numericResult(type);
  if (type.name === 'INT') {
    return (row) => {
      const x = a!(row);
      if (x === null) return null;
      const y = b!(row);
      return y === null ? null : ((x as number) + (y as number)) | 0;
    };
  }
  return strict2(a!, b!, (x, y) => out((x as number) + (y as number)));
});

def(['-'], ([a, b], [ea], type) => {
  if (type.name === 'DATE') {
    return strict2(a!, b!, (x, y) => (x as number) - Math.trunc((y as number) / MS_PER_DAY));
  }
  if (familyOf(ea!.type) === 'timestamp' || familyOf(ea!.type) === 'interval') {
    return strict2(a!, b!, (x, y) => (x as number) - (y as number));
  }
  const out = numericResult(type);
  return strict2(a!, b!, (x, y) => out((x as number) - (y as number)));
});

def(['*'], ([a, b], [ea, eb], type) => {
  if (type.name === 'INT') return strict2(a!, b!, (x, y) => Math.imul(x as number, y as number));
  if (familyOf(type) === 'interval') {
    const [iv, n] = familyOf(ea!.type) === 'interval' ? [a!, b!] : [b!, a!];
    void eb;
    return strict2(iv, n, (x, y) => Math.trunc((x as number) * (y as number)));
  }
  const out = numericResult(type);
  return strict2(a!, b!, (x, y) => out((x as number) * (y as number)));
});

def(['/'], ([a, b], _e, type) => {
  const f = familyOf(type);
  if (f === 'integer') {
    const name = type.name;
    return strict2(a!, b!, (x, y) => {
      if (y === 0) throw new ExprError('division by zero');
      return wrapInt(Math.trunc((x as number) / (y as number)), name);
    });
  }
  if (f === 'decimal') {
    const s = type.scale ?? 0;
    return strict2(a!, b!, (x, y) => {
      if (y === 0) throw new ExprError('division by zero');
      return roundHalfUp((x as number) / (y as number), s);
    });
  }
  if (f === 'interval') return strict2(a!, b!, (x, y) => Math.trunc((x as number) / (y as number)));
  const out = numericResult(type);
  return strict2(a!, b!, (x, y) => out((x as number) / (y as number)));
});

const modBuilder: Builder = ([a, b], _e, type) => {
  const f = familyOf(type);
  const out = numericResult(type);
  if (f === 'integer' || f === 'decimal') {
    return strict2(a!, b!, (x, y) => {
      if (y === 0) throw new ExprError('division by zero');
      return out((x as number) % (y as number));
    });
  }
  return strict2(a!, b!, (x, y) => (x as number) % (y as number));
};
def(['%', 'mod'], modBuilder);

def(['neg'], ([a], _e, type) => {
  const out = numericResult(type);
  return strict1(a!, (x) => out(-(x as number)));
});

def(['abs'], ([a], _e, type) => {
  const out = numericResult(type);
  return strict1(a!, (x) => out(Math.abs(x as number)));
});

def(['round'], ([a, d], [, ed], type) => {
  const out = numericResult(type);
  if (!d) return strict1(a!, (x) => out(roundHalfUp(x as number, 0)));
  const cd = ed?.op === 'lit' ? ed.value : undefined;
  if (typeof cd === 'number') return strict1(a!, (x) => out(roundHalfUp(x as number, cd)));
  return strict2(a!, d, (x, y) => out(roundHalfUp(x as number, y as number)));
});

def(['truncate'], ([a, d], _e, type) => {
  const out = numericResult(type);
  const tr = (x: number, n: number) => {
    const f = Math.pow(10, n);
    return Math.trunc(x * f) / f;
  };
  if (!d) return strict1(a!, (x) => out(Math.trunc(x as number)));
  return strict2(a!, d, (x, y) => out(tr(x as number, y as number)));
});

def(['floor'], ([a], _e, type) => {
  const out = numericResult(type);
  return strict1(a!, (x) => out(Math.floor(x as number)));
});
def(['ceil'], ([a], _e, type) => {
  const out = numericResult(type);
  return strict1(a!, (x) => out(Math.ceil(x as number)));
});
def(['power'], ([a, b]) => strict2(a!, b!, (x, y) => Math.pow(x as number, y as number)));
def(['sqrt'], ([a]) => strict1(a!, (x) => Math.sqrt(x as number)));
def(['exp'], ([a]) => strict1(a!, (x) => Math.exp(x as number)));
def(['ln'], ([a]) => strict1(a!, (x) => Math.log(x as number)));
def(['log10'], ([a]) => strict1(a!, (x) => Math.log10(x as number)));
def(['log2'], ([a]) => strict1(a!, (x) => Math.log2(x as number)));
def(['sign'], ([a], _e, type) => {
  const out = numericResult(type);
  return strict1(a!, (x) => out(Math.sign(x as number)));
});

// Comparison ---------------------------------------------------------------------------------

function cmpBuilder(test: (c: number) => boolean): Builder {
  return ([a, b], [ea, eb]) => {
    // Specialize column-vs-constant, the shape of most filters.
    if (eb!.op === 'lit' && eb!.value !== null) {
      const k = eb!.value;
      return (row) => {
        const x = a!(row);
        return x === null ? null : test(compare(x, k));
      };
    }
    if (eb!.op === 'lit' && eb!.value === null) return () => null;
    void ea;
    return (row) => {
      const x = a!(row);
      if (x === null) return null;
      const y = b!(row);
      return y === null ? null : test(compare(x, y));
    };
  };
}
def(['='], ([a, b], [, eb]) => {
  if (eb!.op === 'lit' && eb!.value !== null) {
    const k = eb!.value;
    return (row) => {
      const x = a!(row);
      return x === null ? null : x === k;
    };
  }
  return (row) => {
    const x = a!(row);
    if (x === null) return null;
    const y = b!(row);
    return y === null ? null : x === y;
  };
});
def(['<>'], ([a, b]) => (row) => {
  const x = a!(row);
  if (x === null) return null;
  const y = b!(row);
  return y === null ? null : x !== y;
});
def(['<'], cmpBuilder((c) => c < 0));
def(['<='], cmpBuilder((c) => c <= 0));
def(['>'], cmpBuilder((c) => c > 0));
def(['>='], cmpBuilder((c) => c >= 0));

def(['is_distinct_from'], ([a, b]) => (row) => {
  const x = a!(row);
  const y = b!(row);
  return x !== y;
});
def(['is_not_distinct_from'], ([a, b]) => (row) => a!(row) === b!(row));

function andOf(x: Value, y: Value): Value {
  if (x === false || y === false) return false;
  if (x === null || y === null) return null;
  return true;
}

def(['between'], ([x, lo, hi]) => (row) => {
  const v = x!(row);
  if (v === null) return null;
  const l = lo!(row);
  const h = hi!(row);
  return andOf(l === null ? null : compare(v, l) >= 0, h === null ? null : compare(v, h) <= 0);
});
def(['between_symmetric'], ([x, lo, hi]) => (row) => {
  const v = x!(row);
  if (v === null) return null;
  const l = lo!(row);
  const h = hi!(row);
  if (l === null || h === null) {
    // One bound unknown: true only if it cannot matter.
    const known = l === null ? h : l;
    if (known === null) return null;
    return compare(v, known) === 0 ? true : null;
  }
  const [a, b] = compare(l, h) <= 0 ? [l, h] : [h, l];
  return compare(v, a) >= 0 && compare(v, b) <= 0;
});

def(['in'], ([x, ...list], [, ...exprs]) => {
  const allConst = exprs.every((e) => e.op === 'lit');
  if (allConst) {
    const set = new Set<Value>();
    let hasNull = false;
    for (const e of exprs) {
      const v = (e as { value: Value }).value;
      if (v === null) hasNull = true;
      else set.add(v);
    }
    return (row) => {
      const v = x!(row);
      if (v === null) return null;
      if (set.has(v)) return true;
      return hasNull ? null : false;
    };
  }
  return (row) => {
    const v = x!(row);
    if (v === null) return null;
    let sawNull = false;
    for (const f of list) {
      const w = f(row);
      if (w === null) sawNull = true;
      else if (w === v) return true;
    }
    return sawNull ? null : false;
  };
});

// Logic --------------------------------------------------------------------------------------

def(['and'], (args) => {
  if (args.length === 2) {
    const [a, b] = args as [CompiledExpr, CompiledExpr];
    return (row) => {
      const x = a(row);
      if (x === false) return false;
      const y = b(row);
      if (y === false) return false;
      return x === null || y === null ? null : true;
    };
  }
  return (row) => {
    let unknown = false;
    for (const f of args) {
      const v = f(row);
      if (v === false) return false;
      if (v === null) unknown = true;
    }
    return unknown ? null : true;
  };
});
def(['or'], (args) => {
  if (args.length === 2) {
    const [a, b] = args as [CompiledExpr, CompiledExpr];
    return (row) => {
      const x = a(row);
      if (x === true) return true;
      const y = b(row);
      if (y === true) return true;
      return x === null || y === null ? null : false;
    };
  }
  return (row) => {
    let unknown = false;
    for (const f of args) {
      const v = f(row);
      if (v === true) return true;
      if (v === null) unknown = true;
    }
    return unknown ? null : false;
  };
});
def(['not'], ([a]) => (row) => {
  const v = a!(row);
  return v === null ? null : !v;
});
def(['is_null'], ([a]) => (row) => a!(row) === null);
def(['is_not_null'], ([a]) => (row) => a!(row) !== null);
def(['is_true'], ([a]) => (row) => a!(row) === true);
def(['is_not_true'], ([a]) => (row) => a!(row) !== true);
def(['is_false'], ([a]) => (row) => a!(row) === false);
def(['is_not_false'], ([a]) => (row) => a!(row) !== false);

// Conditional --------------------------------------------------------------------------------

def(['coalesce'], (args) => (row) => {
  for (const f of args) {
    const v = f(row);
    if (v !== null) return v;
  }
  return null;
});
def(['ifnull'], ([a, b]) => (row) => {
  const v = a!(row);
  return v !== null ? v : b!(row);
});
def(['if'], ([c, t, e]) => (row) => (c!(row) === true ? t!(row) : e!(row)));
def(['nullif'], ([a, b]) => (row) => {
  const x = a!(row);
  if (x === null) return null;
  const y = b!(row);
  return y !== null && x === y ? null : x;
});
def(['greatest'], (args) =>
  strictN(args, (xs) => xs.reduce((m, x) => (compare(x, m) > 0 ? x : m))),
);
def(['least'], (args) =>
  strictN(args, (xs) => xs.reduce((m, x) => (compare(x, m) < 0 ? x : m))),
);

// Strings ------------------------------------------------------------------------------------

/** Arguments that are not strings are converted to their CAST(... AS STRING) text. */
function asText(args: CompiledExpr[], exprs: BoundExpr[]): CompiledExpr[] {
  return args.map((a, i) => {
    const t = exprs[i]!.type;
    if (familyOf(t) === 'string' || familyOf(t) === 'null') return a;
    return strict1(a, (v) => valueToString(v, t));
  });
}

def(['upper'], ([a]) => strict1(a!, (s) => (s as string).toUpperCase()));
def(['lower'], ([a]) => strict1(a!, (s) => (s as string).toLowerCase()));
def(['concat'], (args, exprs) => {
  const xs = asText(args, exprs);
  if (xs.length === 2) return strict2(xs[0]!, xs[1]!, (x, y) => (x as string) + (y as string));
  return strictN(xs, (vs) => vs.join(''));
});
def(['concat_ws'], (args, exprs) => {
  const [sep, ...rest] = asText(args, exprs);
  return (row) => {
    const s = sep!(row);
    if (s === null) return null;
    const parts: string[] = [];
    for (const f of rest) {
      const v = f(row);
      if (v !== null) parts.push(v as string);
    }
    return parts.join(s as string);
  };
});
/** SUBSTRING(s, start [, len]): 1-based; start 0 = 1, negative counts from the end (Flink's substringSQL). */
def(['substring'], ([s, start, len]) => {
  const sub = (str: string, pos: number, n: number | undefined): Value => {
    if (n !== undefined && n < 0) return null;
    const count = str.length;
    let from: number;
    if (pos > 0) {
      from = pos - 1;
      if (from >= count) return '';
    } else if (pos < 0) {
      from = count + pos;
      if (from < 0) return '';
    } else from = 0;
    const to = n === undefined || count - from < n ? count : from + n;
    return str.slice(from, to);
  };
  if (!len) return strict2(s!, start!, (x, y) => sub(x as string, Math.trunc(y as number), undefined));
  return strictN([s!, start!, len], ([x, y, z]) => sub(x as string, Math.trunc(y as number), Math.trunc(z as number)));
});
def(['char_length'], ([a]) => strict1(a!, (s) => codePointCount(s as string)));
/** Code points in `s` (a surrogate pair counts once), counted in place: a 100 MB value allocates nothing. */
export function codePointCount(s: string): number {
  const n = s.length;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
def(['trim'], ([a, chars]) => {
  if (!chars) return strict1(a!, (s) => trimChars(s as string, ' ', true, true));
  return strict2(a!, chars, (s, c) => trimChars(s as string, c as string, true, true));
});
def(['ltrim'], ([a, chars]) => {
  if (!chars) return strict1(a!, (s) => trimChars(s as string, ' ', true, false));
  return strict2(a!, chars, (s, c) => trimChars(s as string, c as string, true, false));
});
def(['rtrim'], ([a, chars]) => {
  if (!chars) return strict1(a!, (s) => trimChars(s as string, ' ', false, true));
  return strict2(a!, chars, (s, c) => trimChars(s as string, c as string, false, true));
});
function trimChars(s: string, chars: string, left: boolean, right: boolean): string {
  let i = 0;
  let j = s.length;
  if (left) while (i < j && chars.includes(s[i]!)) i++;
  if (right) while (j > i && chars.includes(s[j - 1]!)) j--;
  return s.slice(i, j);
}
def(['replace'], ([s, from, to]) =>
  strictN([s!, from!, to!], ([x, f, t]) => ((f as string) === '' ? (x as string) : (x as string).split(f as string).join(t as string))),
);
/** POSITION(needle IN haystack): 1-based, 0 when absent. */
def(['position'], ([needle, hay]) => strict2(needle!, hay!, (n, h) => (h as string).indexOf(n as string) + 1));
/** LOCATE(needle, haystack [, start]). */
def(['locate'], ([needle, hay, start]) => {
  if (!start) return strict2(needle!, hay!, (n, h) => (h as string).indexOf(n as string) + 1);
  return strictN([needle!, hay!, start], ([n, h, st]) => (h as string).indexOf(n as string, Math.max(0, (st as number) - 1)) + 1);
});
def(['lpad'], ([s, n, p]) =>
  strictN([s!, n!, p!], ([x, len, pad]) => padText(x as string, len as number, pad as string, true)),
);
def(['rpad'], ([s, n, p]) =>
  strictN([s!, n!, p!], ([x, len, pad]) => padText(x as string, len as number, pad as string, false)),
);
function padText(s: string, len: number, pad: string, left: boolean): Value {
  if (len < 0) return null;
  if (len > MAX_STRING_LENGTH) throw tooLong(left ? 'LPAD' : 'RPAD', len);
  if (s.length >= len) return s.slice(0, len);
  if (pad === '') return null;
  let fill = '';
  while (fill.length < len - s.length) fill += pad;
  fill = fill.slice(0, len - s.length);
  return left ? fill + s : s + fill;
}
def(['left'], ([s, n]) => strict2(s!, n!, (x, k) => ((k as number) <= 0 ? '' : (x as string).slice(0, k as number))));
def(['right'], ([s, n]) =>
  strict2(s!, n!, (x, k) => ((k as number) <= 0 ? '' : (x as string).slice(Math.max(0, (x as string).length - (k as number))))),
);
/**
 * The longest string REPEAT, LPAD and RPAD build, in UTF-16 code units (16 Mi). A longer result
 * fails the job with an ExprError naming the function (docs/dialect.md), instead of exhausting
 * the heap or being cut short without a word.
 */
export const MAX_STRING_LENGTH = 16 * 1024 * 1024;
function tooLong(fn: string, length: number): ExprError {
  return new ExprError(
    `${fn} would build a string of ${length.toLocaleString('en-US')} characters; the longest string a function builds is ${MAX_STRING_LENGTH.toLocaleString('en-US')} characters`,
  );
}
def(['repeat'], ([s, n]) =>
  strict2(s!, n!, (x, k) => {
    const str = x as string;
    const times = Math.trunc(k as number);
    if (times <= 0 || str === '') return '';
    if (str.length * times > MAX_STRING_LENGTH) throw tooLong('REPEAT', str.length * times);
    return str.repeat(times);
  }),
);
def(['reverse'], ([s]) => strict1(s!, (x) => [...(x as string)].reverse().join('')));
def(['initcap'], ([s]) =>
  strict1(s!, (x) => (x as string).toLowerCase().replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase())),
);
def(['split_index'], ([s, sep, i]) =>
  strictN([s!, sep!, i!], ([x, d, k]) => {
    if ((k as number) < 0 || d === '') return null;
    const parts = (x as string).split(d as string);
    return parts[k as number] ?? null;
  }),
);
def(['like'], (args, [, ep, eesc]) => {
  const [s, p] = args;
  const esc: CompiledExpr | undefined = args[2];
  const escConst = eesc === undefined ? null : constString(eesc);
  if (ep!.op === 'lit' && typeof ep!.value === 'string' && (eesc === undefined || typeof escConst === 'string')) {
    const m = likeMatcher(ep!.value, escConst ?? null);
    return strict1(s!, (x) => m(x as string));
  }
  if (ep!.op === 'lit' && ep!.value === null) return () => null;
  // Pattern from data: build (and cache) matchers at runtime; still no RegExp from text.
  let lastPattern: string | null = null;
  let lastEsc: Value = null;
  let last: ((x: string) => boolean) | null = null;
  return (row) => {
    const x = s!(row);
    if (x === null) return null;
    const pat = p!(row);
    if (pat === null) return null;
    const e = esc ? esc(row) : null;
    if (esc !== undefined && e === null) return null;
    if (pat !== lastPattern || e !== lastEsc || last === null) {
      last = likeMatcher(pat as string, (e as string | null) ?? null);
      lastPattern = pat as string;
      lastEsc = e;
    }
    return last(x as string);
  };
});

// Dates and times ----------------------------------------------------------------------------

/** DATE_FORMAT(ts | string, pattern). */
def(['date_format'], ([ts, fmt], [ets]) => {
  const toMs = toMsFn(ets!.type);
  return strict2(ts!, fmt!, (v, f) => {
    const ms = toMs(v);
    return ms === null ? null : formatWithPattern(ms, f as string);
  });
});
/** TO_TIMESTAMP(str [, pattern]): NULL when the text does not parse, as Flink. */
def(['to_timestamp'], ([s, fmt]) => {
  if (!fmt) return strict1(s!, (x) => parseTimestamp(x as string, 'sql'));
  return strict2(s!, fmt, (x, f) => parseWithPattern(x as string, f as string));
});
def(['to_date'], ([s, fmt]) => {
  const days = (ms: number | null) => (ms === null ? null : floorDiv(ms, MS_PER_DAY));
  if (!fmt) return strict1(s!, (x) => days(parseTimestamp(x as string, 'sql')));
  return strict2(s!, fmt, (x, f) => days(parseWithPattern(x as string, f as string)));
});
/** TO_TIMESTAMP_LTZ(epoch, precision): precision 0 = seconds, 3 = milliseconds. */
def(['to_timestamp_ltz'], ([n, p]) => {
  if (!p) return strict1(n!, (x) => Math.trunc(x as number));
  return strict2(n!, p, (x, q) => ((q as number) === 0 ? Math.trunc((x as number) * 1000) : Math.trunc(x as number)));
});
/** FROM_UNIXTIME(seconds [, pattern]) -> STRING. */
def(['from_unixtime'], ([n, fmt]) => {
  if (!fmt) return strict1(n!, (x) => formatWithPattern(Math.trunc(x as number) * 1000, 'yyyy-MM-dd HH:mm:ss'));
  return strict2(n!, fmt, (x, f) => formatWithPattern(Math.trunc(x as number) * 1000, f as string));
});
/** UNIX_TIMESTAMP() -> now in seconds; UNIX_TIMESTAMP(str [, pattern]) -> seconds or NULL. */
def(['unix_timestamp'], ([s, fmt], _e, _t, ctx) => {
  if (!s) return () => floorDiv(ctx.now(), 1000);
  const secs = (ms: number | null) => (ms === null ? null : floorDiv(ms, 1000));
  if (!fmt) return strict1(s, (x) => secs(parseWithPattern(x as string, 'yyyy-MM-dd HH:mm:ss')));
  return strict2(s, fmt, (x, f) => secs(parseWithPattern(x as string, f as string)));
});

/** floor_to('HOUR', ts) / ceil_to('DAY', ts); a DATE argument gives a DATE. */
def(['floor_to'], ([, ts], [eu, ets]) => {
  const unit = litUnit(eu, 'FLOOR');
  if (familyOf(ets!.type) === 'date') return strict1(ts!, (d) => floorDiv(floorTo((d as number) * MS_PER_DAY, unit), MS_PER_DAY));
  return strict1(ts!, (v) => floorTo(v as number, unit));
});
def(['ceil_to'], ([, ts], [eu, ets]) => {
  const unit = litUnit(eu, 'CEIL');
  if (familyOf(ets!.type) === 'date') return strict1(ts!, (d) => floorDiv(ceilTo((d as number) * MS_PER_DAY, unit), MS_PER_DAY));
  return strict1(ts!, (v) => ceilTo(v as number, unit));
});
/** extract('YEAR', ts). */
def(['extract'], ([, ts], [eu, ets]) => {
  const unit = litUnit(eu, 'EXTRACT');
  const toMs = toMsFn(ets!.type);
  extractField(unit, 0); // validate the unit now
  return strict1(ts!, (v) => {
    const ms = toMs(v);
    return ms === null ? null : extractField(unit, ms);
  });
});
for (const [fn, unit] of [
  ['year', 'YEAR'],
  ['quarter', 'QUARTER'],
  ['month', 'MONTH'],
  ['week', 'WEEK'],
  ['dayofmonth', 'DAY'],
  ['day', 'DAY'],
  ['hour', 'HOUR'],
  ['minute', 'MINUTE'],
  ['second', 'SECOND'],
  ['dayofweek', 'DOW'],
  ['dayofyear', 'DOY'],
] as const) {
  def([fn], ([ts], [ets]) => {
    const toMs = toMsFn(ets!.type);
    return strict1(ts!, (v) => {
      const ms = toMs(v);
      return ms === null ? null : extractField(unit, ms);
    });
  });
}
/** timestampdiff('DAY', a, b): b - a in whole units. */
def(['timestampdiff'], ([, a, b], [eu, ea, eb]) => {
  const unit = litUnit(eu, 'TIMESTAMPDIFF');
  const ma = toMsFn(ea!.type);
  const mb = toMsFn(eb!.type);
  return strict2(a!, b!, (x, y) => {
    const p = ma(x);
    const q = mb(y);
    return p === null || q === null ? null : diffUnits(unit, p, q);
  });
});
/** timestampadd('DAY', n, ts). */
def(['timestampadd'], ([, n, ts], [eu, , ets], type) => {
  const unit = litUnit(eu, 'TIMESTAMPADD');
  if (familyOf(ets!.type) === 'date' && type.name === 'DATE') {
    return strict2(n!, ts!, (k, d) => floorDiv(addUnits(unit, k as number, (d as number) * MS_PER_DAY), MS_PER_DAY));
  }
  const toMs = toMsFn(ets!.type);
  return strict2(n!, ts!, (k, v) => {
    const ms = toMs(v);
    return ms === null ? null : addUnits(unit, Math.trunc(k as number), ms);
  });
});
def(['current_timestamp', 'now', 'localtimestamp', 'proctime', 'current_row_timestamp'], (_a, _e, _t, ctx) => () => ctx.now());
def(['current_date'], (_a, _e, _t, ctx) => () => floorDiv(ctx.now(), MS_PER_DAY));

/** Builds the converter used by `cast` nodes. */
export function buildCast(inner: CompiledExpr, from: DataType, to: DataType, safe: boolean): CompiledExpr {
  const conv = castConverter(from, to);
  if (!safe) return strict1(inner, conv);
  return (row) => {
    const v = inner(row);
    if (v === null) return null;
    try {
      return conv(v);
    } catch (e) {
      if (e instanceof ExprError) return null;
      throw e;
    }
  };
}
