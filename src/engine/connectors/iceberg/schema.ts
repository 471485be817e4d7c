// A lake table's schema: the engine's columns with Iceberg field ids (1..n in column order, as a
// new table assigns them) and the identifier fields (the primary key), which Flink's sink uses as
// equality fields.
import { ConnectorError } from '../../errors';
import type { Column } from '../../types';

export interface IcebergSchema {
  readonly schemaId: number;
  readonly columns: readonly Column[];
  /** Field id of each column, by column index. */
  readonly fieldIds: readonly number[];
  /** Column indices of the identifier fields (empty without a primary key). */
  readonly identifierColumns: readonly number[];
}

export function createSchema(
  table: string,
  columns: readonly Column[],
  primaryKey: readonly string[] = [],
): IcebergSchema {
  const identifierColumns = primaryKey.map((name) => {
    const index = columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
    if (index < 0)
      throw new ConnectorError({
        table,
        message: `table '${table}': primary key column '${name}' is not a column`,
      });
    return index;
  });
  return {
    schemaId: 0,
    columns: columns.slice(),
    fieldIds: columns.map((_, i) => i + 1),
    identifierColumns,
  };
}

export function columnIndex(schema: IcebergSchema, name: string): number {
  return schema.columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
}

export function fieldIdsOf(schema: IcebergSchema, columns: readonly number[]): number[] {
  return columns.map((c) => schema.fieldIds[c]!);
}
