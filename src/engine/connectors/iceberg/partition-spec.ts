// Partition specs (Iceberg spec "Partitioning"): identity fields and the day / hour transforms of
// timestamps. A spec turns a row into its partition tuple; files of one partition share it.
import { ConnectorError } from '../../errors';
import { rowKey } from '../../runtime/keys';
import type { Row, Value } from '../../types';
import { decimalToString } from '../../common/decimal';
import { columnIndex, type IcebergSchema } from './schema';

export type Transform = 'identity' | 'day' | 'hour';

export interface PartitionField {
  /** Column index in the schema (the spec's `source-id` is that column's field id). */
  readonly sourceColumn: number;
  readonly sourceId: number;
  /** Partition field ids start at 1000, as Iceberg assigns them. */
  readonly fieldId: number;
  /** `col` for identity, `col_day` / `col_hour` for the transforms (Iceberg's default names). */
  readonly name: string;
  readonly transform: Transform;
}

export interface PartitionSpec {
  readonly specId: number;
  readonly fields: readonly PartitionField[];
}

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/**
 * Parses `PARTITIONED BY` entries: `col` (identity), `day(col)` / `days(col)`, `hour(col)` /
 * `hours(col)` (Spark's and Iceberg's spellings).
 */
export function createPartitionSpec(
  table: string,
  schema: IcebergSchema,
  entries: readonly string[],
): PartitionSpec {
  const fields = entries.map((entry, i): PartitionField => {
    const m = /^\s*(days?|hours?)\s*\(\s*`?([^`)\s]+)`?\s*\)\s*$/i.exec(entry);
    const transform: Transform = m
      ? m[1]!.toLowerCase().startsWith('day')
        ? 'day'
        : 'hour'
      : 'identity';
    const columnName = m ? m[2]! : entry.trim().replace(/^`|`$/g, '');
    const sourceColumn = columnIndex(schema, columnName);
    if (sourceColumn < 0) {
      throw new ConnectorError({
        table,
        message: `table '${table}': partition column '${columnName}' is not a column`,
      });
    }
    const type = schema.columns[sourceColumn]!.type.name;
    if (
      transform !== 'identity' &&
      type !== 'TIMESTAMP' &&
      type !== 'TIMESTAMP_LTZ' &&
      !(transform === 'day' && type === 'DATE')
    ) {
      throw new ConnectorError({
        table,
        message: `table '${table}': cannot partition by ${transform}(${columnName}) of type ${type}`,
      });
    }
    const column = schema.columns[sourceColumn]!.name;
    return {
      sourceColumn,
      sourceId: schema.fieldIds[sourceColumn]!,
      fieldId: 1000 + i,
      name: transform === 'identity' ? column : `${column}_${transform}`,
      transform,
    };
  });
  return { specId: 0, fields };
}

export function isUnpartitioned(spec: PartitionSpec): boolean {
  return spec.fields.length === 0;
}

/** The partition value of one field: days / hours since the epoch for the transforms; NULL stays NULL. */
export function applyTransform(field: PartitionField, value: Value, sourceIsDate: boolean): Value {
  if (value === null || field.transform === 'identity') return value;
  const n = Number(value);
  if (field.transform === 'day') return sourceIsDate ? n : Math.floor(n / MS_PER_DAY);
  return Math.floor(n / MS_PER_HOUR);
}

/** A function from a table row to its partition tuple, built once per writer. */
export function partitionFunction(
  spec: PartitionSpec,
  schema: IcebergSchema,
): (row: Row) => Value[] {
  const fields = spec.fields;
  const sourceIsDate = fields.map((f) => schema.columns[f.sourceColumn]!.type.name === 'DATE');
  if (fields.length === 0) return () => [];
  return (row) =>
    fields.map((f, i) => applyTransform(f, row[f.sourceColumn] ?? null, sourceIsDate[i]!));
}

export function partitionKeyOf(partition: readonly Value[]): string {
  return rowKey(partition);
}

function isoDate(days: number): string {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Iceberg's human string of a partition value (`Transform.toHumanString`). */
export function humanPartitionValue(
  field: PartitionField,
  value: Value,
  schema: IcebergSchema,
): string {
  if (value === null) return 'null';
  if (field.transform === 'day') return isoDate(Number(value));
  if (field.transform === 'hour')
    return new Date(Number(value) * MS_PER_HOUR).toISOString().slice(0, 13).replace('T', '-');
  const type = schema.columns[field.sourceColumn]!.type.name;
  if (type === 'DATE') return isoDate(Number(value));
  if (type === 'TIMESTAMP' || type === 'TIMESTAMP_LTZ')
    return new Date(Number(value)).toISOString().slice(0, 23);
  if (type === 'DECIMAL') return decimalToString(value as number | bigint, schema.columns[field.sourceColumn]!.type.scale ?? 0);
  return String(value);
}

/** The directory of a partition under `data/`: `name=value/...` (PartitionSpec.partitionToPath). */
export function partitionPath(
  spec: PartitionSpec,
  schema: IcebergSchema,
  partition: readonly Value[],
): string {
  return spec.fields
    .map(
      (f, i) =>
        `${f.name}=${encodeURIComponent(humanPartitionValue(f, partition[i] ?? null, schema))}`,
    )
    .join('/');
}

/**
 * The partition tuple as JSON text for metadata tables: an object from partition field name to
 * value. Dates (day transform, identity DATE) are ISO dates and timestamps ISO strings, as
 * Iceberg's JSON single-value serialization writes them; hour values are hours since the epoch.
 */
export function partitionJson(
  spec: PartitionSpec,
  schema: IcebergSchema,
  partition: readonly Value[],
): string {
  const out: Record<string, Value> = {};
  spec.fields.forEach((f, i) => {
    const v = partition[i] ?? null;
    const type = schema.columns[f.sourceColumn]!.type.name;
    const dateLike =
      f.transform === 'day' ||
      (f.transform === 'identity' &&
        (type === 'DATE' || type === 'TIMESTAMP' || type === 'TIMESTAMP_LTZ'));
    // DECIMAL as a string, as Iceberg's JSON single-value serialization writes it.
    out[f.name] = v !== null && (dateLike || type === 'DECIMAL') ? humanPartitionValue(f, v, schema) : v;
  });
  // A BIGINT beyond 2^53 is a bigint: written as its exact digits.
  const fieldsText = Object.entries(out).map(([k, v]) => `${JSON.stringify(k)}:${typeof v === 'bigint' ? String(v) : JSON.stringify(v)}`);
  return `{${fieldsText.join(',')}}`;
}
