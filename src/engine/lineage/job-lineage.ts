// One job's column lineage, read off its physical plan: each node's output columns get the
// source columns they depend on (deps.ts), from its inputs' columns and what the node does with
// them; each node also carries the columns that decide which rows it emits (dataset-level, all
// INDIRECT). At the Sink they become edges into the table's columns.
import type { JobPlan, PlanNode, TableDef } from '../plan/index';
import type { BoundExpr } from '../expr/ir';
import { addComposed, composeAll, exprDeps, NO_DEPS, passThrough, readOf, type Deps } from './deps';
import {
  AGGREGATION,
  AGGREGATION_MASKED,
  FILTER,
  GROUP_BY,
  IDENTITY,
  JOIN,
  SORT,
  toTransformations,
  TRANSFORMATION,
  WINDOW,
  type Code,
} from './transformations';
import type { ColumnLineageEdge, DatasetLineageEdge, LineageOperator } from './types';

/** What a node emits: per output column its deps, and the deps deciding its rows. */
interface NodeLineage {
  cols: Deps[];
  rows: Deps;
}

export interface JobLineage {
  edges: ColumnLineageEdge[];
  datasetEdges: DatasetLineageEdge[];
}

/** `c` for every position in `keys` of `cols`, at operator `op`, into `into`. */
function addColumns(into: Deps, cols: readonly Deps[], keys: readonly number[], c: Code, op: number): void {
  for (const k of keys) addComposed(into, cols[k] ?? NO_DEPS, c, op);
}

function addExpr(into: Deps, e: BoundExpr | null, cols: readonly Deps[], c: Code, op: number): void {
  if (e) exprDeps(e, cols, c, op, into);
}

/** The columns a node's table holds, by position. */
function tableColumns(table: TableDef | undefined): string[] {
  return table ? table.schema.columns.map((c) => c.name) : [];
}

