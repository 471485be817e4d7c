// Scalar function signatures for the binder: the SQL name, its registry name in src/engine/expr,
// arity, and the result type (or a sentence saying why the arguments do not fit).
import type { DataType } from '../types';
import { arithmeticType, commonNumeric, familyOf, isNumeric, mk } from '../expr/typeutil';

export interface Signature {
  fn: string;
  min: number;
  max: number;
  ret(args: DataType[]): DataType | string;
}

const anyNull = (args: DataType[]) => args.some((a) => a.nullable);
const isStr = (t: DataType) => familyOf(t) === 'string' || familyOf(t) === 'null';
const isNum = (t: DataType) => isNumeric(t) || familyOf(t) === 'null';
const isInt = (t: DataType) => familyOf(t) === 'integer' || familyOf(t) === 'null';
const isTime = (t: DataType) => ['date', 'timestamp', 'string', 'null'].includes(familyOf(t));

function needs(check: (t: DataType) => boolean, what: string, result: (args: DataType[]) => DataType) {
  return (args: DataType[]): DataType | string => {
    const bad = args.findIndex((a) => !check(a));
    if (bad >= 0) return `argument ${bad + 1} must be ${what}`;
    return result(args);
  };
}

const STRING = (args: DataType[]) => mk('STRING', anyNull(args));
const INTR = (args: DataType[]) => mk('INT', anyNull(args));
const BIGINTR = (args: DataType[]) => mk('BIGINT', anyNull(args));
const DOUBLER = (args: DataType[]) => mk('DOUBLE', anyNull(args));
const SAME = (args: DataType[]) => ({ ...args[0]!, nullable: anyNull(args) });

/** Result type of ROUND/FLOOR/CEIL/TRUNCATE: integers stay, DECIMAL keeps (or loses) scale. */
function roundType(args: DataType[], scaleFromArg: boolean): DataType {
  const t = args[0]!;
  if (t.name === 'DECIMAL') return mk('DECIMAL', anyNull(args), t.precision ?? 10, scaleFromArg ? t.scale ?? 0 : 0);
  return { ...t, nullable: anyNull(args) };
}

