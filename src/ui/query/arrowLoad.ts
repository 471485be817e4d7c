// Engine table data -> Arrow IPC for DuckDB. Values travel as Arrow columns (Float64, Int64, Bool,
// Utf8) and a CAST view gives each column the declared Flink type in DuckDB. Never JSON, never
// row-by-row INSERTs. BIGINT travels as Int64 and a DECIMAL of more than 15 digits as its exact
// text, so a 19-digit id or a DECIMAL(38, 10) arrives exact (the engine gives such values as
// bigints and decimal strings).
import { Bool, Float64, Int64, Table, Utf8, makeData, makeVector, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import type { ColumnInfo, TableData } from '../../engine/api';

type Raw = 'number' | 'int64' | 'decimal-text' | 'bool' | 'string';

function rawKind(flinkType: string): Raw {
  const t = flinkType.trim().toUpperCase();
  if (/^BIGINT\b/.test(t)) return 'int64';
  const dec = /^(?:DECIMAL|NUMERIC)\s*(?:\(\s*(\d+))?/.exec(t);
  if (dec) return Number(dec[1] ?? 10) > 15 ? 'decimal-text' : 'number';
  if (/^(TINYINT|SMALLINT|INT|INTEGER|FLOAT|DOUBLE)\b/.test(t)) return 'number';
  if (/^BOOLEAN\b/.test(t)) return 'bool';
  return 'string';
}

/** A number's exact plain text (String(1e-7) is '1e-7'; DuckDB's DECIMAL cast wants digits). */
export function plainNumberText(v: number): string {
  const s = String(v);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = m[2]! + (m[3] ?? '');
  const exp = Number(m[4]);
  if (exp < 0) return `${m[1]}0.${'0'.repeat(-exp - 1)}${digits}`;
  return m[1] + digits.padEnd(exp + 1, '0');
}

function int64Column(values: unknown[]): Vector {
  const data = new BigInt64Array(values.length);
  const valid = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) {
      nulls++;
      return;
    }
    data[i] = typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
    valid[i >> 3]! |= 1 << (i & 7);
  });
  return makeVector(makeData({ type: new Int64(), length: values.length, nullCount: nulls, nullBitmap: nulls > 0 ? valid : null, data }));
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
    case 'int64':
      return int64Column(values);
    case 'decimal-text':
      return vectorFromArray(
        values.map((v) => (v === null || v === undefined ? null : typeof v === 'number' ? plainNumberText(v) : String(v))),
        new Utf8(),
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
