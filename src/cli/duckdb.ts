// DuckDB-wasm in Node, for the runner's `--query` and the differential tests. Uses the
// node-blocking build (synchronous queries, no worker) with the wasm bundles from node_modules:
// nothing is downloaded.
//
// Tables are loaded as Arrow IPC with proper Arrow types derived from the Flink SQL column types
// (Int64 for BIGINT, Decimal128 for DECIMAL, Timestamp for TIMESTAMP, DateDay for DATE, ...),
// staged, then copied into a table created with the matching DuckDB types. Never JSON, never
// row-by-row INSERTs. Query results come back as plain JSON-able values in the engine's format.
import { decimalToString, fromUnscaled, parseDecimalText, roundParsed } from '../engine/common/decimal';
import { canonicalLong } from '../engine/common/int64';
import { createRequire } from 'node:module';
import type { TypeName } from '../engine/types';
import path from 'node:path';
import {
  Bool,
  DataType,
  DateDay,
  Decimal,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  Table,
  Timestamp,
  TimeUnit,
  Type,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import type * as DuckBlocking from '@duckdb/duckdb-wasm/blocking';

export interface DuckColumn {
  name: string;
  /** A Flink SQL type as written: `BIGINT`, `DECIMAL(10, 2)`, `TIMESTAMP(3)`, `STRING`, ... */
  type: string;
}

export interface DuckResult {
  columns: string[];
  /** `DECIMAL` for decimal columns (whose wide values are exact text, see plainValue), else ''. */
  types: string[];
  rows: unknown[][];
}

export interface Duck {
  /** Creates (or replaces) table `name` with `columns` and loads `rows` through Arrow IPC. */
  loadTable(name: string, columns: readonly DuckColumn[], rows: readonly (readonly unknown[])[]): void;
  /** Runs SQL; results as plain values (see `plainValue`). */
  query(sql: string): DuckResult;
  close(): void;
}

export interface DuckTableInput {
  columns: DuckColumn[];
  rows: unknown[][];
}

// ---- Flink types --------------------------------------------------------------------------

/** The engine's type names that DuckDB loads as typed columns (VARCHAR and CHAR load as STRING). */
type Kind = Exclude<TypeName, 'VARCHAR' | 'CHAR' | 'INTERVAL' | 'NULL'>;

interface ParsedType {
  kind: Kind;
  precision: number;
  scale: number;
}

/** Parses a Flink SQL type string (`DECIMAL(10, 2) NOT NULL`, `TIMESTAMP(3)`, `VARCHAR(20)`). */
export function parseFlinkType(text: string): ParsedType {
  const t = text
    .trim()
    .toUpperCase()
    .replace(/\s+NOT\s+NULL$/, '')
    .replace(/\s+NULL$/, '');
  const m = /^([A-Z_]+(?:\s+WITH\s+LOCAL\s+TIME\s+ZONE)?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?(\s+WITH\s+LOCAL\s+TIME\s+ZONE)?$/.exec(t);
  if (!m) throw new Error(`unsupported column type '${text}'`);
  let name = m[1]!.replace(/\s+/g, ' ');
  if (m[4] || name.endsWith('WITH LOCAL TIME ZONE')) name = 'TIMESTAMP_LTZ';
  const p = m[2] === undefined ? undefined : Number(m[2]);
  const s = m[3] === undefined ? undefined : Number(m[3]);
  switch (name) {
    case 'BOOLEAN':
    case 'TINYINT':
    case 'SMALLINT':
    case 'BIGINT':
    case 'FLOAT':
    case 'DOUBLE':
    case 'DATE':
      return { kind: name, precision: 0, scale: 0 };
    case 'INT':
    case 'INTEGER':
      return { kind: 'INT', precision: 0, scale: 0 };
    case 'REAL':
      return { kind: 'FLOAT', precision: 0, scale: 0 };
    case 'DECIMAL':
    case 'DEC':
    case 'NUMERIC':
      return { kind: 'DECIMAL', precision: Math.min(p ?? 10, 38), scale: s ?? 0 };
    case 'STRING':
    case 'VARCHAR':
    case 'CHAR':
      return { kind: 'STRING', precision: 0, scale: 0 };
    case 'TIMESTAMP':
      return { kind: 'TIMESTAMP', precision: p ?? 6, scale: 0 };
    case 'TIMESTAMP_LTZ':
      return { kind: 'TIMESTAMP_LTZ', precision: p ?? 6, scale: 0 };
    default:
      throw new Error(`unsupported column type '${text}'`);
  }
}

/**
 * A column's type for loading: types DuckDB gets no typed column for (INTERVAL, ARRAY, ROW, ...)
 * load as text, so one exotic column never stops a query over the other tables.
 */
function loadType(flinkType: string): ParsedType {
  try {
    return parseFlinkType(flinkType);
  } catch {
    return { kind: 'STRING', precision: 0, scale: 0 };
  }
}

/** The DuckDB type of a Flink SQL type (VARCHAR for types loaded as text). */
export function duckTypeOf(flinkType: string): string {
  const t = loadType(flinkType);
  switch (t.kind) {
    case 'INT':
      return 'INTEGER';
    case 'DECIMAL':
      return `DECIMAL(${t.precision}, ${t.scale})`;
    case 'STRING':
      return 'VARCHAR';
    case 'TIMESTAMP':
      return 'TIMESTAMP';
    case 'TIMESTAMP_LTZ':
      return 'TIMESTAMPTZ';
    default:
      return t.kind;
  }
}

// ---- JS values -> Arrow -------------------------------------------------------------------

const TS_RE = /^\s*(-?\d{4,})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?\s*(?:Z)?\s*$/;

/** 'YYYY-MM-DD HH:MM:SS[.ffffff]' (UTC wall time) -> microseconds since 1970, as a BigInt. */
export function parseTimestampMicros(text: string): bigint {
  const m = TS_RE.exec(text);
  if (!m) throw new Error(`not a timestamp: '${text}'`);
  const days = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
  const secs = (m[4] ? Number(m[4]) : 0) * 3600 + (m[5] ? Number(m[5]) : 0) * 60 + (m[6] ? Number(m[6]) : 0);
  const frac = m[7] ? Number((m[7] + '000000').slice(0, 6)) : 0;
  return (BigInt(days) * 86_400n + BigInt(secs)) * 1_000_000n + BigInt(frac);
}

function toTimestampMicros(v: unknown): bigint {
  if (typeof v === 'string') return parseTimestampMicros(v);
  if (typeof v === 'number') return BigInt(Math.round(v * 1000)); // ms since 1970
  if (typeof v === 'bigint') return v * 1000n;
  if (v instanceof Date) return BigInt(v.getTime()) * 1000n;
  throw new Error(`not a timestamp: ${String(v)}`);
}

function toDays(v: unknown): number {
  if (typeof v === 'number') return v; // days since 1970
  if (v instanceof Date) return Math.floor(v.getTime() / 86_400_000);
  if (typeof v === 'string') {
    const m = /^\s*(-?\d{4,})-(\d{1,2})-(\d{1,2})\s*$/.exec(v);
    if (!m) throw new Error(`not a date: '${v}'`);
    return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
  }
  throw new Error(`not a date: ${String(v)}`);
}

/** A decimal number or numeric string -> its unscaled value at `scale`, rounded half away from zero. */
export function unscaledDecimal(v: unknown, scale: number): bigint {
  // A number by the shortest text naming the double (what the engine's number means), not its binary expansion.
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : null) : typeof v === 'bigint' ? v.toString() : typeof v === 'string' ? v.trim() : null;
  const parsed = text === null ? null : parseDecimalText(text);
  if (parsed === null) throw new Error(`not a decimal: '${String(v)}'`);
  return roundParsed(parsed, scale);
}

function validity(values: readonly unknown[]): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) nulls++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  });
  return { bitmap, nulls };
}

