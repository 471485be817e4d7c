// WITH queries and views: named queries that are planned again wherever they are read (there is
// no shared sub-plan; Flink inlines them too).
import type * as A from '../../sql/ast';
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
  lookup(name: string): CteEntry | undefined;
}

const EMPTY_SCOPE: CteScope = { lookup: () => undefined };

export function emptyCteScope(): CteScope {
  return EMPTY_SCOPE;
}

/**
 * The scope inside `WITH a AS (...), b AS (...)`: each CTE sees the ones before it (not itself:
 * there is no recursion), and a CTE shadows an outer one of the same name. The scopes share one
 * index of the WITH's names, so a WITH of n queries costs O(n), not n copies of a map.
 */
export function withCtes(outer: CteScope, ctes: A.CommonTableExpr[]): CteScope {
  const entries: CteEntry[] = [];
  /** Positions in `ctes` by lower-cased name, ascending (a later one shadows an earlier one). */
  const positions = new Map<string, number[]>();
  const seeing = (count: number): CteScope => ({
    lookup(name) {
      const at = positions.get(name);
      if (at) for (let k = at.length - 1; k >= 0; k--) if (at[k]! < count) return entries[at[k]!];
      return outer.lookup(name);
    },
  });
  ctes.forEach((c, i) => {
    const key = c.name.name.toLowerCase();
    entries.push({ cte: c, scope: seeing(i) });
    const at = positions.get(key);
    if (at) at.push(i);
    else positions.set(key, [i]);
  });
  return seeing(ctes.length);
}

/**
 * How deep views and WITH queries are planned by plain recursion. A view or WITH query read this
 * many levels down is planned first, from the top of the stack (planFromTop), and read from that
 * plan; so chains of any length plan in bounded stack.
 */
export const EXPANSION_CUT_DEPTH = 100;

/** A view or WITH query whose body is to be planned: its syntax node keys pre-planned bodies. */
interface Expansion {
  key: A.CommonTableExpr | A.CreateViewStmt;
  plan(ctx: QueryContext): Rel;
}

/** Unwinds to the outermost expansion: `target` is nested too deep to plan here. */
class NestedTooDeep extends Error {
  constructor(readonly target: Expansion) {
    super('internal: a view or WITH query nested past the cut depth was not planned from the top');
  }
}

/**
 * Plans a table reference that names a CTE (first) or a view, under the reference's alias or the
 * query's name; returns null when it names neither (then it is a table).
 */
export function bindCteOrView(ctx: QueryContext, t: A.TableRef, scope: CteScope): Rel | null {
  const simple = t.name.parts.length <= 1;
  const key = t.name.name.toLowerCase();
  const cte = simple ? scope.lookup(key) : undefined;
  const view = simple && !cte ? ctx.catalog.view(key) : undefined;
  if (!cte && !view) return null;
  for (const h of t.hints) ctx.warn(`the ${h.name} hint applies to tables, not to ${cte ? 'a WITH query' : 'a view'}; it is ignored`, h.span, 'unknown-hint');
  const target: Expansion = cte
    ? { key: cte.cte, plan: (c) => c.query(cte.cte.query, cte.scope) }
    : { key: view!, plan: (c) => c.query(view!.query, emptyCteScope()) };
  let rel = ctx.preplanned.get(target.key);
  if (!rel) {
    if (ctx.expansionDepth >= EXPANSION_CUT_DEPTH) throw new NestedTooDeep(target);
    rel = ctx.expansionDepth === 0 ? planFromTop(ctx, target) : expand(ctx, target);
  }
  const aliases = cte ? cte.cte.columns : view!.columns;
  if (aliases) rel = renameColumns(rel, aliases, t.span);
  const name = cte ? cte.cte.name.name : tableNameOf(view!.name);
  const alias = t.alias?.name ?? name;
  return requalify(rel, alias, name);
}

/** Plans one level deeper on the stack. */
function expand(ctx: QueryContext, target: Expansion): Rel {
  ctx.expansionDepth++;
  try {
    return target.plan(ctx);
  } finally {
    ctx.expansionDepth--;
  }
}

/**
 * Plans an outermost view or WITH query reference. When its expansion reaches one nested
 * EXPANSION_CUT_DEPTH levels down, the attempt is undone (its nodes and warnings dropped), that
 * one is planned first the same way and kept in ctx.preplanned, and the attempt is made again:
 * the pending list, not the call stack, holds the chain. A pre-planned body is one node that all
 * its readers in the job share, as Flink's sub-plan reuse would have it; bodies nested less
 * deeply are planned once per read.
 */
function planFromTop(ctx: QueryContext, first: Expansion): Rel {
  const pending: Expansion[] = [first];
  for (;;) {
    const target = pending[pending.length - 1]!;
    let rel: Rel;
    try {
      rel = ctx.tentatively(() => expand(ctx, target));
    } catch (e) {
      if (!(e instanceof NestedTooDeep)) throw e;
      pending.push(e.target);
      continue;
    }
    pending.pop();
    if (pending.length === 0) return rel;
    ctx.job.share(rel.node);
    ctx.preplanned.set(target.key, rel);
  }
}
