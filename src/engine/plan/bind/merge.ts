// MERGE INTO (a Freshet batch extension, modelled on Iceberg/Spark MERGE): binds the statement
// into a join of target and source plus a MergeAction, as validation does in the talk:
//   - only WHEN MATCHED clauses      -> target INNER JOIN source
//   - only WHEN NOT MATCHED clauses  -> target RIGHT ANTI JOIN source (source rows without a match)
//   - both                           -> target RIGHT OUTER JOIN source (every source row, matched or not)
// Target rows no source row matches are never touched (there is no WHEN NOT MATCHED BY SOURCE),
// so the target is never the preserved side. MATCHED clauses read target and source columns; NOT
// MATCHED clauses read only the source (the target side is NULL there).
import type * as A from '../../sql/ast';
import type { BoundExpr } from '../../expr/ir';
import { exprToSql, quoteIdent } from '../../expr/print';
import { typeToString } from '../../types';
import { suggest } from '../../sql/diagnostics';
import type { JoinNode, MergeActionNode, MergeClausePlan, TableDef } from '../graph';
import { fail } from '../errors';
import { readSelectHints } from '../hints';
import { castForColumn, sinkAccepts } from '../physical/casts';
import { writableColumns } from '../tables';
import { emptyCteScope } from './cte';
import type { QueryContext } from './context';
import { ExprBinder } from './expr';
import { bindFrom } from './from';
import { unqualified, type Rel, type Scope, type ScopeCol } from './scope';

/** Which join a MERGE's clauses need. */
export type MergeJoin = 'inner' | 'anti' | 'outer';

export function mergeJoinKind(clauses: readonly A.MergeClause[]): MergeJoin {
  const matched = clauses.some((c) => c.matched);
  const notMatched = clauses.some((c) => !c.matched);
  return matched && notMatched ? 'outer' : matched ? 'inner' : 'anti';
}

/** Validates the target before anything is planned: MERGE needs a key to find target rows by. */
export function matchMerge(target: TableDef, s: A.MergeStmt): void {
  if (target.metadataOf) fail(`${target.name} is a metadata table of ${target.metadataOf.table} and can only be read`, s.target.span, 'read-only');
  if (target.primaryKeyIndices.length === 0) {
    fail(
      `MERGE INTO ${target.name} needs a PRIMARY KEY on the target (PRIMARY KEY (...) NOT ENFORCED): updates and deletes find target rows by it`,
      s.target.span,
      'merge-target',
    );
  }
}

/** Plans the join and the MergeAction; returns the MergeAction's output (the target's columns). */
export function bindMerge(ctx: QueryContext, s: A.MergeStmt, target: TableDef): Rel {
  const kind = mergeJoinKind(s.clauses);
  const hints = readSelectHints([], ctx.warn);
  const joinItem: A.JoinItem = { kind: 'Join', joinType: kind === 'inner' ? 'INNER' : 'RIGHT', left: s.target, right: s.source, on: s.on, span: s.span };
  const joined = bindFrom(ctx, joinItem, emptyCteScope(), [], hints);
  const joinNode = hints.joins[0] as JoinNode | undefined;
  if (joinNode === undefined) fail('MERGE INTO needs an equality between target and source in ON, e.g. ON t.id = s.id', s.on.span, 'join-condition');
  if (kind === 'anti') {
    joinNode.anti = true;
    joinNode.label = joinNode.label.replace('joinType=[RightOuterJoin]', 'joinType=[RightAntiJoin]');
  }
  const targetWidth = target.schema.columns.length;
  const matchedScope: Scope = { cols: joined.cols };
  // NOT MATCHED clauses see the source alone: the target's columns are out of reach by any name.
  const sourceScope: Scope = {
    cols: joined.cols.map((c, i): ScopeCol => (i < targetWidth ? { ...c, name: '', qualifier: '', hidden: true } : c)),
  };
  const clauses = s.clauses.map((c) => bindClause(c, c.matched ? matchedScope : sourceScope, target, targetWidth));

  // Labels name the joined row's columns as the join's label does (`qty`, `qty0`).
  const names = ctx.job.get(joined.node).schema.columns.map((c) => c.name);
  const node = ctx.job.add<MergeActionNode>({
    kind: 'MergeAction',
    inputs: [joined.node],
    schema: target.schema,
    uniqueKey: target.primaryKeyIndices,
    parallelism: 1,
    hints: [],
    label: `MergeAction(target=[${target.name}], key=[${target.primaryKey.map(quoteIdent).join(', ')}], actions=[${clauses.map((c) => clauseText(c, names, target)).join(', ')}])`,
    targetWidth,
    targetKey: target.primaryKeyIndices,
    clauses,
    onSpan: s.on.span,
  });
  return { node: node.id, cols: unqualified(target.schema.columns) };
}

