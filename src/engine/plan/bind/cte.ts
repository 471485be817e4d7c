// WITH queries and views: named queries that are planned again wherever they are read (there is
// no shared sub-plan; Flink inlines them too).
import type * as A from '../../sql/ast';
import { fail } from '../errors';
import { tableNameOf } from '../tables';
import type { QueryContext } from './context';
import { renameColumns, requalify, type Rel } from './scope';

/** A WITH query and the CTEs its own body sees. */
export interface CteEntry {
  cte: A.CommonTableExpr;
  scope: CteScope;
}

/** The WITH queries visible at a point of the script, by lower-cased name. */
export interface CteScope {
  ctes: Map<string, CteEntry>;
}

export function emptyCteScope(): CteScope {
  return { ctes: new Map() };
}

/**
 * The scope inside `WITH a AS (...), b AS (...)`: each CTE sees the ones before it (not itself:
 * there is no recursion), and a CTE shadows an outer one of the same name.
 */
export function withCtes(outer: CteScope, ctes: A.CommonTableExpr[]): CteScope {
  const visible = new Map(outer.ctes);
  for (const c of ctes) {
    const key = c.name.name.toLowerCase();
    visible.set(key, { cte: c, scope: { ctes: new Map(visible) } });
  }
  return { ctes: visible };
}

/**
 * How deep views and WITH queries may be defined over one another (docs/dialect.md). Each level
 * is planned by recursion; past this a located error, never a stack overflow.
 */
export const MAX_EXPANSION_DEPTH = 250;

/**
 * Plans a table reference that names a CTE (first) or a view, under the reference's alias or the
 * query's name; returns null when it names neither (then it is a table).
 */
export function bindCteOrView(ctx: QueryContext, t: A.TableRef, scope: CteScope): Rel | null {
  const simple = t.name.parts.length <= 1;
  const key = t.name.name.toLowerCase();
  const cte = simple ? scope.ctes.get(key) : undefined;
  const view = simple && !cte ? ctx.catalog.view(key) : undefined;
  if (!cte && !view) return null;
  for (const h of t.hints) ctx.warn(`the ${h.name} hint applies to tables, not to ${cte ? 'a WITH query' : 'a view'}; it is ignored`, h.span, 'unknown-hint');
  // Each view or WITH query read inside another is planned one level deeper on the stack.
  if (ctx.expansionDepth >= MAX_EXPANSION_DEPTH) {
    fail(`views and WITH queries are nested too deeply here (more than ${MAX_EXPANSION_DEPTH} levels, each defined over the next)`, t.span, 'too-deep');
  }
  ctx.expansionDepth++;
  let rel: Rel;
  try {
    rel = cte ? ctx.query(cte.cte.query, cte.scope) : ctx.query(view!.query, emptyCteScope());
  } finally {
    ctx.expansionDepth--;
  }
  const aliases = cte ? cte.cte.columns : view!.columns;
  if (aliases) rel = renameColumns(rel, aliases, t.span);
  const name = cte ? cte.cte.name.name : tableNameOf(view!.name);
  const alias = t.alias?.name ?? name;
  return requalify(rel, alias, name);
}
