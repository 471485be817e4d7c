// Prints bound expressions as SQL for operator labels (Flink EXPLAIN style). Strings are quoted
// with doubled single quotes; identifiers that are not plain words are backquoted.
import type { Value } from '../types';
import type { BoundExpr } from './ir';
import { formatDate, formatTimestamp } from './datetime';
import { familyOf } from './typeutil';
import { type Exact, decimalToString } from '../common/decimal';

export function quoteString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

const PLAIN_IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
export function quoteIdent(name: string): string {
  return PLAIN_IDENT.test(name) ? name : '`' + name.replace(/`/g, '``') + '`';
}

const INFIX: Record<string, string> = {
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
  '%': '%',
  '=': '=',
  '<>': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  and: 'AND',
  or: 'OR',
};
const POSTFIX: Record<string, string> = {
  is_null: 'IS NULL',
  is_not_null: 'IS NOT NULL',
  is_true: 'IS TRUE',
  is_not_true: 'IS NOT TRUE',
  is_false: 'IS FALSE',
  is_not_false: 'IS NOT FALSE',
};

function literal(v: Value, e: BoundExpr): string {
  if (v === null) return 'null';
  const f = familyOf(e.type);
  switch (f) {
    case 'string':
      return quoteString(String(v));
    case 'boolean':
      return v ? 'true' : 'false';
    case 'date':
      return `DATE ${quoteString(formatDate(v as number))}`;
    case 'timestamp':
      return `TIMESTAMP ${quoteString(formatTimestamp(v as number, 3))}`;
    case 'interval':
      return `INTERVAL ${quoteString(String((v as number) / 1000))} SECOND`;
    case 'decimal':
      return decimalToString(v as Exact, e.type.scale ?? 0);
    default:
      return typeof v === 'string' ? quoteString(v) : String(v);
  }
}

/**
 * SQL text of a bound expression; `names[i]` names input column i. `prefix` prints calls as
 * Flink's RexNode digest does (`=(a, b)`), otherwise infix (`a = b`).
 */
export function exprToSql(e: BoundExpr, names: readonly string[], prefix = false): string {
  // A long left-deep chain (`a + b + c ...`) prints from its innermost node out, each node's first
  // operand taken from the one printed before, so printing takes no stack frame per term.
  const spine: BoundExpr[] = [];
  for (let x: BoundExpr | undefined = e; x !== undefined && (x.op === 'cast' || (x.op === 'call' && x.args.length > 0)); ) {
    spine.push(x);
    x = x.op === 'cast' ? x.expr : x.op === 'call' ? x.args[0] : undefined;
  }
  if (spine.length < CHAIN_MIN) return printNode(e, names, prefix, null);
  const printed = new Map<BoundExpr, string>();
  for (let i = spine.length - 1; i > 0; i--) printed.set(spine[i]!, printNode(spine[i]!, names, prefix, printed));
  return printNode(e, names, prefix, printed);
}

/** Chains shorter than this print by plain recursion. */
const CHAIN_MIN = 64;

function printNode(e: BoundExpr, names: readonly string[], prefix: boolean, printed: Map<BoundExpr, string> | null): string {
  const p = (x: BoundExpr) => printed?.get(x) ?? exprToSql(x, names, prefix);
  // Joined with `+`, not join(): join flattens, and a chain would copy its text at every level.
  const list = (xs: readonly BoundExpr[]) => xs.reduce((acc, x, i) => (i === 0 ? p(x) : acc + ', ' + p(x)), '');
  const wrap = (x: BoundExpr, _names: readonly string[], _prefix: boolean) => wrapped(x, p(x), prefix);
  switch (e.op) {
    case 'col':
      return quoteIdent(names[e.index] ?? `$${e.index}`);
    case 'lit':
      return literal(e.value, e);
    case 'cast':
      return `${e.safe ? 'TRY_CAST' : 'CAST'}(${p(e.expr)} AS ${typeText(e)})`;
    case 'case': {
      let s = 'CASE';
      for (const w of e.whens) s += ` WHEN ${p(w.when)} THEN ${p(w.then)}`;
      if (e.else) s += ` ELSE ${p(e.else)}`;
      return s + ' END';
    }
    case 'call': {
      const fn = e.fn;
      const args = e.args;
      if (prefix) {
        if (args.length === 2 && INFIX[fn]) return INFIX[fn] + '(' + p(args[0]!) + ', ' + p(args[1]!) + ')';
        if (args.length > 0 && (INFIX[fn] || POSTFIX[fn])) return `${INFIX[fn] ?? POSTFIX[fn]}(${list(args)})`;
      }
      if (INFIX[fn] && args.length >= 2) {
        // `+` on strings, not join: join flattens, and a chain would copy its text at every level.
        if (args.length === 2) return wrap(args[0]!, names, prefix) + ` ${INFIX[fn]} ` + wrap(args[1]!, names, prefix);
        return args.map((a) => wrap(a, names, prefix)).join(` ${INFIX[fn]} `);
      }
      if (POSTFIX[fn]) return `${wrap(args[0]!, names, prefix)} ${POSTFIX[fn]}`;
      switch (fn) {
        case 'neg':
          return `-${wrap(args[0]!, names, prefix)}`;
        case 'not':
          return `NOT ${wrap(args[0]!, names, prefix)}`;
        case 'in':
          return `${wrap(args[0]!, names, prefix)} IN (${args.slice(1).map(p).join(', ')})`;
        case 'between':
        case 'between_symmetric':
          return `${wrap(args[0]!, names, prefix)} BETWEEN ${fn === 'between_symmetric' ? 'SYMMETRIC ' : ''}${wrap(args[1]!, names, prefix)} AND ${wrap(args[2]!, names, prefix)}`;
        case 'like':
          return `${wrap(args[0]!, names, prefix)} LIKE ${p(args[1]!)}${args[2] ? ` ESCAPE ${p(args[2])}` : ''}`;
        case 'is_distinct_from':
          return `${wrap(args[0]!, names, prefix)} IS DISTINCT FROM ${wrap(args[1]!, names, prefix)}`;
        case 'is_not_distinct_from':
          return `${wrap(args[0]!, names, prefix)} IS NOT DISTINCT FROM ${wrap(args[1]!, names, prefix)}`;
        case 'extract':
          return `EXTRACT(${unitText(args[0]!)} FROM ${p(args[1]!)})`;
        case 'floor_to':
          return `FLOOR(${p(args[1]!)} TO ${unitText(args[0]!)})`;
        case 'ceil_to':
          return `CEIL(${p(args[1]!)} TO ${unitText(args[0]!)})`;
        case 'timestampdiff':
        case 'timestampadd':
          return `${fn.toUpperCase()}(${unitText(args[0]!)}, ${p(args[1]!)}, ${p(args[2]!)})`;
        case 'current_timestamp':
        case 'current_date':
        case 'localtimestamp':
          return fn.toUpperCase();
        default:
          return `${fn.toUpperCase()}(${list(args)})`;
      }
    }
  }
}

function unitText(e: BoundExpr): string {
  return e.op === 'lit' && typeof e.value === 'string' ? e.value.toUpperCase() : '?';
}

function wrapped(e: BoundExpr, s: string, prefix: boolean): string {
  if (e.op === 'call' && !prefix && (INFIX[e.fn] || e.fn === 'not' || e.fn === 'in' || e.fn === 'between' || e.fn === 'like' || POSTFIX[e.fn])) return `(${s})`;
  return s;
}

function typeText(e: BoundExpr): string {
  const t = e.type;
  if (t.name === 'DECIMAL') return `DECIMAL(${t.precision ?? 10}, ${t.scale ?? 0})`;
  if ((t.name === 'VARCHAR' || t.name === 'CHAR' || t.name === 'TIMESTAMP' || t.name === 'TIMESTAMP_LTZ') && t.precision !== undefined) {
    return `${t.name}(${t.precision})`;
  }
  return t.name;
}
