// Engine table data -> Arrow IPC for DuckDB. Values travel as Arrow columns (Float64, Bool, Utf8)
// and a CAST view gives each column the declared Flink type in DuckDB. Never JSON, never
// row-by-row INSERTs.
import { Bool, Float64, Table, Utf8, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import type { ColumnInfo, TableData } from '../../engine/api';

type Raw = 'number' | 'bool' | 'string';

function rawKind(flinkType: string): Raw {
  const t = flinkType.trim().toUpperCase();
  if (/^(TINYINT|SMALLINT|INT|INTEGER|BIGINT|FLOAT|DOUBLE|DECIMAL|NUMERIC)\b/.test(t)) return 'number';
  if (/^BOOLEAN\b/.test(t)) return 'bool';
  return 'string';
}

/** The DuckDB type for a Flink SQL type as the engine writes it. */
export function duckType(flinkType: string): string {
  const t = flinkType.trim().toUpperCase().replace(/\s+NOT\s+NULL$/, '');
  const m = /^(\w+)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?/.exec(t);
  const name = m?.[1] ?? t;
  switch (name) {
    case 'TINYINT':
    case 'SMALLINT':
    case 'BIGINT':
    case 'DOUBLE':
    case 'BOOLEAN':
    case 'DATE':
      return name;
    case 'INT':
    case 'INTEGER':
      return 'INTEGER';
    case 'FLOAT':
      return 'FLOAT';
    case 'DECIMAL':
    case 'NUMERIC': {
      const p = Math.min(Number(m?.[2] ?? 10), 38);
      const s = Number(m?.[3] ?? 0);
      return `DECIMAL(${p}, ${s})`;
    }
    case 'TIMESTAMP':
      return 'TIMESTAMP';
    case 'TIMESTAMP_LTZ':
      return 'TIMESTAMPTZ';
    case 'TIME':
      return 'TIME';
    default:
      return 'VARCHAR';
  }
}

function column(values: unknown[], kind: Raw): Vector {
  switch (kind) {
    case 'number':
      return vectorFromArray(
        values.map((v) => (v === null || v === undefined ? null : typeof v === 'number' ? v : Number(v))),
        new Float64(),
      );
    case 'bool':
      return vectorFromArray(
        values.map((v) => (v === null || v === undefined ? null : Boolean(v))),
        new Bool(),
      );
    default:
      return vectorFromArray(
        values.map((v) => (v === null || v === undefined ? null : String(v))),
        new Utf8(),
      );
  }
}

/** Columns are numbered (`c0`, `c1`, ...) in the IPC stream so any column name survives. */
export function tableDataToIPC(data: TableData): Uint8Array {
  const vectors: Record<string, Vector> = {};
  data.columns.forEach((col, i) => {
    vectors[`c${i}`] = column(
      data.rows.map((r) => r[i]),
      rawKind(col.type),
    );
  });
  if (data.columns.length === 0) return tableToIPC(new Table(), 'stream');
  return tableToIPC(new Table(vectors), 'stream');
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** SQL that turns the raw staged table into the named table with the declared types. */
export function castSelect(rawTable: string, columns: ColumnInfo[]): string {
  const cols = columns.map((c, i) => {
    const target = duckType(c.type);
    const src = `c${i}`;
    const expr = target === 'DOUBLE' || target === 'VARCHAR' || target === 'BOOLEAN' ? src : `CAST(${src} AS ${target})`;
    return `${expr} AS ${quoteIdent(c.name)}`;
  });
  return `SELECT ${cols.join(', ')} FROM ${quoteIdent(rawTable)}`;
}

/** Table names a query mentions, matched case-insensitively against the known tables. */
export function referencedTables(sql: string, known: readonly string[]): string[] {
  const stripped = sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
  const words = new Set<string>();
  for (const m of stripped.matchAll(/"((?:[^"]|"")+)"|`([^`]+)`|([A-Za-z_][\w$]*)/g)) {
    const w = (m[1] ?? m[2] ?? m[3] ?? '').toLowerCase();
    if (w) words.add(w);
  }
  return known.filter((t) => words.has(t.toLowerCase()));
}
