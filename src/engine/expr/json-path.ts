// JSON text and JSON paths for JSON_VALUE / JSON_QUERY / JSON_EXISTS, as Flink's SqlJsonUtils
// reads them (Jackson with USE_BIG_DECIMAL_FOR_FLOATS, Jayway JsonPath): numbers keep their
// written digits (`1.50` stays `1.50`), objects are written back with their keys sorted
// (ORDER_MAP_ENTRIES_BY_KEYS), and a path is `[lax | strict] $` followed by `.name`, `['name']`,
// `[n]` (negative from the end), `[*]` or `.*`. Parsing is iterative over the text and never
// evaluates it; nesting deeper than MAX_DEPTH is a parse error.

/** A JSON number with its text as written (Jackson keeps integers and BigDecimals exact). */
export class JsonNumber {
  constructor(readonly text: string) {}
}
export type Json = null | boolean | string | JsonNumber | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export class JsonPathError extends Error {}

const MAX_DEPTH = 1000;

/** Parses JSON text; throws JsonPathError on malformed input. */
export function parseJson(text: string): Json {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const bad = (what: string): never => {
    throw new JsonPathError(`malformed JSON at character ${i + 1}: ${what}`);
  };
  const str = (): string => {
    i++;
    let out = '';
    for (;;) {
      if (i >= n) bad('unterminated string');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else bad('invalid escape');
      } else if (c < ' ') bad('control character in a string');
      else {
        out += c;
        i++;
      }
    }
  };
  const scalar = (): Json => {
    const c = text[i];
    if (c === '"') return str();
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0] !== '' && m[0] !== '-') {
      i += m[0].length;
      return new JsonNumber(m[0]);
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    return bad('unexpected character');
  };
  // Containers on a stack: each frame is the value being filled and, for objects, the pending key.
  type Frame = { value: Json[] | JsonObject; key: string | null };
  const stack: Frame[] = [];
  let result: Json | undefined;
  const put = (v: Json) => {
    const top = stack[stack.length - 1];
    if (!top) result = v;
    else if (Array.isArray(top.value)) top.value.push(v);
    else top.value[top.key!] = v;
  };
  ws();
  for (;;) {
    // Read a value.
    const c = text[i];
    if (c === '[' || c === '{') {
      if (stack.length >= MAX_DEPTH) bad(`nesting deeper than ${MAX_DEPTH}`);
      i++;
      const value: Json[] | JsonObject = c === '[' ? [] : Object.create(null);
      put(value);
      stack.push({ value, key: null });
      ws();
      if (text[i] === (c === '[' ? ']' : '}')) {
        i++;
        stack.pop();
      } else {
        if (c === '{') {
          if (text[i] !== '"') bad('expected a key');
          stack[stack.length - 1]!.key = str();
          ws();
          if (text[i] !== ':') bad("expected ':'");
          i++;
          ws();
        }
        continue;
      }
    } else put(scalar());
    // After a value: close containers or go on to the next element.
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (!top) {
        if (i < n) bad('text after the value');
        return result!;
      }
      const isArray = Array.isArray(top.value);
      if (text[i] === ',') {
        i++;
        ws();
        if (!isArray) {
          if (text[i] !== '"') bad('expected a key');
          top.key = str();
          ws();
          if (text[i] !== ':') bad("expected ':'");
          i++;
          ws();
        }
        break;
      }
      if (text[i] === (isArray ? ']' : '}')) {
        i++;
        stack.pop();
        continue;
      }
      bad(`expected ',' or '${isArray ? ']' : '}'}'`);
    }
  }
}

export type PathStep = { kind: 'key'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };
export interface JsonPath {
  mode: 'lax' | 'strict';
  steps: PathStep[];
  /** A wildcard makes the result a list (Jayway's indefinite path). */
  indefinite: boolean;
}

