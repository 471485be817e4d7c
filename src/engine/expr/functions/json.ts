// JSON_EXISTS, JSON_VALUE and JSON_QUERY with Flink's semantics (SqlJsonUtils over Jackson and
// Jayway JsonPath; reading in ../json-path.ts). The binder passes the ON EMPTY / ON ERROR
// behaviours as string literals after (json, path):
//   json_exists(json, path, onError)                          onError: TRUE | FALSE | UNKNOWN | ERROR
//   json_value(json, path, onEmpty, emptyDefault, onError, errorDefault)   NULL | ERROR | DEFAULT
//   json_query(json, path, wrapper, onEmpty, onError)   wrapper: WITHOUT | CONDITIONAL | UNCONDITIONAL
// A path with no `lax` / `strict` is strict, as in Flink. Lax: a missing path or malformed JSON
// is empty; strict: an error (handled by ON ERROR). Results of JSON_VALUE are cast to its
// RETURNING type (STRING by default) as Flink's convertJsonScalar does.
import type { DataType, Value } from '../../types';
import type { BoundExpr, CompiledExpr } from '../ir';
import { ExprError, castValue } from '../cast';
import { familyOf, mk } from '../typeutil';
import { type Json, type JsonPath, JsonNumber, JsonPathError, isScalar, parseJson, parseJsonPath, readJsonPath, scalarText, writeJson } from '../json-path';
import { def } from './registry';
import { constString } from './args';

type Context = { value: Json | undefined; error: null } | { value: undefined; error: string };

/** The path function: a constant path parsed once, others parsed per distinct text (cached). */
function pathReader(expr: BoundExpr | undefined): (p: string) => JsonPath | string {
  const parse = (p: string): JsonPath | string => {
    try {
      return parseJsonPath(p);
    } catch (e) {
      if (e instanceof JsonPathError) {
        if (e.message.startsWith('not supported yet')) throw new ExprError(e.message);
        return e.message;
      }
      throw e;
    }
  };
  const c = constString(expr);
  if (typeof c === 'string') {
    const parsed = parse(c);
    return () => parsed;
  }
  const cache = new Map<string, JsonPath | string>();
  return (p) => {
    let r = cache.get(p);
    if (r === undefined) {
      if (cache.size >= 256) cache.delete(cache.keys().next().value!);
      r = parse(p);
      cache.set(p, r);
    }
    return r;
  };
}

/** jsonApiCommonSyntax: the value at the path, or the error strict mode reports. */
function evaluate(text: string, path: JsonPath | string): Context {
  if (typeof path === 'string') return { value: undefined, error: path };
  let doc: Json;
  try {
    doc = parseJson(text);
  } catch (e) {
    if (path.mode === 'lax') return { value: undefined, error: null };
    return { value: undefined, error: (e as Error).message };
  }
  try {
    const value = readJsonPath(doc, path);
    if (path.mode === 'strict' && (value === undefined || value === null)) {
      return { value: undefined, error: 'Strict jsonpath mode requires a non empty returned value, but is null' };
    }
    return { value: value === null ? undefined : value, error: null };
  } catch (e) {
    if (!(e instanceof JsonPathError)) throw e;
    return path.mode === 'lax' ? { value: undefined, error: null } : { value: undefined, error: e.message };
  }
}

def(['json_exists'], ([j, p], exprs) => {
  const path = pathReader(exprs[1]);
  const onError = constString(exprs[2]) ?? 'FALSE';
  return (row) => {
    const text = j!(row);
    const spec = p!(row);
    if (text === null || spec === null) return null;
    const ctx = evaluate(text as string, path(spec as string));
    if (ctx.error === null) return ctx.value !== undefined;
    if (onError === 'ERROR') throw new ExprError(`JSON_EXISTS: ${ctx.error}`);
    return onError === 'TRUE' ? true : onError === 'UNKNOWN' ? null : false;
  };
});

