// WHERE conjuncts and joins: a conjunct over one input of a join is applied below the join, and
// for inner joins an equality between the inputs becomes a join key and a bound between their
// time attributes becomes part of an interval join's condition (this is how
// `FROM a, b WHERE a.id = b.id` becomes a join). A conjunct taken this way is marked used; the
// SELECT still binds every conjunct over the whole FROM, to report ambiguity, and filters with
// the ones left.
import type * as A from '../../sql/ast';
import type { BoundExpr } from '../../expr/ir';
import { shiftColumns } from '../bound-exprs';
import { BindError } from '../errors';
import { computedEquiKey, equiKey, sideOf } from '../physical/join-keys';
import { isTimeBound } from '../physical/join-interval';
import { ExprBinder, splitConjuncts } from './expr';
import type { Scope } from './scope';

export interface PendingConjunct {
  expr: A.Expr;
  /** Taken by a join below (as a filter of one input or a key), so the SELECT does not filter on it again. */
  used: boolean;
}

export function pendingWhere(where: A.Expr | undefined): PendingConjunct[] {
  return where ? splitConjuncts(where).map((e) => ({ expr: e, used: false })) : [];
}

/** The conjuncts each input of a join may take: none into the side an outer join preserves. */
export function offeredToJoinInputs(joinType: A.JoinType, pending: PendingConjunct[]): { left: PendingConjunct[]; right: PendingConjunct[] } {
  return {
    left: joinType === 'INNER' || joinType === 'CROSS' || joinType === 'LEFT' ? pending : [],
    right: joinType === 'INNER' || joinType === 'CROSS' || joinType === 'RIGHT' ? pending : [],
  };
}

export interface WherePushdown {
  /** Filters over the left input. */
  leftFilters: BoundExpr[];
  /** Filters over the right input, at its own column positions. */
  rightFilters: BoundExpr[];
  /** Equalities between the inputs, over the joined row, to add to the join condition. */
  joinConditions: BoundExpr[];
}

/**
 * Takes the conjuncts this join can use. A conjunct that does not bind over the joined row
 * (it names a column of another FROM item) is left for the joins above.
 */
export function pushWhereIntoJoin(pending: PendingConjunct[], joined: Scope, leftWidth: number, joinType: A.JoinType): WherePushdown {
  const out: WherePushdown = { leftFilters: [], rightFilters: [], joinConditions: [] };
  if (joinType === 'FULL') return out;
  for (const p of pending) {
    if (p.used) continue;
    let b: BoundExpr;
    try {
      b = new ExprBinder(joined, 'WHERE').bindBoolean(p.expr, 'the WHERE condition');
    } catch (e) {
      if (e instanceof BindError) continue;
      throw e;
    }
    const side = sideOf(b, leftWidth);
    if (side === 'left' && joinType !== 'RIGHT') {
      out.leftFilters.push(b);
      p.used = true;
    } else if (side === 'right' && joinType !== 'LEFT') {
      out.rightFilters.push(shiftColumns(b, -leftWidth));
      p.used = true;
    } else if (side === 'both' && (joinType === 'INNER' || joinType === 'CROSS') && (equiKey(b, leftWidth) || computedEquiKey(b, leftWidth) || isTimeBound(b, leftWidth))) {
      out.joinConditions.push(b);
      p.used = true;
    }
  }
  return out;
}
