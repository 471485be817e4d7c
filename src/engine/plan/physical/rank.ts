// Rank and Deduplicate: `ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...)` whose result the
// enclosing query filters to the first N (`WHERE rn <= N`, `rn < N`, `rn = 1`), as Flink's
// FlinkLogicalRankRule turns an OVER with a rank filter into a Rank and
// StreamPhysicalDeduplicateRule makes a Rank of N = 1 ordered by a time attribute a Deduplicate
// (ascending: keep the first row, descending: keep the last); partitioned by window_start and
// window_end of a window TVF or window aggregation it is a WindowRank (window Top-N and window
// deduplication: insert-only, one result per window). matchRank checks and decides;
// planRank builds the node. Output = the input's columns, then the row number (BIGINT).
import type * as A from '../../sql/ast';
import type { BoundExpr } from '../../expr/ir';
import { quoteIdent } from '../../expr/print';
import { mk } from '../../expr/typeutil';
import type { Column } from '../../types';
import type { DeduplicateNode, RankNode, SortKey, WindowRankNode } from '../graph';
import { windowColumnOf } from './window-lineage';
import { fail } from '../errors';
import type { JobBuilder } from '../job';
import type { Rel } from '../bind/scope';

export interface RankMatch {
  partitionKeys: number[];
  sortKeys: SortKey[];
  rankEnd: number;
  /** Set when the partition holds window_start and window_end of a window: a window Top-N. */
  window: { endIndex: number; timeKind: 'rowtime' | 'proctime' } | null;
  /** Set when it is a deduplication. */
  dedup: { timeKind: 'rowtime' | 'proctime'; timeIndex: number; keepLastRow: boolean } | null;
}

/** The function calls Flink can plan as a Rank; the rest of OVER is not supported yet. */
export function isRowNumberOver(e: A.Expr): e is A.FunctionCall {
  return e.kind === 'FunctionCall' && e.name === 'ROW_NUMBER' && e.over !== undefined;
}

export function matchRank(job: JobBuilder, call: A.FunctionCall, input: Rel, partition: BoundExpr[], order: BoundExpr[], rankEnd: number | undefined): RankMatch {
  const over = call.over!;
  if (call.args.length > 0) fail('ROW_NUMBER takes no arguments', call.span, 'type-mismatch');
  if (rankEnd === undefined) {
    fail(
      'not supported: ROW_NUMBER() OVER (...) without a filter on its result; Flink runs it only as Top-N or deduplication: select it in a subquery and filter the outer query with WHERE rn <= N (or use QUALIFY ROW_NUMBER() OVER (...) <= N)',
      call.span,
      'unsupported',
    );
  }
  if (over.orderBy.length === 0) fail('ROW_NUMBER() OVER (...) needs an ORDER BY', over.span, 'unsupported');
  const column = (e: BoundExpr, span: A.Expr['span'], what: string): number => {
    if (e.op !== 'col') fail(`not supported yet: an expression in the ${what} of ROW_NUMBER() OVER; compute it as a column in a subquery first`, span, 'unsupported');
    return e.index;
  };
  const partitionKeys = partition.map((p, i) => column(p, over.partitionBy[i]!.span, 'PARTITION BY'));
  const sortKeys: SortKey[] = order.map((o, i) => {
    const item = over.orderBy[i]!;
    return { index: column(o, item.expr.span, 'ORDER BY'), descending: item.descending, nullsFirst: item.nullsFirst ?? !item.descending };
  });
  const window = windowPartition(job, input.node, partitionKeys);
  let dedup: RankMatch['dedup'] = null;
  const first = order[0]!;
  const changes = job.changes.of(input.node);
  if (!window && rankEnd === 1 && order.length === 1 && first.type.timeAttribute && !changes.updates && !changes.deletes) {
    dedup = { timeKind: first.type.timeAttribute, timeIndex: sortKeys[0]!.index, keepLastRow: sortKeys[0]!.descending };
  }
  return { partitionKeys, sortKeys, rankEnd, dedup, window };
}