def(['json_value'], (args, exprs, type) => {
  const [j, p, , emptyDefault, , errorDefault] = args;
  const path = pathReader(exprs[1]);
  const onEmpty = constString(exprs[2]) ?? 'NULL';
  const onError = constString(exprs[4]) ?? 'NULL';
  const convert = scalarConverter(type);
  const fallback = (behavior: string, value: CompiledExpr | undefined, row: readonly Value[], error: string): Value => {
    if (behavior === 'ERROR') throw new ExprError(`JSON_VALUE: ${error}`);
    return behavior === 'DEFAULT' && value ? value(row) : null;
  };
  return (row) => {
    const text = j!(row);
    const spec = p!(row);
    if (text === null || spec === null) return null;
    const parsed = path(spec as string);
    const ctx = evaluate(text as string, parsed);
    if (ctx.error !== null) return fallback(onError, errorDefault, row, ctx.error);
    const v = ctx.value;
    const lax = typeof parsed !== 'string' && parsed.mode === 'lax';
    if (v === undefined || (lax && !isScalar(v))) return fallback(onEmpty, emptyDefault, row, 'Empty result of JSON_VALUE function is not allowed');
    if (!isScalar(v)) return fallback(onError, errorDefault, row, `Strict jsonpath mode requires scalar value, and the actual value is: '${writeJson(v)}'`);
    const converted = convert(v);
    if (converted === undefined) return fallback(onError, errorDefault, row, `cannot convert '${scalarText(v) ?? ''}' to ${type.name}`);
    return converted;
  };
});

def(['json_query'], ([j, p], exprs) => {
  const path = pathReader(exprs[1]);
  const wrapper = constString(exprs[2]) ?? 'WITHOUT';
  const onEmpty = constString(exprs[3]) ?? 'NULL';
  const onError = constString(exprs[4]) ?? 'NULL';
  const behave = (behavior: string, error: string): Value => {
    if (behavior === 'ERROR') throw new ExprError(`JSON_QUERY: ${error}`);
    return behavior === 'EMPTY ARRAY' ? '[]' : behavior === 'EMPTY OBJECT' ? '{}' : null;
  };
  return (row) => {
    const text = j!(row);
    const spec = p!(row);
    if (text === null || spec === null) return null;
    const parsed = path(spec as string);
    const ctx = evaluate(text as string, parsed);
    if (ctx.error !== null) return behave(onError, ctx.error);
    let v = ctx.value;
    if (v !== undefined && wrapper === 'UNCONDITIONAL') v = [v];
    else if (v !== undefined && wrapper === 'CONDITIONAL' && !Array.isArray(v)) v = [v];
    const lax = typeof parsed !== 'string' && parsed.mode === 'lax';
    if (v === undefined || (lax && isScalar(v))) return behave(onEmpty, 'Empty result of JSON_QUERY function is not allowed');
    if (isScalar(v)) return behave(onError, `Strict jsonpath mode requires array or object value, and the actual value is: '${scalarText(v) ?? ''}'`);
    return writeJson(v);
  };
});

/** Flink's convertJsonScalar into `type`; undefined when the value does not convert. */
function scalarConverter(type: DataType): (v: Json) => Value | undefined {
  const family = familyOf(type);
  if (family === 'string') return (v) => scalarText(v);
  if (family === 'boolean') {
    return (v) => {
      if (typeof v === 'boolean') return v;
      if (v instanceof JsonNumber) {
        const n = Math.trunc(Number(v.text));
        return n === 0 ? false : n === 1 ? true : undefined;
      }
      const t = String(v).trim().toLowerCase();
      return ['true', 't', 'yes', '1'].includes(t) ? true : ['false', 'f', 'no', '0'].includes(t) ? false : undefined;
    };
  }
  const text = (v: Json): string | undefined => {
    if (v instanceof JsonNumber) return v.text;
    if (typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return v.trim();
    return undefined;
  };
  if (family === 'integer') {
    return (v) => {
      const t = text(v);
      if (t === undefined) return undefined;
      const whole = integerPart(t);
      const converted = castValue(whole, mk('STRING', false), type, true);
      return converted === null ? undefined : converted;
    };
  }
  return (v) => {
    const t = text(v);
    if (t === undefined) return undefined;
    const converted = castValue(t, mk('STRING', false), type, true);
    if (converted === null || (typeof converted === 'number' && !Number.isFinite(converted))) return undefined;
    return converted;
  };
}

/** The integer part of a decimal text (BigDecimal.toBigInteger: truncated toward zero). */
function integerPart(text: string): string {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text)!;
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const point = (m[2] ?? '').length + Number(m[4] ?? 0);
  if (point <= 0) return '0';
  if (point > 400) return m[1] + '9'.repeat(400); // out of every integer range
  const whole = digits.padEnd(point, '0').slice(0, point).replace(/^0+(?=\d)/, '');
  return (m[1] === '-' && whole !== '0' ? '-' : '') + (whole === '' ? '0' : whole);
}
