// Top-N and deduplication as Flink writes them: ROW_NUMBER() OVER (...) AS rn in a subquery,
// and the enclosing query's WHERE keeps `rn <= N` (or `rn < N`, `rn = 1`, `N >= rn`,
// `rn BETWEEN 1 AND N`). The outer query finds that condition before binding its FROM and tells
// the inner query its N (QueryContext.rankLimits); the condition is then satisfied by the Rank
// itself, as Flink folds it into the Rank's rankRange.
import type * as A from '../../sql/ast';
import { isRowNumberOver } from '../physical/rank';
import type { PendingConjunct } from './where-pushdown';

/** The integer value of a literal, or null. */
function integer(e: A.Expr): number | null {
  return e.kind === 'Literal' && e.type === 'number' && e.numberKind === 'integer' ? e.value : null;
}

/** Whether `e` names the column `name` (optionally qualified by `alias`). */
function names(e: A.Expr, name: string, alias: string | null): boolean {
  if (e.kind !== 'ColumnRef' || e.name.name.toLowerCase() !== name) return false;
  return !e.qualifier || (alias !== null && e.qualifier.name.toLowerCase() === alias);
}

/** The N a conjunct keeps rows up to, when it bounds the row number (`isRowNumber`) from above. */
function upperBound(c: A.Expr, isRowNumber: (e: A.Expr) => boolean): number | null {
  if (c.kind === 'Between' && !c.not && !c.symmetric && isRowNumber(c.expr) && integer(c.low) === 1) return integer(c.high);
  if (c.kind !== 'Binary') return null;
  const flipped: Record<string, string> = { '<=': '>=', '<': '>', '>=': '<=', '>': '<', '=': '=' };
  let op: string = c.op;
  let n: number | null;
  if (isRowNumber(c.left)) n = integer(c.right);
  else if (isRowNumber(c.right)) {
    n = integer(c.left);
    op = flipped[op] ?? '';
  } else return null;
  if (n === null) return null;
  if (op === '<=') return n;
  if (op === '<') return n - 1;
  if (op === '=' && n === 1) return 1;
  return null;
}

/**
 * When `s` reads a subquery that numbers its rows with ROW_NUMBER() OVER and its WHERE bounds
 * that number, records the bound for the subquery and marks the conjunct used.
 */
export function claimRankLimit(s: A.SelectQuery, pending: PendingConjunct[], limits: Map<A.Query, number>): void {
  const from = s.from;
  if (!from || from.kind !== 'SubqueryRef' || from.query.kind !== 'Select') return;
  const inner = from.query;
  const item = inner.items.find((i): i is A.SelectExprItem => i.kind === 'SelectExpr' && isRowNumberOver(i.expr) && i.alias !== undefined);
  if (!item) return;
  const name = item.alias!.name.toLowerCase();
  const alias = from.alias?.name.toLowerCase() ?? null;
  let best: number | null = null;
  for (const p of pending) {
    const n = upperBound(p.expr, (e) => names(e, name, alias));
    if (n === null) continue;
    best = best === null ? n : Math.min(best, n);
    p.used = true;
  }
  if (best !== null) limits.set(inner, Math.max(0, best));
}

/** What a QUALIFY clause ranks by: the ROW_NUMBER call (inline or a select item's) and its N. */
export interface QualifyRank {
  call: A.FunctionCall;
  /** The select item holding the call, when the query selects the row number. */
  item: A.SelectExprItem | null;
  rankEnd: number;
}

/** Reads `QUALIFY <bound on ROW_NUMBER() OVER (...)> [AND ...]`; other conditions are not supported yet. */
export function qualifyRank(s: A.SelectQuery, splitConjuncts: (e: A.Expr) => A.Expr[], fail: (message: string, span: A.Expr['span']) => never): QualifyRank {
  const qualify = s.qualify!;
  const items = s.items.filter((i): i is A.SelectExprItem => i.kind === 'SelectExpr' && isRowNumberOver(i.expr));
  let found: { call: A.FunctionCall; item: A.SelectExprItem | null } | null = null;
  const isRowNumber = (e: A.Expr): boolean => {
    if (isRowNumberOver(e)) {
      found ??= { call: e, item: items.find((i) => JSON.stringify(i.expr) === JSON.stringify(e)) ?? null };
      return true;
    }
    const item = e.kind === 'ColumnRef' && !e.qualifier ? items.find((i) => i.alias?.name.toLowerCase() === e.name.name.toLowerCase()) : undefined;
    if (item) found ??= { call: item.expr as A.FunctionCall, item };
    return item !== undefined;
  };
  let rankEnd: number | null = null;
  for (const c of splitConjuncts(qualify)) {
    const n = upperBound(c, isRowNumber);
    if (n === null) fail('not supported yet: QUALIFY other than an upper bound on ROW_NUMBER() OVER (...), such as QUALIFY ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) = 1', c.span);
    rankEnd = rankEnd === null ? n : Math.min(rankEnd, n);
  }
  return { ...found!, rankEnd: Math.max(0, rankEnd!) };
}