/** Parses `[lax | strict] $...`; no mode is strict, as in Flink. Throws JsonPathError. */
export function parseJsonPath(spec: string): JsonPath {
  const m = /^\s*(strict|lax)\s+([\s\S]+)$/i.exec(spec);
  const mode = m ? (m[1]!.toLowerCase() as 'lax' | 'strict') : 'strict';
  const p = (m ? m[2]! : spec).trim();
  if (!p.startsWith('$')) throw new JsonPathError(`Illegal jsonpath spec '${spec}', format of the spec should be: '<lax|strict> $...'`);
  const steps: PathStep[] = [];
  let i = 1;
  while (i < p.length) {
    const rest = p.slice(i);
    let mm: RegExpExecArray | null;
    if ((mm = /^\.\*/.exec(rest)) || (mm = /^\[\*\]/.exec(rest))) steps.push({ kind: 'wildcard' });
    else if ((mm = /^\.([A-Za-z_$][\w$-]*)/.exec(rest))) steps.push({ kind: 'key', name: mm[1]! });
    else if ((mm = /^\[\s*'((?:[^'\\]|\\.)*)'\s*\]/.exec(rest)) || (mm = /^\[\s*"((?:[^"\\]|\\.)*)"\s*\]/.exec(rest))) {
      steps.push({ kind: 'key', name: mm[1]!.replace(/\\(.)/g, '$1') });
    } else if ((mm = /^\[\s*(-?\d+)\s*\]/.exec(rest))) steps.push({ kind: 'index', index: Number(mm[1]) });
    else if (rest.startsWith('..') || rest.startsWith('[?') || /^\[\s*-?\d*\s*:/.test(rest) || /^\[\s*\d+\s*,/.test(rest)) {
      throw new JsonPathError(`not supported yet: the JSON path '${rest}' (deep scans, filters, slices and unions); Freshet reads $, .name, ['name'], [n], [*] and .*`);
    } else throw new JsonPathError(`Illegal jsonpath spec '${spec}' at '${rest}'`);
    i += mm[0].length;
  }
  return { mode, steps, indefinite: steps.some((s) => s.kind === 'wildcard') };
}

/**
 * The value at `path` (Jayway's read): undefined when a step finds nothing; with a wildcard a list
 * of every match (missing branches skipped). Throws JsonPathError where Jayway throws in strict mode
 * (a missing key or index, a step into a scalar); lax mode (SUPPRESS_EXCEPTIONS) gives undefined.
 */
export function readJsonPath(doc: Json, path: JsonPath): Json | undefined {
  let current: Json[] = [doc];
  for (const step of path.steps) {
    const next: Json[] = [];
    for (const v of current) {
      if (step.kind === 'wildcard') {
        if (Array.isArray(v)) next.push(...v);
        else if (v !== null && typeof v === 'object' && !(v instanceof JsonNumber)) next.push(...Object.values(v));
        else if (!path.indefinite) throw new JsonPathError('wildcard on a scalar');
      } else if (step.kind === 'key') {
        if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof JsonNumber) && step.name in v) next.push(v[step.name]!);
        else if (!path.indefinite) throw new JsonPathError(`No results for path: $['${step.name}']`);
      } else {
        if (Array.isArray(v)) {
          const at = step.index < 0 ? v.length + step.index : step.index;
          if (at >= 0 && at < v.length) next.push(v[at]!);
          else if (!path.indefinite) throw new JsonPathError(`Index ${step.index} out of bounds`);
        } else if (!path.indefinite) throw new JsonPathError(`Filter: [${step.index}] can only be applied to arrays`);
      }
    }
    current = next;
  }
  if (path.indefinite) return current;
  return current[0];
}

export function isScalar(v: Json): boolean {
  return v === null || typeof v !== 'object' || v instanceof JsonNumber;
}

/** JSON text as Jackson writes it here: compact, object keys sorted, numbers as read. */
export function writeJson(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof JsonNumber) return v.text;
  if (Array.isArray(v)) return '[' + v.map(writeJson).join(',') + ']';
  return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + writeJson(v[k]!)).join(',') + '}';
}

/** A scalar as Flink's cast of the Java value to STRING gives it. */
export function scalarText(v: Json): string | null {
  if (v === null) return null;
  if (v instanceof JsonNumber) return javaNumberText(v.text);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  return writeJson(v);
}

/**
 * Jackson reads an integer as int / long / BigInteger (written back as its digits) and a number
 * with a fraction or exponent as a BigDecimal, whose toString uses scientific notation when the
 * exponent is large: `1e3` -> `1E+3`, `1.5e2` -> `1.5E+2`, `0.00000001` -> `1E-8`, `1.50` -> `1.50`.
 */
export function javaNumberText(text: string): string {
  if (!/[.eE]/.test(text)) return text.replace(/^-0$/, '0');
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text)!;
  const sign = m[1]!;
  const digits = (m[2]! + (m[3] ?? '')).replace(/^0+(?=\d)/, '');
  const scale = (m[3]?.length ?? 0) - Number(m[4] ?? 0);
  // BigDecimal.toString: plain when scale >= 0 and the adjusted exponent >= -6.
  const adjusted = -scale + (digits.length - 1);
  if (scale >= 0 && adjusted >= -6) {
    if (scale === 0) return sign + digits;
    const padded = digits.padStart(scale + 1, '0');
    return sign + padded.slice(0, padded.length - scale) + '.' + padded.slice(padded.length - scale);
  }
  const mantissa = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  return sign + mantissa + 'E' + (adjusted >= 0 ? '+' : '') + adjusted;
}
