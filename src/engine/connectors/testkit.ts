// Helpers for storage and simulator tests: table definitions without the parser.
import type { TableDef } from '../plan/graph';
import type { DataType, TypeName } from '../types';
import { layerOf, typeToString } from '../types';
import { Random } from '../common/random';
import type { ReaderSpec, StoreContext } from './store';

const span = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };

/** `t('DECIMAL', 10, 2)` */
export function t(name: TypeName, precision?: number, scale?: number): DataType {
  const d: DataType = { name, nullable: true };
  if (precision !== undefined) d.precision = precision;
  if (scale !== undefined) d.scale = scale;
  return d;
}

export function tableDef(
  name: string,
  columns: [string, DataType][],
  options: Record<string, string>,
  primaryKey: string[] = [],
): TableDef {
  const cols = columns.map(([n, type]) => ({ name: n, type }));
  return {
    name,
    layer: layerOf(name),
    connector: options['connector'] ?? 'datagen',
    columns: cols.map((c) => ({ name: c.name, type: typeToString(c.type), nullable: c.type.nullable })),
    primaryKey,
    watermark: null,
    partitionedBy: [],
    options,
    comment: null,
    span,
    schema: { columns: cols },
    primaryKeyIndices: primaryKey.map((k) => cols.findIndex((c) => c.name === k)),
    watermarkDef: null,
  };
}

export function storeContext(def: TableDef, files: Record<string, string> = {}, seed = 1): StoreContext {
  return {
    def,
    epochMs: Date.UTC(2026, 0, 1),
    random: new Random(seed).fork('table:' + def.name),
    files,
    changelogMax: 1000,
    maxReadRows: 100000,
  };
}

export function readerSpec(options: Record<string, string> = {}, extra: Partial<ReaderSpec> = {}): ReaderSpec {
  return {
    jobId: 'job-1',
    nodeId: 0,
    options,
    random: new Random(7).fork('reader'),
    hasWriters: false,
    writersFinished: () => true,
    ...extra,
  };
}