function fixedWidth<T extends DataType>(type: T, data: ArrayLike<unknown>, values: readonly unknown[]): Vector<T> {
  const { bitmap, nulls } = validity(values);
  return makeVector(
    makeData({ type, length: values.length, nullCount: nulls, nullBitmap: nulls > 0 ? bitmap : null, data } as never) as never,
  ) as Vector<T>;
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new Error(`not a number: ${String(v)}`);
}

function toBigInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new Error(`not an integer: ${v}`);
    return BigInt(v);
  }
  if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return BigInt(v.trim());
  throw new Error(`not an integer: ${String(v)}`);
}

const isNull = (v: unknown): boolean => v === null || v === undefined;

/** One Arrow column of `type` from JS values (NULL as null/undefined). */
export function arrowColumn(flinkType: string, values: readonly unknown[]): Vector {
  const t = loadType(flinkType);
  const n = values.length;
  switch (t.kind) {
    case 'BOOLEAN':
      return vectorFromArray(
        values.map((v) => (isNull(v) ? null : v === true || v === 'true' || v === 1)),
        new Bool(),
      );
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT': {
      const Ctor = t.kind === 'TINYINT' ? Int8Array : t.kind === 'SMALLINT' ? Int16Array : Int32Array;
      const data = new Ctor(n);
      values.forEach((v, i) => {
        if (!isNull(v)) data[i] = Number(toBigInt(v));
      });
      const type = t.kind === 'TINYINT' ? new Int8() : t.kind === 'SMALLINT' ? new Int16() : new Int32();
      return fixedWidth(type as DataType, data, values);
    }
    case 'BIGINT': {
      const data = new BigInt64Array(n);
      values.forEach((v, i) => {
        if (!isNull(v)) data[i] = toBigInt(v);
      });
      return fixedWidth(new Int64(), data, values);
    }
    case 'FLOAT':
    case 'DOUBLE': {
      const data = t.kind === 'FLOAT' ? new Float32Array(n) : new Float64Array(n);
      values.forEach((v, i) => {
        if (!isNull(v)) data[i] = toNumber(v);
      });
      return fixedWidth(t.kind === 'FLOAT' ? new Float32() : new Float64(), data, values);
    }
    case 'DECIMAL': {
      // Decimal128: four little-endian 32-bit words per value, two's complement.
      const data = new Uint32Array(n * 4);
      const mask = (1n << 32n) - 1n;
      values.forEach((v, i) => {
        if (isNull(v)) return;
        let u = unscaledDecimal(v, t.scale);
        if (u < 0n) u += 1n << 128n;
        for (let w = 0; w < 4; w++) data[i * 4 + w] = Number((u >> BigInt(32 * w)) & mask);
      });
      return fixedWidth(new Decimal(t.scale, t.precision, 128), data, values);
    }
    case 'DATE': {
      const data = new Int32Array(n);
      values.forEach((v, i) => {
        if (!isNull(v)) data[i] = toDays(v);
      });
      return fixedWidth(new DateDay(), data, values);
    }
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ': {
      const data = new BigInt64Array(n);
      values.forEach((v, i) => {
        if (!isNull(v)) data[i] = toTimestampMicros(v);
      });
      return fixedWidth(new Timestamp(TimeUnit.MICROSECOND, t.kind === 'TIMESTAMP_LTZ' ? 'UTC' : null), data, values);
    }
    case 'STRING':
      return vectorFromArray(
        values.map((v) => (isNull(v) ? null : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v))),
        new Utf8(),
      );
  }
}

