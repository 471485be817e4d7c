// Sink: writes the query's rows into the INSERT target. The query's columns are mapped onto the
// target's (all writable columns, or the listed ones, the rest NULL) and cast where the value
// changes; whether the target accepts the stream's changes is checked in changelog.ts.
import type * as A from '../../sql/ast';
import type { HintInfo } from '../../api';
import type { Span } from '../../types';
import { typeToString } from '../../types';
import type { BoundExpr } from '../../expr/ir';
import { quoteIdent } from '../../expr/print';
import { suggest } from '../../sql/diagnostics';
import type { SinkNode, TableDef } from '../graph';
import { fail, getOwn } from '../errors';
import { writableColumns } from '../tables';
import type { JobBuilder } from '../job';
import { pathOfTable } from '../bind/catalog';
import type { Rel } from '../bind/scope';
import { castForColumn, sinkAccepts } from './casts';

/** Validates the INSERT itself, before its query is planned: the target can be written this way. */
export function matchSink(target: TableDef, s: A.InsertStmt, overwrite: { batchMode: boolean; supported: boolean } = { batchMode: false, supported: false }): void {
  if (target.metadataOf) fail(`${target.name} is a metadata table of ${target.metadataOf.table} and can only be read`, s.table.span, 'read-only');
  if (target.connector === 'datagen') fail(`table ${target.name} uses the datagen connector, which can only be read`, s.table.span, 'read-only');
  if (s.overwrite && !overwrite.batchMode) {
    fail(
      "INSERT OVERWRITE is not supported in a streaming job (Flink rejects it too); run it in batch mode (SET 'execution.runtime-mode' = 'batch'), or use MERGE INTO to repair rows",
      s.span,
      'unsupported',
    );
  }
  if (s.overwrite && !overwrite.supported) {
    fail(`INSERT OVERWRITE requires that the underlying DynamicTableSink of table '${pathOfTable(target)}.${target.name}' implements the SupportsOverwrite interface (in Freshet: iceberg tables)`, s.span, 'unsupported');
  }
  if (s.partition && s.partition.length > 0) {
    fail('not supported yet: a static PARTITION (...) in INSERT; select the partition column values in the query instead', s.partition[0]!.span, 'unsupported');
  }
}

/**
 * One projection per target column over the query's output: the query column written there,
 * cast where needed, or a typed NULL for a column the INSERT does not list. `outputSpans` are the
 * query's select items (type errors point there), or null to point at the whole query.
 */
export function sinkProjections(target: TableDef, s: A.InsertStmt, query: Rel, outputSpans: Span[] | null): BoundExpr[] {
  const writable = writableColumns(target);
  let targets: number[];
  if (s.columns) {
    targets = [];
    for (const id of s.columns) {
      const i = target.schema.columns.findIndex((c) => c.name.toLowerCase() === id.name.toLowerCase());
      if (i < 0) {
        const sug = suggest(id.name, target.schema.columns.map((c) => c.name));
        fail(`unknown column '${id.name}' in table ${target.name}${sug ? `; did you mean '${sug}'?` : ''}`, id.span, 'unknown-column');
      }
      if (!writable.includes(i)) fail(`column '${id.name}' of ${target.name} is computed and cannot be written`, id.span, 'read-only');
      if (targets.includes(i)) fail(`column '${id.name}' is listed twice`, id.span, 'duplicate-column');
      targets.push(i);
    }
    if (query.cols.length !== targets.length) {
      fail(`INSERT INTO ${target.name} lists ${targets.length} columns but the query produces ${query.cols.length}`, s.source.span, 'column-count');
    }
  } else {
    targets = writable;
    if (query.cols.length !== targets.length) {
      fail(`INSERT INTO ${target.name} has ${targets.length} columns but the query produces ${query.cols.length}`, s.source.span, 'column-count');
    }
  }
  const sinkCols = target.schema.columns;
  const projections: BoundExpr[] = sinkCols.map((c) => ({ op: 'lit', value: null, type: { ...c.type, nullable: true } }) as BoundExpr);
  targets.forEach((ti, qi) => {
    const from = query.cols[qi]!.type;
    const to = sinkCols[ti]!.type;
    const span = outputSpans?.[qi] ?? s.source.span;
    if (!sinkAccepts(from, to)) {
      fail(`cannot write ${typeToString(from)} into column '${sinkCols[ti]!.name}' ${typeToString(to)} of ${target.name}`, span, 'type-mismatch');
    }
    projections[ti] = castForColumn({ op: 'col', index: qi, type: from }, to);
  });
  return projections;
}

/** Plans the Sink over `input`, whose columns are already the target's (see sinkProjections). */
export function planSink(job: JobBuilder, input: Rel, target: TableDef, hints: HintInfo[]): SinkNode {
  const sinkParallelism = Number(getOwn(target.options, 'sink.parallelism'));
  return job.add<SinkNode>({
    kind: 'Sink',
    inputs: [input.node],
    schema: target.schema,
    uniqueKey: target.primaryKeyIndices.length > 0 ? target.primaryKeyIndices : null,
    parallelism: Number.isInteger(sinkParallelism) && sinkParallelism > 0 ? sinkParallelism : job.parallelism,
    hints,
    label: `Sink(table=[${pathOfTable(target)}.${target.name}], fields=[${target.schema.columns.map((c) => quoteIdent(c.name)).join(', ')}])`,
    table: target.name,
  });
}