/** A window Top-N when the input is insert-only and the partition holds both window_start and window_end (Flink's WindowRank rule). */
function windowPartition(job: JobBuilder, inputNode: number, partitionKeys: number[]): RankMatch['window'] {
  const changes = job.changes.of(inputNode);
  if (changes.updates || changes.deletes) return null;
  const roles = partitionKeys.map((k) => ({ k, origin: windowColumnOf(job, inputNode, k) }));
  const start = roles.find((r) => r.origin?.role === 'start');
  const end = roles.find((r) => r.origin?.role === 'end');
  if (!start || !end || end.origin!.spec.kind === 'SESSION') return null;
  return { endIndex: end.k, timeKind: end.origin!.spec.timeKind };
}

/** Plans the Rank or Deduplicate over `input`; its output is the input's columns and the row number. */
export function planRank(job: JobBuilder, m: RankMatch, input: Rel): Rel {
  const inputNode = job.get(input.node);
  const rnName = 'w0$o0';
  const columns: Column[] = [...inputNode.schema.columns, { name: rnName, type: mk('BIGINT', false) }];
  const names = inputNode.schema.columns.map((c) => quoteIdent(c.name));
  const partitionText = `partitionBy=[${m.partitionKeys.map((k) => names[k]).join(', ')}]`;
  const base = {
    inputs: [input.node],
    schema: { columns },
    uniqueKey: m.rankEnd === 1 ? m.partitionKeys.slice() : [...m.partitionKeys, columns.length - 1],
    parallelism: m.partitionKeys.length === 0 ? 1 : job.parallelism,
    hints: [],
    partitionKeys: m.partitionKeys,
    outputRankNumber: true,
  };
  let nodeId: number;
  if (m.window) {
    const order = m.sortKeys.map((k) => `${names[k.index]} ${k.descending ? 'DESC' : 'ASC'}`).join(', ');
    const node = job.add<WindowRankNode>({
      ...base,
      kind: 'WindowRank',
      uniqueKey: null,
      label: `WindowRank(window=[${m.window.timeKind}], rankType=[ROW_NUMBER], rankRange=[rankStart=1, rankEnd=${m.rankEnd}], ${partitionText}, orderBy=[${order}], select=[${[...names, rnName].join(', ')}])`,
      sortKeys: m.sortKeys,
      rankEnd: m.rankEnd,
      windowEndIndex: m.window.endIndex,
      timeKind: m.window.timeKind,
    });
    nodeId = node.id;
  } else if (m.dedup) {
    const node = job.add<DeduplicateNode>({
      ...base,
      kind: 'Deduplicate',
      label: `Deduplicate(keep=[${m.dedup.keepLastRow ? 'LastRow' : 'FirstRow'}], key=[${m.partitionKeys.map((k) => names[k]).join(', ')}], order=[${m.dedup.timeKind === 'rowtime' ? 'ROWTIME' : 'PROCTIME'}])`,
      keepLastRow: m.dedup.keepLastRow,
      timeKind: m.dedup.timeKind,
      timeIndex: m.dedup.timeIndex,
    });
    nodeId = node.id;
  } else {
    const order = m.sortKeys.map((k) => `${names[k.index]} ${k.descending ? 'DESC' : 'ASC'}`).join(', ');
    const node = job.add<RankNode>({
      ...base,
      kind: 'Rank',
      label: `Rank(strategy=[RetractStrategy], rankType=[ROW_NUMBER], rankRange=[rankStart=1, rankEnd=${m.rankEnd}], ${partitionText}, orderBy=[${order}], select=[${[...names, rnName].join(', ')}])`,
      sortKeys: m.sortKeys,
      rankEnd: m.rankEnd,
    });
    nodeId = node.id;
  }
  return { node: nodeId, cols: [...input.cols, { name: rnName, qualifier: null, table: null, type: mk('BIGINT', false), hidden: true }] };
}