/** Arrow IPC stream of the rows; columns are named `c0`, `c1`, ... so any column name survives. */
export function rowsToIPC(columns: readonly DuckColumn[], rows: readonly (readonly unknown[])[]): Uint8Array {
  const vectors: Record<string, Vector> = {};
  columns.forEach((col, i) => {
    vectors[`c${i}`] = arrowColumn(
      col.type,
      rows.map((r) => r[i]),
    );
  });
  return tableToIPC(new Table(vectors), 'stream');
}

// ---- Arrow -> plain values ----------------------------------------------------------------

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatDate(ms: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return `${y < 0 ? '-' + pad(-y, 4) : pad(y, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** ms since 1970 -> `YYYY-MM-DD HH:MM:SS`, plus `.fff` when the milliseconds are not zero. */
export function formatTimestamp(ms: number): string {
  const t = Math.floor(ms);
  const d = new Date(t);
  const base = `${formatDate(t)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  const frac = d.getUTCMilliseconds();
  return frac === 0 ? base : `${base}.${pad(frac, 3)}`;
}

/** A decimal as the engine gives DECIMAL: a number when exact as one, else its exact text. */
function decimalToPlain(raw: unknown, scale: number): number | bigint | string {
  let unscaled: bigint;
  if (typeof raw === 'bigint') unscaled = raw;
  else if (typeof raw === 'number') return raw / Math.pow(10, scale);
  else if (raw && typeof raw === 'object' && 'length' in raw) {
    // A BigNum over little-endian 32-bit words, two's complement.
    const words = raw as ArrayLike<number>;
    unscaled = 0n;
    for (let w = words.length - 1; w >= 0; w--) unscaled = (unscaled << 32n) | BigInt(words[w]! >>> 0);
    const bits = BigInt(words.length * 32);
    if (words.length > 0 && (words[words.length - 1]! & 0x80000000) !== 0) unscaled -= 1n << bits;
  } else throw new Error(`unexpected decimal value ${String(raw)}`);
  const value = fromUnscaled(unscaled, scale);
  return typeof value === 'number' ? value : decimalToString(value, scale);
}

interface ArrowTypeLike {
  typeId: number;
  scale?: number;
}

/**
 * One Arrow value as the engine's API gives values: BigInt -> number when safe, else the bigint;
 * DECIMAL -> number when exact as one, else its exact text; TIMESTAMP -> `YYYY-MM-DD HH:MM:SS[.fff]`; DATE -> `YYYY-MM-DD`;
 * non-finite floats -> 'NaN' / 'Infinity' / '-Infinity' (as the engine writes them).
 */
export function plainValue(value: unknown, type: ArrowTypeLike): unknown {
  if (value === null || value === undefined) return null;
  switch (type.typeId) {
    case Type.Decimal:
      return decimalToPlain(value, type.scale ?? 0);
    case Type.Timestamp:
      return formatTimestamp(typeof value === 'bigint' ? Number(value) : Number(value));
    case Type.Date:
      return formatDate(value instanceof Date ? value.getTime() : Number(value));
    case Type.Float:
      return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
    default:
      break;
  }
  if (typeof value === 'bigint') return canonicalLong(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return formatTimestamp(value.getTime());
  try {
    return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? canonicalLong(v) : v))) as unknown;
  } catch {
    return String(value);
  }
}

