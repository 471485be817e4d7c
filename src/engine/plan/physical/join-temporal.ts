// Temporal joins: `left JOIN versioned FOR SYSTEM_TIME AS OF left.time ON ...`, with the checks
// of Flink's TemporalJoinRewriteWithUniqueKeyRule, StreamPhysicalTemporalJoinRule and
// TemporalJoinUtil and their messages. On a rowtime attribute against a table with a primary
// key and a watermark it is an event-time temporal join (TemporalJoinNode). On a proctime
// attribute Flink runs only lookup joins (against a LookupTableSource: jdbc and filesystem here,
// see join-lookup.ts); against any other table Flink rejects it.
import type * as A from '../../sql/ast';
import type { BoundExpr } from '../../expr/ir';
import { exprToSql, quoteIdent } from '../../expr/print';
import { materialized } from '../../expr/typeutil';
import type { Column, Span } from '../../types';
import type { TemporalJoinNode } from '../graph';
import { andAll, shiftColumns } from '../bound-exprs';
import { fail } from '../errors';
import type { JobBuilder } from '../job';
import type { Rel } from '../bind/scope';
import { finishJoin, matchJoin, prepareJoinInputs, type JoinInputs } from './join';

/**
 * What the rule needs of the versioned side: a table, or a versioned view (a view or WITH query
 * whose plan has a unique key, e.g. a deduplication keeping the last row per key, as Flink's
 * docs define one), whose unique key stands for the primary key.
 */
export interface VersionedSide {
  name: string;
  connector: string;
  primaryKeyIndices: readonly number[];
  schema: { columns: readonly { name: string }[] };
  options?: Readonly<Record<string, string>>;
}

export interface TemporalMatch {
  kind: 'event-time';
  leftTimeIndex: number;
  rightTimeIndex: number;
}

/** Checks the AS OF time and the versioned table; `asOf` is bound over the left input. */
export function matchTemporalJoin(j: A.JoinItem, asOf: BoundExpr, asOfSpan: Span, right: Rel, table: VersionedSide): TemporalMatch | { kind: 'lookup' } {
  if (asOf.op !== 'col' || !asOf.type.timeAttribute) {
    fail("Temporal table join currently only supports 'FOR SYSTEM_TIME AS OF' left table's time attribute field", asOfSpan, 'unsupported');
  }
  // `FROM a, b FOR SYSTEM_TIME AS OF ... WHERE a.k = b.k` is an inner join, as Calcite reads it.
  if (j.joinType !== 'INNER' && j.joinType !== 'LEFT' && j.joinType !== 'CROSS') fail(`Temporal table join currently only supports INNER JOIN and LEFT JOIN, but was ${j.joinType} JOIN`, j.span, 'unsupported');
  if (asOf.type.timeAttribute === 'proctime') {
    // jdbc's JdbcRowDataLookupFunction, and the filesystem's FileSystemLookupFunction over a
    // file of plain rows (a changelog format's row kinds would have no meaning in a lookup).
    if (table.connector === 'jdbc') return { kind: 'lookup' };
    const format = Object.entries(table.options ?? {}).find(([k]) => k.toLowerCase() === 'format')?.[1]?.toLowerCase();
    if (table.connector === 'filesystem' && (format === 'csv' || format === 'json')) return { kind: 'lookup' };
    fail('Processing-time temporal join is not supported yet.', asOfSpan, 'unsupported');
  }
  if (table.primaryKeyIndices.length === 0) {
    fail('Event-Time Temporal Table Join requires both primary key and row time attribute in versioned table, but no primary key can be found.', j.right.span, 'unsupported');
  }
  const rightTimeIndex = right.cols.findIndex((c) => c.type.timeAttribute === 'rowtime');
  if (rightTimeIndex < 0) {
    fail('Event-Time Temporal Table Join requires both primary key and row time attribute in versioned table, but no row time attribute can be found.', j.right.span, 'unsupported');
  }
  return { kind: 'event-time', leftTimeIndex: asOf.index, rightTimeIndex };
}

/**
 * Plans the join: equalities are keys and must cover the versioned table's primary key; every
 * other condition, also one on the versioned side alone, is checked against the version found
 * (it cannot filter versions before the join, which would let an older version match).
 */
export function planTemporalJoin(job: JobBuilder, j: A.JoinItem, conditions: BoundExpr[], m: TemporalMatch, inputs: JoinInputs, table: VersionedSide, span: Span): Rel {
  const leftWidth = inputs.left.cols.length;
  const match = matchJoin(j, conditions, leftWidth, { keysRequired: false });
  match.residual.push(...match.rightFilters.map((f) => shiftColumns(f, leftWidth)), ...inputs.rightFilters.map((f) => shiftColumns(f, leftWidth)));
  match.rightFilters = [];
  const keyed = new Set(match.rightKeys.filter((k) => k >= 0));
  const pkNames = table.primaryKeyIndices.map((i) => table.schema.columns[i]!.name);
  if (!table.primaryKeyIndices.every((i) => keyed.has(i))) {
    const names = inputs.joinedCols.map((c) => c.name);
    const conditionText = conditions.map((c) => exprToSql(c, names, true)).join(' AND ') || 'true';
    fail(`Temporal table's primary key [${pkNames.join(', ')}] must be included in the equivalence condition of temporal join, but current temporal join condition is [${conditionText}].`, span, 'join-condition');
  }
  const prepared = prepareJoinInputs(job, match, { ...inputs, rightFilters: [] });
  const { leftKeys, rightKeys, residual, names, types, leftWidthWithKeys } = prepared;
  const joinType = match.joinType === 'LEFT' ? 'LEFT' : 'INNER';
  // The left time attribute passes through (a window can follow); the versioned side's is a plain value.
  const columns: Column[] = names.map((n, i) => {
    const t = i < leftWidthWithKeys ? types[i]! : materialized(types[i]!);
    return { name: n, type: joinType === 'LEFT' && i >= leftWidthWithKeys ? { ...t, nullable: true } : t };
  });
  const conds = [...leftKeys.map((l, i) => `=(${quoteIdent(names[l]!)}, ${quoteIdent(names[rightKeys[i]! + leftWidthWithKeys]!)})`), ...residual.map((r) => exprToSql(r, names, true))];
  const node = job.add<TemporalJoinNode>({
    kind: 'TemporalJoin',
    inputs: [prepared.left.node, prepared.right.node],
    schema: { columns },
    uniqueKey: null,
    parallelism: job.parallelism,
    hints: [],
    label: `TemporalJoin(joinType=[${joinType === 'LEFT' ? 'LeftOuterJoin' : 'InnerJoin'}], where=[${conds.join(' AND ')} AND __TEMPORAL_JOIN_CONDITION(${quoteIdent(names[m.leftTimeIndex]!)}, ${quoteIdent(names[m.rightTimeIndex + leftWidthWithKeys]!)}, __TEMPORAL_JOIN_CONDITION_PRIMARY_KEY(${pkNames.map(quoteIdent).join(', ')}))], select=[${names.map(quoteIdent).join(', ')}])`,
    joinType,
    leftKeys,
    rightKeys,
    residual: andAll(residual),
    leftTimeIndex: m.leftTimeIndex,
    rightTimeIndex: m.rightTimeIndex,
  });
  return finishJoin(job, node.id, columns, prepared, inputs);
}