const sigs: [string[], Omit<Signature, 'fn'> & { fn?: string }][] = [
  [['ABS'], { min: 1, max: 1, ret: needs(isNum, 'numeric', SAME) }],
  [['MOD'], { min: 2, max: 2, ret: needs(isNum, 'numeric', (a) => arithmeticType('%', a[0]!, a[1]!)) }],
  [['ROUND'], { min: 1, max: 2, ret: needs(isNum, 'numeric', (a) => roundType(a, a.length > 1)) }],
  [['TRUNCATE'], { min: 1, max: 2, ret: needs(isNum, 'numeric', (a) => roundType(a, a.length > 1)) }],
  [['FLOOR'], { min: 1, max: 1, ret: needs(isNum, 'numeric', (a) => roundType(a, false)) }],
  [['CEIL', 'CEILING'], { fn: 'ceil', min: 1, max: 1, ret: needs(isNum, 'numeric', (a) => roundType(a, false)) }],
  [['POWER', 'POW'], { fn: 'power', min: 2, max: 2, ret: needs(isNum, 'numeric', DOUBLER) }],
  [['SQRT'], { min: 1, max: 1, ret: needs(isNum, 'numeric', DOUBLER) }],
  [['EXP'], { min: 1, max: 1, ret: needs(isNum, 'numeric', DOUBLER) }],
  [['LN'], { min: 1, max: 1, ret: needs(isNum, 'numeric', DOUBLER) }],
  [['LOG10'], { min: 1, max: 1, ret: needs(isNum, 'numeric', DOUBLER) }],
  [['LOG2'], { min: 1, max: 1, ret: needs(isNum, 'numeric', DOUBLER) }],
  [['SIGN'], { min: 1, max: 1, ret: needs(isNum, 'numeric', SAME) }],
  [['UPPER'], { min: 1, max: 1, ret: needs(isStr, 'a string', STRING) }],
  [['LOWER'], { min: 1, max: 1, ret: needs(isStr, 'a string', STRING) }],
  [['CONCAT'], { min: 1, max: 254, ret: STRING }],
  [['CONCAT_WS'], { min: 2, max: 254, ret: (a) => mk('STRING', a[0]!.nullable) }],
  [['SUBSTRING', 'SUBSTR'], { fn: 'substring', min: 2, max: 3, ret: (a) => (isStr(a[0]!) && a.slice(1).every(isNum) ? STRING(a) : 'SUBSTRING takes (string, start [, length])') }],
  [['CHAR_LENGTH', 'CHARACTER_LENGTH'], { fn: 'char_length', min: 1, max: 1, ret: needs(isStr, 'a string', INTR) }],
  [['TRIM'], { min: 1, max: 2, ret: needs(isStr, 'a string', STRING) }],
  [['LTRIM'], { min: 1, max: 2, ret: needs(isStr, 'a string', STRING) }],
  [['RTRIM'], { min: 1, max: 2, ret: needs(isStr, 'a string', STRING) }],
  [['REPLACE'], { min: 3, max: 3, ret: needs(isStr, 'a string', STRING) }],
  [['POSITION'], { min: 2, max: 2, ret: needs(isStr, 'a string', INTR) }],
  [['LOCATE'], { min: 2, max: 3, ret: (a) => (isStr(a[0]!) && isStr(a[1]!) ? INTR(a) : 'LOCATE takes (string, string [, start])') }],
  [['LPAD'], { min: 3, max: 3, ret: (a) => (isStr(a[0]!) && isNum(a[1]!) && isStr(a[2]!) ? mk('STRING', true) : 'LPAD takes (string, length, pad)') }],
  [['RPAD'], { min: 3, max: 3, ret: (a) => (isStr(a[0]!) && isNum(a[1]!) && isStr(a[2]!) ? mk('STRING', true) : 'RPAD takes (string, length, pad)') }],
  [['LEFT'], { min: 2, max: 2, ret: (a) => (isStr(a[0]!) && isNum(a[1]!) ? STRING(a) : 'LEFT takes (string, length)') }],
  [['RIGHT'], { min: 2, max: 2, ret: (a) => (isStr(a[0]!) && isNum(a[1]!) ? STRING(a) : 'RIGHT takes (string, length)') }],
  [['REPEAT'], { min: 2, max: 2, ret: (a) => (isStr(a[0]!) && isNum(a[1]!) ? STRING(a) : 'REPEAT takes (string, count)') }],
  [['REVERSE'], { min: 1, max: 1, ret: needs(isStr, 'a string', STRING) }],
  [['INITCAP'], { min: 1, max: 1, ret: needs(isStr, 'a string', STRING) }],
  [['SPLIT_INDEX'], { min: 3, max: 3, ret: (a) => (isStr(a[0]!) && isStr(a[1]!) && isNum(a[2]!) ? mk('STRING', true) : 'SPLIT_INDEX takes (string, separator, index)') }],
  [['REGEXP'], { min: 2, max: 2, ret: needs(isStr, 'a string', (a) => mk('BOOLEAN', anyNull(a))) }],
  [['REGEXP_EXTRACT'], { min: 2, max: 3, ret: (a) => (isStr(a[0]!) && isStr(a[1]!) && (a.length < 3 || isInt(a[2]!)) ? mk('STRING', true) : 'REGEXP_EXTRACT takes (string, pattern [, group])') }],
  [['REGEXP_REPLACE'], { min: 3, max: 3, ret: needs(isStr, 'a string', () => mk('STRING', true)) }],
  [['RAND'], { min: 0, max: 1, ret: (a) => (a.every(isInt) ? mk('DOUBLE', false) : 'RAND takes ([seed INT])') }],
  [['RAND_INTEGER'], { min: 1, max: 2, ret: (a) => (a.every(isInt) ? mk('INT', anyNull(a)) : 'RAND_INTEGER takes ([seed INT,] bound INT)') }],
  [['CONVERT_TZ'], { min: 3, max: 3, ret: needs(isStr, 'a string', () => mk('STRING', true)) }],
  [['DATE_FORMAT'], { min: 2, max: 2, ret: (a) => (isTime(a[0]!) && isStr(a[1]!) ? mk('STRING', true) : 'DATE_FORMAT takes (timestamp, pattern)') }],
  [['TO_TIMESTAMP'], { min: 1, max: 2, ret: needs(isStr, 'a string', () => mk('TIMESTAMP', true, 3)) }],
  [['TO_DATE'], { min: 1, max: 2, ret: needs(isStr, 'a string', () => mk('DATE', true)) }],
  [['TO_TIMESTAMP_LTZ'], { min: 1, max: 2, ret: needs(isNum, 'numeric', (a) => mk('TIMESTAMP_LTZ', anyNull(a), 3)) }],
  [['FROM_UNIXTIME'], { min: 1, max: 2, ret: (a) => (isNum(a[0]!) ? STRING(a) : 'FROM_UNIXTIME takes (seconds [, pattern])') }],
  [['UNIX_TIMESTAMP'], { min: 0, max: 2, ret: needs(isStr, 'a string', (a) => mk('BIGINT', a.length > 0)) }],
  [['YEAR'], { min: 1, max: 1, ret: needs(isTime, 'a date or timestamp', BIGINTR) }],
  [['QUARTER'], { min: 1, max: 1, ret: needs(isTime, 'a date or timestamp', BIGINTR) }],
  [['MONTH'], { min: 1, max: 1, ret: needs(isTime, 'a date or timestamp', BIGINTR) }],
  [['WEEK'], { min: 1, max: 1, ret: needs(isTime, 'a date or timestamp', BIGINTR) }],
  [['DAYOFMONTH'], { min: 1, max: 1, ret: needs(isTime, 'a date or timestamp', BIGINTR) }],
  [['DAY'], { fn: 'dayofmonth', min: 1, max: 1, ret: needs(isTime, 'a date or timestamp', BIGINTR) }],
  [['DAYOFWEEK'], { min: 1, max: 1, ret: needs(isTime, 'a date or timestamp', BIGINTR) }],
  [['DAYOFYEAR'], { min: 1, max: 1, ret: needs(isTime, 'a date or timestamp', BIGINTR) }],
  [['HOUR'], { min: 1, max: 1, ret: needs(isTime, 'a date or timestamp', BIGINTR) }],
  [['MINUTE'], { min: 1, max: 1, ret: needs(isTime, 'a date or timestamp', BIGINTR) }],
  [['SECOND'], { min: 1, max: 1, ret: needs(isTime, 'a date or timestamp', BIGINTR) }],
  [['CURRENT_TIMESTAMP'], { min: 0, max: 0, ret: () => mk('TIMESTAMP_LTZ', false, 3) }],
  [['NOW'], { min: 0, max: 0, ret: () => mk('TIMESTAMP_LTZ', false, 3) }],
  [['CURRENT_ROW_TIMESTAMP'], { min: 0, max: 0, ret: () => mk('TIMESTAMP_LTZ', false, 3) }],
  [['CURRENT_WATERMARK'], { min: 1, max: 1, ret: (a) => (a[0]!.timeAttribute === 'rowtime' ? mk(a[0]!.name, true, 3) : 'the argument must be a rowtime attribute (the WATERMARK column of a table)') }],
  // PROCTIME() in a query is a processing-time attribute, as in Flink (Nexmark q13 joins on one).
  [['PROCTIME'], { min: 0, max: 0, ret: () => ({ ...mk('TIMESTAMP_LTZ', false, 3), timeAttribute: 'proctime' as const }) }],
  [['LOCALTIMESTAMP'], { min: 0, max: 0, ret: () => mk('TIMESTAMP', false, 3) }],
  [['CURRENT_DATE'], { min: 0, max: 0, ret: () => mk('DATE', false) }],
];

