// Source: a scan of a declared table. Every table reference that names a table (not a CTE or a
// view) is a scan, so there is nothing to match; OPTIONS hints are merged over the table's WITH
// options here, where the scan reads them.
import type { DataType } from '../../types';
import { quoteIdent } from '../../expr/print';
import type { SourceNode, TableDef } from '../graph';
import { pathOfTable } from '../bind/catalog';
import { getOwn } from '../errors';
import type { TableHints } from '../hints';
import type { JobBuilder } from '../job';
import type { Rel } from '../bind/scope';

/** Plans a scan of `table`, its columns qualified by `alias` (lower case). */
export function planSource(job: JobBuilder, table: TableDef, tableHints: TableHints, alias: string): Rel {
  const { optionOverrides, hints } = tableHints;
  const cols = table.schema.columns;
  const scanParallelism = Number(getOwn(optionOverrides, 'scan.parallelism') ?? getOwn(table.options, 'scan.parallelism'));
  const node = job.add<SourceNode>(
    {
      kind: 'Source',
      inputs: [],
      schema: table.schema,
      uniqueKey: table.primaryKeyIndices.length > 0 ? table.primaryKeyIndices : null,
      parallelism: Number.isInteger(scanParallelism) && scanParallelism > 0 ? scanParallelism : job.parallelism,
      hints,
      label: `TableSourceScan(table=[[${pathOfTable(table).split('.').join(', ')}, ${table.name}]], fields=[${cols.map((c) => quoteIdent(c.name)).join(', ')}])`,
      table: table.name,
      optionOverrides,
    },
    table,
  );
  if (!job.sourceTables.includes(table.name)) job.sourceTables.push(table.name);
  return {
    node: node.id,
    cols: cols.map((c, i) => ({ name: c.name, qualifier: alias, table: table.name, type: withTimeAttribute(table, i, c.type) })),
    alias,
  };
}

/**
 * A scan's column types as Flink's planner sees them: the WATERMARK column is a rowtime
 * attribute and a `PROCTIME()` computed column a proctime attribute (window TVFs, interval joins
 * and window aggregations need one); every other column is a plain value.
 */
function withTimeAttribute(table: TableDef, index: number, type: DataType): DataType {
  if (table.watermarkDef?.column === index) return { ...type, timeAttribute: 'rowtime' };
  const computed = table.computedColumns?.find((c) => c.index === index);
  if (computed && computed.expr.op === 'call' && computed.expr.fn === 'proctime') return { ...type, timeAttribute: 'proctime' };
  return type;
}
