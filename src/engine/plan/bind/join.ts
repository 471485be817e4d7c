// Binding a join: its ON or USING condition over the joined row, the WHERE conjuncts it can
// take, then the physical join rule.
import type * as A from '../../sql/ast';
import type { BoundExpr } from '../../expr/ir';
import { mk } from '../../expr/typeutil';
import { fail } from '../errors';
import { claimJoinCleanup, claimStateTtl, type SelectHints } from '../hints';
import { bindCleanupCondition, type CleanupRule } from '../state-cleanup';
import { matchJoin, planJoin } from '../physical/join';
import { matchIntervalJoin, planIntervalJoin } from '../physical/join-interval';
import { matchWindowJoin, planWindowJoin } from '../physical/join-window';
import type { QueryContext } from './context';
import { ExprBinder, splitConjuncts } from './expr';
import type { Rel, ScopeCol } from './scope';
import { pushWhereIntoJoin, type PendingConjunct } from './where-pushdown';

/** Plans `left JOIN right` (both already planned); `pending` are the SELECT's WHERE conjuncts. */
export function bindJoin(ctx: QueryContext, j: A.JoinItem, left: Rel, right: Rel, pending: PendingConjunct[], hints: SelectHints): Rel {
  const leftWidth = left.cols.length;
  const joinedCols: ScopeCol[] = [...left.cols, ...right.cols.map((c) => ({ ...c }))];
  const conditions = bindJoinCondition(j, joinedCols, leftWidth);
  const pushed = pushWhereIntoJoin(pending, { cols: joinedCols }, leftWidth, j.joinType);
  conditions.push(...pushed.joinConditions);
  // An interval on time attributes makes it an interval join, whatever else the condition holds.
  const interval = matchIntervalJoin(conditions, leftWidth);
  const match = matchJoin(j, interval ? interval.remaining : conditions, leftWidth, { keysRequired: interval === null });
  const inputs = {
    left,
    right,
    joinedCols,
    leftFilters: [...pushed.leftFilters, ...match.leftFilters],
    rightFilters: [...pushed.rightFilters, ...match.rightFilters],
    leftStateTtlMs: claimStateTtl(hints, left.alias),
    rightStateTtlMs: claimStateTtl(hints, right.alias),
  };
  if (interval) return planIntervalJoin(ctx.job, match, interval.bounds, inputs, j.on?.span ?? j.span).rel;
  const windowJoin = matchWindowJoin(ctx.job, match, left, right);
  if (windowJoin) return planWindowJoin(ctx.job, match, windowJoin, inputs, j.on?.span ?? j.span);
  const { node, rel } = planJoin(ctx.job, match, {
    ...inputs,
    leftCleanup: sideCleanup(claimJoinCleanup(hints, left.alias), left),
    rightCleanup: sideCleanup(claimJoinCleanup(hints, right.alias), right),
  });
  hints.joins.push(node);
  return rel;
}

/** A join input's STATE_CLEANUP with its condition bound over that input's own row. */
function sideCleanup(rule: CleanupRule | null, side: Rel): { ttlMs: number | null; ttlText: string | null; condition: BoundExpr | null } | null {
  if (rule === null) return null;
  return { ttlMs: rule.ttlMs, ttlText: rule.ttlText, condition: rule.condition ? bindCleanupCondition(rule.condition, { cols: side.cols }) : null };
}

/**
 * The ON conjuncts, or one equality per USING column, over the joined row. USING hides the
 * right copy of each column (in `joinedCols`), so unqualified names and `*` see it once.
 */
export function bindJoinCondition(j: A.JoinItem, joinedCols: ScopeCol[], leftWidth: number): BoundExpr[] {
  const conditions: BoundExpr[] = [];
  if (j.on) {
    const binder = new ExprBinder({ cols: joinedCols }, 'ON');
    for (const c of splitConjuncts(j.on)) conditions.push(binder.bindBoolean(c, 'the join condition'));
  }
  if (j.using) {
    for (const id of j.using) {
      const find = (from: number, to: number) => {
        const idx = joinedCols.findIndex((c, i) => i >= from && i < to && !c.hidden && c.name.toLowerCase() === id.name.toLowerCase());
        if (idx < 0) fail(`USING column '${id.name}' is not a column of both sides`, id.span, 'unknown-column');
        return idx;
      };
      const li = find(0, leftWidth);
      const ri = find(leftWidth, joinedCols.length);
      joinedCols[ri] = { ...joinedCols[ri]!, hidden: true };
      conditions.push({
        op: 'call',
        fn: '=',
        args: [
          { op: 'col', index: li, type: joinedCols[li]!.type },
          { op: 'col', index: ri, type: joinedCols[ri]!.type },
        ],
        type: mk('BOOLEAN'),
      });
    }
  }
  return conditions;
}