function bindClause(c: A.MergeClause, scope: Scope, target: TableDef, targetWidth: number): MergeClausePlan {
  const binder = new ExprBinder(scope, 'MERGE');
  const condition = c.condition ? binder.bindBoolean(c.condition, `the WHEN ${c.matched ? '' : 'NOT '}MATCHED condition`) : null;
  const base = { matched: c.matched, condition, span: c.span };
  const columns = target.schema.columns;
  const keep = (): BoundExpr[] => columns.map((col, i): BoundExpr => ({ op: 'col', index: i, type: col.type }));
  const write = (projections: BoundExpr[], i: number, value: BoundExpr, span: A.Expr['span']) => {
    const to = columns[i]!.type;
    if (!sinkAccepts(value.type, to)) fail(`cannot write ${typeToString(value.type)} into column '${columns[i]!.name}' ${typeToString(to)} of ${target.name}`, span, 'type-mismatch');
    projections[i] = castForColumn(value, to);
  };
  const a = c.action;
  switch (a.kind) {
    case 'Delete':
      return { ...base, action: 'delete', projections: [] };
    case 'UpdateSet': {
      const projections = keep();
      const assigned = new Set<number>();
      for (const asg of a.assignments) {
        const i = columnIndex(target, asg.column);
        if (assigned.has(i)) fail(`column '${asg.column.name}' is assigned twice`, asg.column.span, 'duplicate-column');
        if (!writableColumns(target).includes(i)) fail(`column '${asg.column.name}' of ${target.name} is computed and cannot be written`, asg.column.span, 'read-only');
        assigned.add(i);
        write(projections, i, binder.bind(asg.value), asg.value.span);
      }
      return { ...base, action: 'update', projections };
    }
    case 'UpdateStar':
    case 'InsertStar': {
      // `*`: every target column from the source column of the same name (Spark's rule).
      const projections = a.kind === 'UpdateStar' ? keep() : nulls(target);
      for (const i of writableColumns(target)) {
        const name = columns[i]!.name.toLowerCase();
        const from = scope.cols.findIndex((col, j) => j >= targetWidth && !col.hidden && col.name.toLowerCase() === name);
        if (from < 0) {
          fail(
            `${a.kind === 'UpdateStar' ? 'UPDATE SET *' : 'INSERT *'} needs a source column named like every target column; the source has no column '${columns[i]!.name}'`,
            a.span,
            'column-count',
          );
        }
        write(projections, i, { op: 'col', index: from, type: scope.cols[from]!.type }, a.span);
      }
      return { ...base, action: a.kind === 'UpdateStar' ? 'update' : 'insert', projections };
    }
    case 'InsertValues': {
      const targets = a.columns ? a.columns.map((id) => columnIndex(target, id)) : writableColumns(target);
      if (new Set(targets).size !== targets.length) fail('a column is listed twice in INSERT', a.span, 'duplicate-column');
      if (a.values.length !== targets.length) fail(`INSERT lists ${targets.length} columns but ${a.values.length} values`, a.span, 'column-count');
      const projections = nulls(target);
      targets.forEach((i, v) => write(projections, i, binder.bind(a.values[v]!), a.values[v]!.span));
      for (const k of target.primaryKeyIndices) {
        if (!targets.includes(k)) fail(`INSERT must set the target's primary key column '${columns[k]!.name}'`, a.span, 'merge-target');
      }
      return { ...base, action: 'insert', projections };
    }
  }
}

function nulls(target: TableDef): BoundExpr[] {
  return target.schema.columns.map((c): BoundExpr => ({ op: 'lit', value: null, type: { ...c.type, nullable: true } }));
}

function columnIndex(target: TableDef, id: A.Ident): number {
  const i = target.schema.columns.findIndex((c) => c.name.toLowerCase() === id.name.toLowerCase());
  if (i < 0) {
    const sug = suggest(id.name, target.schema.columns.map((c) => c.name));
    fail(`unknown column '${id.name}' in table ${target.name}${sug ? `; did you mean '${sug}'?` : ''}`, id.span, 'unknown-column');
  }
  return i;
}

/** `MATCHED AND (...) -> UPDATE(qty = ...)`, for the label. */
function clauseText(c: MergeClausePlan, names: string[], target: TableDef): string {
  const when = `${c.matched ? 'MATCHED' : 'NOT MATCHED'}${c.condition ? ` AND ${exprToSql(c.condition, names)}` : ''}`;
  if (c.action === 'delete') return `${when} -> DELETE`;
  const cols = target.schema.columns;
  const sets = c.projections
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => !(c.action === 'update' && p.op === 'col' && p.index === i))
    .map(({ p, i }) => `${quoteIdent(cols[i]!.name)} = ${exprToSql(p, names)}`);
  return `${when} -> ${c.action === 'update' ? 'UPDATE' : 'INSERT'}(${sets.join(', ')})`;
}
