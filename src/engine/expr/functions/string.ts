// Strings: case, CONCAT, SUBSTRING, trimming, padding, search, LIKE.
//
// CONCAT returns NULL when any argument is NULL (Flink's); CONCAT_WS skips NULL arguments.
import type { Value } from '../../types';
import type { BoundExpr, CompiledExpr } from '../ir';
import { ExprError, valueToString } from '../cast';
import { likeMatcher } from '../like';
import { familyOf } from '../typeutil';
import { def } from './registry';
import { strict1, strict2, strictN, constString } from './args';

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
def(['reverse'], ([s]) => strict1(s!, (x) => reverseString(x as string)));

/** Output code units per String.fromCharCode call in reverseString (an argument list, so bounded). */
const REVERSE_CHUNK = 8192;

/**
 * `s` reversed by code point, as Java's StringBuilder.reverse (Flink's REVERSE): a surrogate pair
 * keeps its order, a lone surrogate is one unit. Written through a fixed buffer into chunks, so a
 * 100 MB value costs its result and no array of code points.
 */
export function reverseString(s: string): string {
  const n = s.length;
  if (n < 2) return s;
  const buf = new Uint16Array(Math.min(n, REVERSE_CHUNK));
  const chunks: string[] = [];
  let k = 0;
  const flush = () => {
    chunks.push(String.fromCharCode(...buf.subarray(0, k)));
    k = 0;
  };
  for (let i = n - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const h = s.charCodeAt(i - 1);
      if (h >= 0xd800 && h <= 0xdbff) {
        if (k + 2 > buf.length) flush();
        buf[k++] = h;
        buf[k++] = c;
        i--;
        continue;
      }
    }
    if (k === buf.length) flush();
    buf[k++] = c;
  }
  if (k > 0) flush();
  return chunks.length === 1 ? chunks[0]! : chunks.join('');
}
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
