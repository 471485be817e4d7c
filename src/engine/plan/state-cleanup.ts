// STATE_CLEANUP: operator-level state cleanup for a group aggregation and a regular join (a
// Freshet extension; docs/dialect.md has the exact semantics).
//
//   SELECT /*+ STATE_CLEANUP('ttl' = '30 d', 'condition' = 'sold >= 100') */ ... GROUP BY ...
//   SELECT /*+ STATE_CLEANUP('o.ttl' = '30 d', 'o.condition' = 'status = ''SIGNED''', 'd.ttl' = '60 d') */
//     ... FROM orders o JOIN dim d ON ...
//
// Bare `ttl` / `condition` are the aggregation's; `<input>.ttl` / `<input>.condition` belong to
// the join input with that alias (or table name). A condition is SQL text inside a string: it is
// parsed with the script's own expression parser, its spans moved onto the script (so an unknown
// column points into the hint), and bound like any expression over the operator's columns. It
// never becomes code by any other route than compileExpr over the bound tree.
import type * as A from '../sql/ast';
import type { BoundExpr } from '../expr/ir';
import type { Pos, Span } from '../types';
import { parseExpression } from '../sql/parser';
import { parseDuration } from '../common/duration';
import { exprToSql } from '../expr/print';
import { fail } from './errors';
import { ExprBinder } from './bind/expr';
import type { Scope } from './bind/scope';

/** One operator's (or one join input's) cleanup rule as the hint wrote it. */
export interface CleanupRule {
  /** Replaces the job's `table.exec.state.ttl` (and a STATE_TTL hint) for this state; null: keep. */
  ttlMs: number | null;
  ttlText: string | null;
  /** The parsed condition, its spans on the script; null when only a ttl was given. */
  condition: A.Expr | null;
  /** Where the rule was written, for warnings when nothing takes it. */
  span: Span;
  used: boolean;
}

/** A SELECT's STATE_CLEANUP: the aggregation's rule and one per join input alias. */
export interface CleanupHints {
  aggregate: CleanupRule | null;
  byAlias: Map<string, CleanupRule>;
}

export function emptyCleanupHints(): CleanupHints {
  return { aggregate: null, byAlias: new Map() };
}

const USAGE = `use 'ttl' and 'condition' for a group aggregation, '<input>.ttl' and '<input>.condition' for a join input, e.g. STATE_CLEANUP('o.condition' = 'status = ''SIGNED''')`;

/** Reads one STATE_CLEANUP hint into `into`; malformed options are located errors. */
export function readStateCleanup(h: A.Hint, into: CleanupHints): void {
  if (h.args.length === 0) fail(`STATE_CLEANUP needs options; ${USAGE}`, h.span, 'invalid-hint');
  for (const a of h.args) {
    if (a.key === undefined) fail(`STATE_CLEANUP takes 'key'='value' pairs; ${USAGE}`, a.span, 'invalid-hint');
    const key = a.key.trim().toLowerCase();
    const dot = key.lastIndexOf('.');
    const alias = dot < 0 ? null : key.slice(0, dot);
    const option = dot < 0 ? key : key.slice(dot + 1);
    if ((option !== 'ttl' && option !== 'condition') || alias === '') fail(`unknown STATE_CLEANUP option '${a.key}'; ${USAGE}`, a.span, 'invalid-hint');
    let rule = alias === null ? into.aggregate : into.byAlias.get(alias);
    if (rule === undefined || rule === null) {
      rule = { ttlMs: null, ttlText: null, condition: null, span: a.span, used: false };
      if (alias === null) into.aggregate = rule;
      else into.byAlias.set(alias, rule);
    }
    if (option === 'ttl') {
      const parsed = parseDuration(a.value);
      if (parsed === null) fail(`invalid duration '${a.value}' in STATE_CLEANUP; use e.g. '30 d', '12h', '10 min'`, a.valueSpan, 'invalid-hint');
      rule.ttlMs = Math.round(parsed);
      rule.ttlText = a.value.trim();
    } else {
      rule.condition = parseCondition(a);
    }
  }
}

/** Parses a condition's text; its spans (and any syntax error) are moved onto the script. */
function parseCondition(a: A.HintArg): A.Expr {
  if (a.value.trim() === '') fail(`the STATE_CLEANUP condition is empty; write a boolean expression, e.g. 'status = ''SOLD_OUT'''`, a.valueSpan, 'invalid-hint');
  const { expr, diagnostics } = parseExpression(a.value);
  const toScript = positionMapper(a);
  const error = diagnostics.find((d) => d.severity === 'error');
  if (error !== undefined || expr === null) {
    const span = error ? moveSpan(error.span, toScript) : a.valueSpan;
    fail(`in the STATE_CLEANUP condition: ${error?.message ?? 'expected an expression'}`, span, 'invalid-hint');
  }
  moveSpans(expr, toScript);
  return expr;
}

/**
 * Maps an offset in the hint value's text to its position in the script. The value was written
 * as a quoted string (each `'` doubled) or as a bare word; a value written any other way maps
 * every offset onto the start of the value.
 */
function positionMapper(a: A.HintArg): (offset: number) => Pos {
  const start = a.valueSpan.start;
  const written = a.valueSpan.end.offset - start.offset;
  const quotes = a.value.split("'").length - 1;
  const quoted = written === a.value.length + 2 + quotes;
  if (!quoted && written !== a.value.length) return () => start;
  return (offset) => {
    let pos: Pos = quoted ? { offset: start.offset + 1, line: start.line, column: start.column + 1 } : { ...start };
    for (let i = 0; i < offset && i < a.value.length; i++) {
      const ch = a.value[i]!;
      const width = quoted && ch === "'" ? 2 : 1;
      pos = ch === '\n' ? { offset: pos.offset + 1, line: pos.line + 1, column: 1 } : { offset: pos.offset + width, line: pos.line, column: pos.column + width };
    }
    return pos;
  };
}

function moveSpan(s: Span, toScript: (offset: number) => Pos): Span {
  return { start: toScript(s.start.offset), end: toScript(s.end.offset) };
}

function isSpan(x: unknown): x is Span {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Partial<Span>;
  return typeof s.start === 'object' && s.start !== null && typeof s.start.offset === 'number' && typeof s.end === 'object';
}

/** Rewrites every span in a parsed expression tree (an explicit stack: conditions may chain). */
function moveSpans(root: A.Expr, toScript: (offset: number) => Pos): void {
  const seen = new Set<object>();
  const stack: object[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (isSpan(v)) record[key] = moveSpan(v, toScript);
      else if (typeof v === 'object' && v !== null) stack.push(v);
    }
  }
}

/** Binds a cleanup condition over `scope` (the operator's columns as the condition names them). */
export function bindCleanupCondition(condition: A.Expr, scope: Scope): BoundExpr {
  return new ExprBinder(scope, 'STATE_CLEANUP').bindBoolean(condition, 'the STATE_CLEANUP condition');
}

/** `ttl=30 d, condition=[(sold >= 100)]` for an operator's label; `names` are the columns `condition` reads. */
export function cleanupLabel(ttlText: string | null, condition: BoundExpr | null, names: readonly string[]): string {
  const parts: string[] = [];
  if (ttlText !== null) parts.push(`ttl=${ttlText}`);
  if (condition !== null) parts.push(`condition=[${exprToSql(condition, names)}]`);
  return parts.join(', ');
}
