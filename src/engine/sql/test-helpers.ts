// Helpers shared by the SQL front-end tests (not part of the engine API).
import { expect } from 'vitest';
import type { Expr, Query, SelectQuery, Statement } from './ast';
import { parseExpression, parseScript } from './parser';
import type { Span } from '../types';

/** Parse a script that must have no diagnostics. */
export function parseOk(text: string): Statement[] {
  const r = parseScript(text);
  expect(r.diagnostics.map((d) => d.message)).toEqual([]);
  return r.statements;
}

export function one<K extends Statement['kind']>(text: string, kind: K): Extract<Statement, { kind: K }> {
  const stmts = parseOk(text);
  expect(stmts).toHaveLength(1);
  expect(stmts[0]!.kind).toBe(kind);
  return stmts[0] as Extract<Statement, { kind: K }>;
}

export function select(q: Query): SelectQuery {
  if (q.kind !== 'Select') throw new Error(`expected Select, got ${q.kind}`);
  return q;
}

export function expr(text: string): Expr {
  const r = parseExpression(text);
  expect(r.diagnostics.map((d) => d.message)).toEqual([]);
  return r.expr!;
}

/** The source text a span covers. */
export function slice(text: string, span: Span): string {
  return text.slice(span.start.offset, span.end.offset);
}

/** A compact S-expression, for precedence tests. */
export function sx(e: Expr): string {
  switch (e.kind) {
    case 'ColumnRef':
      return e.qualifier ? `${e.qualifier.name}.${e.name.name}` : e.name.name;
    case 'Literal':
      return e.type === 'string' ? `'${e.value}'` : e.type === 'interval' ? `interval(${e.value} ${e.unit})` : String(e.value);
    case 'Unary':
      return `(${e.op} ${sx(e.operand)})`;
    case 'Binary':
      return `(${e.op} ${sx(e.left)} ${sx(e.right)})`;
    case 'IsNull':
      return `(is${e.not ? '-not' : ''}-null ${sx(e.expr)})`;
    case 'IsTruth':
      return `(is${e.not ? '-not' : ''}-${e.value === null ? 'unknown' : String(e.value)} ${sx(e.expr)})`;
    case 'IsDistinctFrom':
      return `(is${e.not ? '-not' : ''}-distinct ${sx(e.left)} ${sx(e.right)})`;
    case 'InList':
      return `(${e.not ? 'not-' : ''}in ${sx(e.expr)} [${e.list.map(sx).join(' ')}])`;
    case 'InSubquery':
      return `(${e.not ? 'not-' : ''}in ${sx(e.expr)} <query>)`;
    case 'Between':
      return `(${e.not ? 'not-' : ''}between ${sx(e.expr)} ${sx(e.low)} ${sx(e.high)})`;
    case 'Like':
      return `(${e.not ? 'not-' : ''}like ${sx(e.expr)} ${sx(e.pattern)}${e.escape ? ' ' + sx(e.escape) : ''})`;
    case 'Case':
      return `(case${e.operand ? ' ' + sx(e.operand) : ''} ${e.whens.map((w) => `[${sx(w.when)} ${sx(w.then)}]`).join(' ')}${e.else ? ' else ' + sx(e.else) : ''})`;
    case 'Cast':
      return `(${e.safe ? 'try_cast' : 'cast'} ${sx(e.expr)} ${e.type.name})`;
    case 'FunctionCall':
      return `${e.name}(${e.distinct ? 'distinct ' : ''}${e.star ? '*' : e.args.map(sx).join(' ')})${e.filter ? ` filter ${sx(e.filter)}` : ''}`;
    case 'Extract':
      return `(extract ${e.field} ${sx(e.expr)})`;
    case 'FloorCeilTo':
      return `(${e.fn.toLowerCase()} ${sx(e.expr)} ${e.unit})`;
    case 'TimestampDiff':
    case 'TimestampAdd':
      return `(${e.kind} ${e.unit} ${sx(e.a)} ${sx(e.b)})`;
    case 'Subquery':
      return '<subquery>';
    case 'Exists':
      return '(exists <query>)';
  }
}
