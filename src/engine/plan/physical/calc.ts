// Calc: filter, then project. A Calc over a Calc is merged into it (as Flink's FlinkCalcMergeRule
// does) and a Calc that would pass every row and column through unchanged is not planned.
import type { DataType } from '../../types';
import type { BoundExpr } from '../../expr/ir';
import { exprToSql, quoteIdent } from '../../expr/print';
import type { CalcNode, PlanNode } from '../graph';
import { andAll, substituteColumns } from '../bound-exprs';
import type { JobBuilder } from '../job';
import type { Rel, ScopeCol } from '../bind/scope';
import { keyThroughProjections, uniquify } from './columns';

/** What a filter + projection over an input becomes. */
export type CalcMatch =
  /** No filter and every column in place: the input itself. */
  | { kind: 'identity' }
  /** The input is a Calc: fold into it. */
  | { kind: 'merge'; lower: CalcNode }
  | { kind: 'new'; input: PlanNode };

export function matchCalc(job: JobBuilder, input: Rel, filter: BoundExpr | null, projections: BoundExpr[]): CalcMatch {
  const isIdentity = filter === null && projections.length === input.cols.length && projections.every((p, i) => p.op === 'col' && p.index === i);
  if (isIdentity) return { kind: 'identity' };
  const node = job.get(input.node);
  // Merging rewrites the lower Calc in place, so a Calc that other consumers read stays as it is.
  return node.kind === 'Calc' && !job.isShared(node.id) ? { kind: 'merge', lower: node } : { kind: 'new', input: node };
}

export interface CalcOptions {
  /**
   * Keep the input's column qualifiers and alias (a filter or extra key columns below a join or
   * an aggregate, where names must still resolve as before); otherwise the output columns are
   * unqualified and named by `names`.
   */
  keepQualifiers?: boolean;
}

/** Plans `SELECT projections FROM input WHERE filter`; returns the relation it produces. */
export function planCalc(job: JobBuilder, input: Rel, filter: BoundExpr | null, projections: BoundExpr[], names: string[], options: CalcOptions = {}): Rel {
  const keepQualifiers = options.keepQualifiers ?? false;
  const outCols = (types: DataType[]): ScopeCol[] =>
    keepQualifiers ? input.cols.map((c, i) => ({ ...c, type: types[i]! })) : names.map((n, i) => ({ name: n, qualifier: null, table: null, type: types[i]! }));
  const withAlias = (r: Rel): Rel => (keepQualifiers && input.alias !== undefined ? { ...r, alias: input.alias } : r);
  const match = matchCalc(job, input, filter, projections);
  if (match.kind === 'identity') return withAlias({ node: input.node, cols: outCols(projections.map((p) => p.type)) });
  const uniqueNames = uniquify(names);
  if (match.kind === 'merge') {
    // The upper Calc reads the lower one's projections.
    const lower = match.lower;
    const merged = projections.map((p) => substituteColumns(p, lower.projections));
    const mergedFilter = andAll([...(lower.filter ? [lower.filter] : []), ...(filter ? [substituteColumns(filter, lower.projections)] : [])]);
    const inputOfLower = job.get(lower.inputs[0]!);
    lower.filter = mergedFilter;
    lower.projections = merged;
    lower.schema = { columns: uniqueNames.map((n, i) => ({ name: n, type: merged[i]!.type })) };
    lower.uniqueKey = keyThroughProjections(inputOfLower.uniqueKey, merged);
    // A merged Calc that became an identity pick-list is still a valid node; keep it.
    return withAlias({ node: lower.id, cols: outCols(merged.map((p) => p.type)) });
  }
  const node = job.add<CalcNode>({
    kind: 'Calc',
    inputs: [input.node],
    schema: { columns: uniqueNames.map((n, i) => ({ name: n, type: projections[i]!.type })) },
    uniqueKey: keyThroughProjections(match.input.uniqueKey, projections),
    parallelism: job.parallelism,
    hints: [],
    // Labelled once the job is planned (labelCalcs): merges rewrite a Calc many times over.
    label: 'Calc',
    filter,
    projections,
  });
  return withAlias({ node: node.id, cols: outCols(projections.map((p) => p.type)) });
}

/**
 * Gives every Calc of a planned job its label. Done once at the end: printing the merged
 * expressions at each merge made a chain of n views cost n^2 in printing alone.
 */
export function labelCalcs(job: JobBuilder): void {
  for (const node of job.nodes) {
    if (node.kind !== 'Calc') continue;
    const inNames = job.get(node.inputs[0]!).schema.columns.map((c) => c.name);
    node.label = calcLabel(node.filter, node.projections, inNames, node.schema.columns.map((c) => c.name));
  }
}

function calcLabel(filter: BoundExpr | null, projections: BoundExpr[], inNames: string[], outNames: string[]): string {
  const items = projections.map((p, i) => {
    const text = exprToSql(p, inNames);
    const name = quoteIdent(outNames[i]!);
    return text === name ? text : `${text} AS ${name}`;
  });
  return `Calc(select=[${items.join(', ')}]${filter ? `, where=[${exprToSql(filter, inNames)}]` : ''})`;
}
