// Binding `left JOIN t FOR SYSTEM_TIME AS OF left.time [AS r] ON ...`: the AS OF expression over
// the left input, the ON condition and the WHERE conjuncts the join takes, then the rule: an
// event-time temporal join against a versioned table, or a lookup join against a jdbc table
// (which reads the table's store, so no Source is planned for it).
import type * as A from '../../sql/ast';
import { planLookupJoin } from '../physical/join-lookup';
import { matchTemporalJoin, planTemporalJoin, type VersionedSide } from '../physical/join-temporal';
import type { QueryContext } from './context';
import { ExprBinder } from './expr';
import { bindJoinCondition } from './join';
import type { Rel, ScopeCol } from './scope';
import { pushWhereIntoJoin, type PendingConjunct } from './where-pushdown';

export function bindTemporalJoin(ctx: QueryContext, j: A.JoinItem, t: A.TableRef, left: Rel, bindRight: () => Rel, pending: PendingConjunct[]): Rel {
  const asOfExpr = t.forSystemTimeAsOf!;
  const asOf = new ExprBinder({ cols: left.cols }, 'FOR SYSTEM_TIME AS OF').bind(asOfExpr);
  const beforeRight = ctx.job.mark();
  const right = bindRight();
  const table: VersionedSide = right.namedQuery ? versionedView(ctx, t, right) : ctx.catalog.lookupTable(t.name);
  const leftWidth = left.cols.length;
  const joinedCols: ScopeCol[] = [...left.cols, ...right.cols.map((c) => ({ ...c }))];
  const conditions = bindJoinCondition(j, joinedCols, leftWidth);
  const pushed = pushWhereIntoJoin(pending, { cols: joinedCols }, leftWidth, j.joinType);
  conditions.push(...pushed.joinConditions);
  const m = matchTemporalJoin(j, asOf, asOfExpr.span, right, table);
  const inputs = { left, right, joinedCols, leftFilters: pushed.leftFilters, rightFilters: pushed.rightFilters, leftStateTtlMs: null, rightStateTtlMs: null };
  if (m.kind === 'lookup') {
    // The dimension table is read by lookups, not scanned: drop the Source planned for it.
    ctx.job.rollback(beforeRight);
    // Still a table the job reads: its writers run first within a tick, and the canvas draws the edge.
    const dim = ctx.catalog.lookupTable(t.name);
    if (!ctx.job.sourceTables.includes(dim.name)) ctx.job.sourceTables.push(dim.name);
    return planLookupJoin(ctx.job, j, conditions, inputs, dim, j.on?.span ?? j.span);
  }
  return planTemporalJoin(ctx.job, j, conditions, m, inputs, table, j.on?.span ?? j.span);
}

/**
 * A versioned view (Flink: a view whose query has a unique key and keeps the event time): its
 * plan's unique key stands for the primary key. A view without one is rejected by the rule with
 * Flink's "no primary key" message.
 */
function versionedView(ctx: QueryContext, t: A.TableRef, right: Rel): VersionedSide {
  const node = ctx.job.get(right.node);
  return { name: t.name.name, connector: '', primaryKeyIndices: node.uniqueKey ?? [], schema: { columns: right.cols } };
}
