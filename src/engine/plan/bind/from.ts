// Binding FROM items: tables (scans), CTE and view references, subqueries and joins.
import type * as A from '../../sql/ast';
import { fail } from '../errors';
import { readTableHints, type SelectHints } from '../hints';
import { planSource } from '../physical/source';
import { matchWindowTvf, planWindowTvf } from '../physical/window-table-function';
import { matchToChangelog, planToChangelog } from '../physical/to-changelog';
import { ExprBinder } from './expr';
import type { QueryContext } from './context';
import { bindCteOrView, type CteScope } from './cte';
import { bindJoin } from './join';
import { bindTemporalJoin } from './temporal-join';
import { renameColumns, requalify, type Rel } from './scope';
import { offeredToJoinInputs, type PendingConjunct } from './where-pushdown';

/** Plans a FROM item; joins in it may take conjuncts of `pending` (the SELECT's WHERE). */
export function bindFrom(ctx: QueryContext, item: A.FromItem, ctes: CteScope, pending: PendingConjunct[], hints: SelectHints): Rel {
  switch (item.kind) {
    case 'TableRef':
      return bindTableRef(ctx, item, ctes);
    case 'SubqueryRef': {
      let rel = ctx.query(item.query, ctes);
      if (item.columnAliases) rel = renameColumns(rel, item.columnAliases, item.span);
      const alias = item.alias?.name;
      return requalify(rel, alias ?? null, alias ?? null);
    }
    case 'WindowTvf':
      return bindWindowTvf(ctx, item, ctes, hints);
    case 'ChangelogTvf': {
      const input = bindFrom(ctx, item.input, ctes, [], hints);
      return planToChangelog(ctx.job, input, matchToChangelog(item, input), item.alias?.name.toLowerCase() ?? null);
    }
    case 'Join': {
      const offered = offeredToJoinInputs(item.joinType, pending);
      const left = bindFrom(ctx, item.left, ctes, offered.left, hints);
      const versioned = item.right;
      // `JOIN t FOR SYSTEM_TIME AS OF left.time`: a temporal or lookup join (temporal-join.ts).
      if (versioned.kind === 'TableRef' && versioned.forSystemTimeAsOf) return bindTemporalJoin(ctx, item, versioned, left, () => bindTableRef(ctx, versioned, ctes, true), pending);
      const right = bindFrom(ctx, item.right, ctes, offered.right, hints);
      return bindJoin(ctx, item, left, right, pending, hints);
    }
  }
}

/** A windowing TVF: its data argument (a table, view, WITH query or subquery), then the TVF node. */
function bindWindowTvf(ctx: QueryContext, item: A.WindowTvfRef, ctes: CteScope, hints: SelectHints): Rel {
  const input = bindFrom(ctx, item.input, ctes, [], hints);
  const binder = new ExprBinder({ cols: [] }, 'window');
  const intervals = item.args.map((a) => binder.bind(a));
  const m = matchWindowTvf(ctx.job, item, input, intervals);
  return planWindowTvf(ctx.job, input, m, item.alias?.name.toLowerCase() ?? null);
}

function bindTableRef(ctx: QueryContext, t: A.TableRef, ctes: CteScope, versioned = false): Rel {
  if (t.forSystemTimeAsOf && !versioned) fail('FOR SYSTEM_TIME AS OF is only supported on the right side of a join (a temporal join)', t.forSystemTimeAsOf.span, 'unsupported');
  const named = bindCteOrView(ctx, t, ctes);
  // A view or WITH query on the versioned side is a versioned view (bind/temporal-join.ts checks its key).
  if (named) return versioned ? { ...named, namedQuery: true } : named;
  const table = ctx.catalog.lookupTable(t.name);
  const tableHints = readTableHints(t.hints, ctx.warn);
  return planSource(ctx.job, table, tableHints, (t.alias?.name ?? table.name).toLowerCase());
}
