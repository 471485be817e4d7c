// Lookup joins: `JOIN dim FOR SYSTEM_TIME AS OF left.proctime ON left.k = dim.k` against a jdbc
// table, as Flink's LookupJoin (CommonPhysicalLookupJoin: the equalities on the table's columns
// are the lookup keys, the other conditions are checked on the rows found). The lookup cache
// comes from the table's options as Flink's JdbcDynamicTableFactory reads them: `lookup.cache`
// = PARTIAL with the `lookup.partial-cache.*` options, or the legacy `lookup.cache.max-rows`
// with `lookup.cache.ttl`.
import type * as A from '../../sql/ast';
import type { BoundExpr } from '../../expr/ir';
import { exprToSql, quoteIdent } from '../../expr/print';
import { materialized } from '../../expr/typeutil';
import { parseDuration } from '../../common/duration';
import type { Column, Span } from '../../types';
import type { LookupJoinNode, TableDef } from '../graph';
import { andAll, shiftColumns, shiftColumnsFrom } from '../bound-exprs';
import { fail } from '../errors';
import type { JobBuilder } from '../job';
import type { Rel } from '../bind/scope';
import { planCalc } from './calc';
import { identityProjections, range, uniquify } from './columns';
import { finishJoin, matchJoin, type JoinInputs, type PreparedJoin } from './join';

/** Plans the LookupJoin; `inputs.right` describes the table's columns (no node reads it). */
export function planLookupJoin(job: JobBuilder, j: A.JoinItem, conditions: BoundExpr[], inputs: JoinInputs, table: TableDef, span: Span): Rel {
  const leftWidth = inputs.left.cols.length;
  const rightWidth = table.schema.columns.length;
  const match = matchJoin(j, conditions, leftWidth, { keysRequired: false });
  const path = `${table.catalogPath ?? 'default_catalog.default_database'}.${table.name}`;
  if (match.rightKeyExprs.length > 0) fail(`not supported yet: an expression of ${table.name}'s columns as a lookup key; compare its columns themselves`, span, 'join-condition');
  if (match.leftKeys.length === 0) fail(`Temporal table join requires an equality condition on fields of table [${path}].`, span, 'join-condition');
  // Conditions on the table alone are checked on the rows a lookup finds.
  const residualOwn = [...match.residual, ...[...match.rightFilters, ...inputs.rightFilters].map((f) => shiftColumns(f, leftWidth))];
  const leftFilter = andAll([...inputs.leftFilters, ...match.leftFilters]);
  const extraLeft = match.leftKeyExprs.length;
  const left =
    leftFilter || extraLeft > 0
      ? planCalc(job, inputs.left, leftFilter, [...identityProjections(inputs.left.cols), ...match.leftKeyExprs], [...inputs.left.cols.map((c) => c.name), ...match.leftKeyExprs.map((_, i) => `$f${leftWidth + i}`)], { keepQualifiers: true })
      : inputs.left;
  const leftKeys = [...match.leftKeys];
  for (const k of match.computedKeys) if (k.leftExpr >= 0) leftKeys[k.keyPosition] = leftWidth + k.leftExpr;
  const residual = extraLeft > 0 ? residualOwn.map((e) => shiftColumnsFrom(e, leftWidth, extraLeft)) : residualOwn;
  const leftWidthWithKeys = leftWidth + extraLeft;
  const leftColumns = job.get(left.node).schema.columns;
  const names = uniquify([...leftColumns.map((c) => c.name), ...table.schema.columns.map((c) => c.name)]);
  const joinType = match.joinType === 'LEFT' ? 'LEFT' : 'INNER';
  const columns: Column[] = names.map((n, i) => {
    if (i < leftWidthWithKeys) return { name: n, type: leftColumns[i]!.type };
    const t = materialized(table.schema.columns[i - leftWidthWithKeys]!.type);
    return { name: n, type: joinType === 'LEFT' ? { ...t, nullable: true } : t };
  });
  const cache = lookupCache(table, span);
  const conds = [...leftKeys.map((l, i) => `=(${quoteIdent(names[l]!)}, ${quoteIdent(names[match.rightKeys[i]! + leftWidthWithKeys]!)})`), ...residual.map((r) => exprToSql(r, names, true))];
  const node = job.add<LookupJoinNode>({
    kind: 'LookupJoin',
    inputs: [left.node],
    schema: { columns },
    uniqueKey: null,
    parallelism: job.parallelism,
    hints: [],
    label: `LookupJoin(table=[${path}], joinType=[${joinType === 'LEFT' ? 'LeftOuterJoin' : 'InnerJoin'}], lookup=[${match.rightKeys.map((r, i) => `${table.schema.columns[r]!.name}=${names[leftKeys[i]!]}`).join(', ')}], where=[${conds.join(' AND ')}]${cache ? `, cache=[PARTIAL]` : ''}, select=[${names.map(quoteIdent).join(', ')}])`,
    table: table.name,
    joinType,
    leftKeys,
    lookupKeys: match.rightKeys,
    residual: andAll(residual),
    cache,
  });
  const prepared: Pick<PreparedJoin, 'visible' | 'names'> = { names, visible: [...range(0, leftWidth), ...range(leftWidthWithKeys, leftWidthWithKeys + rightWidth)] };
  return finishJoin(job, node.id, columns, prepared as PreparedJoin, inputs);
}

/** The cache options of a jdbc table, as Flink's JdbcDynamicTableFactory reads them; null: no cache. */
function lookupCache(table: TableDef, span: Span): LookupJoinNode['cache'] {
  const opts: Record<string, string> = {};
  for (const [k, v] of Object.entries(table.options)) opts[k.toLowerCase()] = v;
  const duration = (key: string): number | null => {
    const text = opts[key];
    if (text === undefined) return null;
    const ms = parseDuration(text);
    if (ms === null) fail(`option '${key}' must be a duration such as '10 min', not '${text}'`, span, 'option');
    return ms;
  };
  const count = (key: string): number | null => {
    const text = opts[key];
    if (text === undefined) return null;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) fail(`option '${key}' must be a non-negative integer, not '${text}'`, span, 'option');
    return n;
  };
  const bool = (key: string, fallback: boolean): boolean => (opts[key] === undefined ? fallback : opts[key]!.toLowerCase() === 'true');
  const kind = (opts['lookup.cache'] ?? 'NONE').toUpperCase();
  if (kind === 'FULL') fail("not supported yet: 'lookup.cache' = 'FULL' (the jdbc connector caches PARTIAL only)", span, 'unsupported');
  if (kind === 'PARTIAL') {
    return {
      maxRows: count('lookup.partial-cache.max-rows'),
      expireAfterWriteMs: duration('lookup.partial-cache.expire-after-write'),
      expireAfterAccessMs: duration('lookup.partial-cache.expire-after-access'),
      cacheMissingKey: bool('lookup.partial-cache.cache-missing-key', true),
    };
  }
  // The legacy options enable the cache when both are set (max-rows > 0, ttl > 0).
  const legacyRows = count('lookup.cache.max-rows');
  const legacyTtl = duration('lookup.cache.ttl');
  if (legacyRows !== null && legacyRows > 0 && legacyTtl !== null && legacyTtl > 0) {
    return { maxRows: legacyRows, expireAfterWriteMs: legacyTtl, expireAfterAccessMs: null, cacheMissingKey: bool('lookup.cache.caching-missing-key', true) };
  }
  return null;
}