/** SQL function name (upper case) -> signature. A Map: `constructor` is not a function. */
export const SIGNATURES: ReadonlyMap<string, Signature> = new Map(
  sigs.flatMap(([names, s]) => names.map((n) => [n, { ...s, fn: s.fn ?? n.toLowerCase() }] as const)),
);

/** Functions handled by the binder itself (they need coercion of their arguments). */
export const SPECIAL_FUNCTIONS = ['COALESCE', 'IF', 'IFNULL', 'NULLIF', 'GREATEST', 'LEAST'];
/** Functions with clauses of their own, bound by plan/bind/json-functions.ts. */
export const JSON_FUNCTIONS = ['JSON_VALUE', 'JSON_QUERY', 'JSON_EXISTS'];
export const AGGREGATES = ['COUNT', 'SUM', 'MIN', 'MAX', 'AVG', 'FIRST_VALUE', 'LAST_VALUE', 'LISTAGG'];
/** Aggregates Flink has and Freshet does not run yet. */
export const UNSUPPORTED_AGGREGATES = ['COLLECT', 'ARRAY_AGG', 'JSON_ARRAYAGG', 'JSON_OBJECTAGG', 'BIT_AND', 'BIT_OR'];

export function allFunctionNames(): string[] {
  return [...SIGNATURES.keys(), ...SPECIAL_FUNCTIONS, ...JSON_FUNCTIONS, ...AGGREGATES];
}

/** Common type of several values (CASE branches, COALESCE args, UNION columns), or null. */
export function commonType(types: DataType[]): DataType | null {
  let acc: DataType | null = null;
  for (const t of types) {
    if (acc === null) {
      acc = t;
      continue;
    }
    const fa = familyOf(acc);
    const ft = familyOf(t);
    const nullable: boolean = acc.nullable || t.nullable;
    if (ft === 'null') {
      acc = { ...acc, nullable: true };
    } else if (fa === 'null') {
      acc = { ...t, nullable: true };
    } else if (isNumeric(acc) && isNumeric(t)) {
      acc = commonNumeric(acc, t);
    } else if (fa === 'string' && ft === 'string') {
      acc = acc.name === t.name && acc.precision === t.precision ? { ...acc, nullable } : mk('STRING', nullable);
    } else if (fa === 'timestamp' && ft === 'timestamp') {
      acc = { ...acc, nullable, precision: Math.max(acc.precision ?? 6, t.precision ?? 6) };
    } else if ((fa === 'date' && ft === 'timestamp') || (fa === 'timestamp' && ft === 'date')) {
      acc = fa === 'timestamp' ? { ...acc, nullable } : { ...t, nullable };
    } else if (fa === ft) {
      acc = { ...acc, nullable };
    } else {
      return null;
    }
  }
  return acc;
}