// ---- the database -------------------------------------------------------------------------

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

type Blocking = typeof DuckBlocking;

let moduleCache: Blocking | null = null;

function loadModule(): { mod: Blocking; dist: string } {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  moduleCache ??= require(main) as Blocking;
  return { mod: moduleCache, dist: path.dirname(main) };
}

interface ArrowTableLike {
  schema: { fields: { name: string; type: ArrowTypeLike }[] };
  numRows: number;
  getChildAt(i: number): { get(row: number): unknown } | null;
}

class DuckImpl implements Duck {
  private staged = 0;
  private closed = false;
  constructor(
    private readonly db: DuckBlocking.DuckDBBindings,
    private readonly conn: DuckBlocking.DuckDBConnection,
  ) {}

  loadTable(name: string, columns: readonly DuckColumn[], rows: readonly (readonly unknown[])[]): void {
    if (columns.length === 0) throw new Error(`table '${name}' has no columns`);
    const stage = `__freshet_stage_${this.staged++}`;
    const ipc = rowsToIPC(columns, rows);
    const target = quoteIdent(name);
    const defs = columns.map((c) => `${quoteIdent(c.name)} ${duckTypeOf(c.type)}`).join(', ');
    this.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(stage)}`);
    this.conn.insertArrowFromIPCStream(ipc, { name: stage, create: true });
    try {
      const casts = columns.map((c, i) => `CAST(c${i} AS ${duckTypeOf(c.type)})`).join(', ');
      this.conn.query(`CREATE OR REPLACE TABLE ${target} (${defs})`);
      if (rows.length > 0) this.conn.query(`INSERT INTO ${target} SELECT ${casts} FROM ${quoteIdent(stage)}`);
    } finally {
      this.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(stage)}`);
    }
  }

  query(sql: string): DuckResult {
    const table = this.conn.query(sql) as unknown as ArrowTableLike;
    const fields = table.schema.fields;
    const children = fields.map((_, i) => table.getChildAt(i));
    const rows: unknown[][] = [];
    for (let r = 0; r < table.numRows; r++) {
      rows.push(children.map((c, i) => plainValue(c?.get(r), fields[i]!.type)));
    }
    return { columns: fields.map((f) => f.name), types: fields.map((f) => (f.type.typeId === Type.Decimal ? 'DECIMAL' : '')), rows };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.conn.close();
    } finally {
      this.db.reset();
    }
  }
}

/** Boots DuckDB-wasm (node-blocking build, bundles from node_modules) with one connection. */
export async function openDuck(): Promise<Duck> {
  const { mod, dist } = loadModule();
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await mod.createDuckDB(bundles, new mod.VoidLogger(), mod.NODE_RUNTIME);
  await db.instantiate();
  db.open({});
  const conn = db.connect();
  // Offline: never try to download an extension.
  conn.query(`SET autoinstall_known_extensions = false`);
  conn.query(`SET autoload_known_extensions = false`);
  return new DuckImpl(db, conn);
}

/** Loads `tables` into a fresh DuckDB, runs `sql`, closes the database. */
export async function runDuckQuery(tables: Record<string, DuckTableInput>, sql: string): Promise<DuckResult> {
  const duck = await openDuck();
  try {
    for (const [name, t] of Object.entries(tables)) duck.loadTable(name, t.columns, t.rows);
    return duck.query(sql);
  } finally {
    duck.close();
  }
}