/** Derives one job's lineage; `table` resolves the tables its Sources, lookups and Sink name. */
export function jobLineage(job: JobPlan, table: (name: string) => TableDef | undefined): JobLineage {
  const done = new Map<number, NodeLineage>();
  const kinds = new Map<number, string>(job.nodes.map((n) => [n.id, n.kind]));
  const input = (n: PlanNode, i = 0): NodeLineage => done.get(n.inputs[i]!) ?? { cols: [], rows: NO_DEPS };
  const edges: ColumnLineageEdge[] = [];
  const datasetEdges: DatasetLineageEdge[] = [];
  const operators = (ids: Set<number>): LineageOperator[] =>
    [...ids].sort((a, b) => a - b).map((id) => ({ id, kind: kinds.get(id) ?? 'unknown' }));

  for (const n of job.nodes) {
    const op = n.id;
    let out: NodeLineage;
    switch (n.kind) {
      case 'Source': {
        const names = tableColumns(table(n.table));
        out = { cols: names.map((column) => readOf({ table: n.table, column }, op)), rows: new Map() };
        break;
      }
      case 'Values':
        out = { cols: n.schema.columns.map(() => new Map()), rows: new Map() };
        break;
      case 'Calc': {
        const from = input(n);
        const rows = passThrough(from.rows, op);
        addExpr(rows, n.filter, from.cols, FILTER, op);
        out = { cols: n.projections.map((p) => exprDeps(p, from.cols, IDENTITY, op)), rows };
        break;
      }
      case 'GroupAggregate': {
        const from = input(n);
        const rows = passThrough(from.rows, op);
        addColumns(rows, from.cols, n.groupKeys, GROUP_BY, op);
        const cols = [...n.groupKeys.map((k) => passThrough(from.cols[k] ?? NO_DEPS, op)), ...n.aggs.map((a) => aggDeps(a, from.cols, op))];
        // STATE_CLEANUP drops a group's state when its output row meets the condition.
        addExpr(rows, n.cleanupCondition, cols, FILTER, op);
        out = { cols, rows };
        break;
      }
      case 'Join':
      case 'IntervalJoin':
      case 'TemporalJoin':
      case 'WindowJoin': {
        const left = input(n, 0);
        const right = input(n, 1);
        const cols = [...left.cols, ...right.cols].map((d) => passThrough(d, op));
        const rows = composeAll([left.rows, right.rows], IDENTITY, op);
        addColumns(rows, left.cols, n.leftKeys, JOIN, op);
        addColumns(rows, right.cols, n.rightKeys, JOIN, op);
        addExpr(rows, n.residual, [...left.cols, ...right.cols], JOIN, op);
        if (n.kind === 'IntervalJoin' || n.kind === 'TemporalJoin') {
          addColumns(rows, left.cols, [n.leftTimeIndex], JOIN, op);
          addColumns(rows, right.cols, [n.rightTimeIndex], JOIN, op);
        } else if (n.kind === 'WindowJoin') {
          addColumns(rows, left.cols, [n.leftWindowEndIndex], JOIN, op);
          addColumns(rows, right.cols, [n.rightWindowEndIndex], JOIN, op);
        } else {
          addExpr(rows, n.leftCleanupCondition, left.cols, FILTER, op);
          addExpr(rows, n.rightCleanupCondition, right.cols, FILTER, op);
        }
        out = { cols, rows };
        break;
      }
      case 'LookupJoin': {
        const from = input(n);
        const names = tableColumns(table(n.table));
        const looked = names.map((column) => readOf({ table: n.table, column }, op));
        const cols = [...from.cols.map((d) => passThrough(d, op)), ...looked];
        const rows = passThrough(from.rows, op);
        addColumns(rows, from.cols, n.leftKeys, JOIN, op);
        addColumns(rows, looked, n.lookupKeys, JOIN, op);
        addExpr(rows, n.residual, [...from.cols, ...looked], JOIN, op);
        out = { cols, rows };
        break;
      }
      case 'WindowTableFunction': {
        const from = input(n);
        const time = from.cols[n.timeIndex] ?? NO_DEPS;
        const windowCols = n.schema.columns.slice(from.cols.length).map(() => composeAll([time], TRANSFORMATION, op));
        const rows = passThrough(from.rows, op);
        addComposed(rows, time, WINDOW, op);
        out = { cols: [...from.cols.map((d) => passThrough(d, op)), ...windowCols], rows };
        break;
      }
      case 'WindowAggregate': {
        const from = input(n);
        const keys = Array.from({ length: n.keyCount }, (_, i) => i);
        const rows = passThrough(from.rows, op);
        addColumns(rows, from.cols, keys, GROUP_BY, op);
        out = { cols: [...keys.map((k) => passThrough(from.cols[k] ?? NO_DEPS, op)), ...n.aggs.map((a) => aggDeps(a, from.cols, op))], rows };
        break;
      }
      case 'OverAggregate': {
        const from = input(n);
        // The window of each call: its partition and its ORDER BY time steer the value.
        const frame: Deps = new Map();
        addColumns(frame, from.cols, n.partitionKeys, WINDOW, op);
        addColumns(frame, from.cols, [n.timeIndex], SORT, op);
        const calls = n.aggs.map((a) => {
          const d = aggDeps(a, from.cols, op, a.fn === 'LAG' ? TRANSFORMATION : undefined);
          addComposed(d, frame, IDENTITY, op);
          return d;
        });
        out = { cols: [...from.cols.map((d) => passThrough(d, op)), ...calls], rows: passThrough(from.rows, op) };
        break;
      }
      case 'Rank':
      case 'WindowRank':
      case 'Deduplicate': {
        const from = input(n);
        // Which rows of a partition are kept: the partition and the order.
        const order: Deps = new Map();
        addColumns(order, from.cols, n.partitionKeys, WINDOW, op);
        if (n.kind === 'Deduplicate') addColumns(order, from.cols, [n.timeIndex], SORT, op);
        else
          addColumns(
            order,
            from.cols,
            n.sortKeys.map((k) => k.index),
            SORT,
            op,
          );
        if (n.kind === 'WindowRank') addColumns(order, from.cols, [n.windowEndIndex], WINDOW, op);
        const rows = passThrough(from.rows, op);
        addComposed(rows, order, IDENTITY, op);
        // The row number, when emitted, is made of the partition and the order alone.
        const extra = n.schema.columns.slice(from.cols.length).map(() => passThrough(order, op));
        out = { cols: [...from.cols.map((d) => passThrough(d, op)), ...extra], rows };
        break;
      }
      case 'Union': {
        const ins = n.inputs.map((id) => done.get(id) ?? { cols: [], rows: NO_DEPS });
        out = {
          cols: n.schema.columns.map((_, c) => composeAll(ins.map((i) => i.cols[c] ?? NO_DEPS), IDENTITY, op)),
          rows: composeAll(ins.map((i) => i.rows), IDENTITY, op),
        };
        break;
      }
      case 'DropRowKind': {
        const from = input(n);
        out = { cols: from.cols.map((d) => passThrough(d, op)), rows: passThrough(from.rows, op) };
        break;
      }
      case 'ToChangelog': {
        const from = input(n);
        // The op code column comes from the change's row kind, not from a column.
        out = { cols: n.order.map((i) => (i < 0 ? new Map() : passThrough(from.cols[i] ?? NO_DEPS, op))), rows: passThrough(from.rows, op) };
        break;
      }
      case 'MergeAction': {
        const from = input(n);
        const rows = passThrough(from.rows, op);
        const cols: Deps[] = Array.from({ length: n.targetWidth }, () => new Map());
        for (const clause of n.clauses) {
          // A clause's condition decides which action a joined row takes: it steers every column
          // the clause writes and, for a delete, which rows remain.
          if (clause.action === 'delete') addExpr(rows, clause.condition, from.cols, FILTER, op);
          clause.projections.forEach((p, j) => {
            const into = cols[j];
            if (!into) return;
            exprDeps(p, from.cols, IDENTITY, op, into);
            addExpr(into, clause.condition, from.cols, FILTER, op);
          });
        }
        out = { cols, rows };
        break;
      }
      case 'Sink': {
        const from = input(n);
        const names = tableColumns(table(n.table));
        from.cols.forEach((deps, i) => {
          const column = names[i];
          if (column === undefined) return;
          for (const dep of deps.values()) {
            edges.push({
              from: dep.from,
              to: { table: n.table, column },
              job: job.id,
              transformations: toTransformations(dep.codes),
              operators: operators(new Set(dep.ops).add(op)),
            });
          }
        });
        for (const dep of from.rows.values()) {
          datasetEdges.push({ from: dep.from, table: n.table, job: job.id, transformations: toTransformations(dep.codes), operators: operators(new Set(dep.ops).add(op)) });
        }
        out = { cols: [], rows: NO_DEPS };
        break;
      }
    }
    done.set(n.id, out);
  }
  return { edges, datasetEdges };
}

/**
 * An aggregate call's column: its argument aggregated (COUNT masks the values it counts, as
 * OpenLineage's Spark integration has it), its FILTER steering it. LAG copies a value from an
 * earlier row, a TRANSFORMATION.
 */
function aggDeps(a: { fn: string; arg: number | null; filter: number | null }, cols: readonly Deps[], op: number, kind?: Code): Deps {
  const out: Deps = new Map();
  const c = kind ?? (a.fn === 'COUNT' || a.fn === 'COUNT_STAR' ? AGGREGATION_MASKED : AGGREGATION);
  if (a.arg !== null) addComposed(out, cols[a.arg] ?? NO_DEPS, c, op);
  if (a.filter !== null) addComposed(out, cols[a.filter] ?? NO_DEPS, FILTER, op);
  return out;
}
