// DuckDB-wasm in its own worker. The wasm binaries and worker scripts are bundled by Vite from
// node_modules (`?url`) and picked by `selectBundle` over a manual bundle map: nothing comes from
// a CDN.
import * as duckdb from '@duckdb/duckdb-wasm';
import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { DataType } from 'apache-arrow';
import type { TableData } from '../../engine/api';
import { castSelect, quoteIdent, referencedTables, tableDataToIPC } from './arrowLoad';

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  elapsedMs: number;
  /** Tables loaded from the engine before the query ran. */
  loaded: string[];
  /** Why the loaded tables hold no rows (the source's `withoutData`), when they were loaded. */
  note?: string;
}

export interface TableSource {
  tableNames(): Promise<string[]>;
  readTable(name: string): Promise<TableData>;
  /** Set when the source offers only the tables' schemas (no simulation yet): a sentence saying so. */
  withoutData?: string;
}

let instance: Promise<{ db: AsyncDuckDB; conn: AsyncDuckDBConnection }> | null = null;

async function boot(): Promise<{ db: AsyncDuckDB; conn: AsyncDuckDBConnection }> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  // BIGINT and DECIMAL results stay exact (bigints and decimal text), never rounded through doubles.
  await db.open({ query: { castBigIntToDouble: false, castDecimalToDouble: false } });
  const conn = await db.connect();
  // Offline: never try to download an extension.
  await conn.query(`SET autoinstall_known_extensions = false`);
  await conn.query(`SET autoload_known_extensions = false`);
  return { db, conn };
}

export function duckDB(): Promise<{ db: AsyncDuckDB; conn: AsyncDuckDBConnection }> {
  instance ??= boot().catch((e: unknown) => {
    instance = null;
    throw e;
  });
  return instance;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const frac = d.getUTCMilliseconds();
  return frac ? `${base}.${pad(frac, 3)}` : base;
}

/** An Arrow Decimal value (a BigNum: little-endian 32-bit words, two's complement) as exact text. */
export function decimalText(words: ArrayLike<number>, scale: number): string {
  let unscaled = 0n;
  for (let w = words.length - 1; w >= 0; w--) unscaled = (unscaled << 32n) | BigInt(words[w]! >>> 0);
  if (words.length > 0 && (words[words.length - 1]! & 0x80000000) !== 0) unscaled -= 1n << BigInt(words.length * 32);
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}` : digits;
  return (negative ? '-' : '') + text;
}

function plain(value: unknown, typeId: string, decimalScale: number | null): unknown {
  if (value === null || value === undefined) return null;
  if (decimalScale !== null && typeof value === 'object' && 'length' in value) return decimalText(value as ArrayLike<number>, decimalScale);
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value instanceof Date) return formatTimestamp(value.getTime());
  if (typeof value === 'number' && /^Timestamp/.test(typeId)) return formatTimestamp(value);
  if (typeof value === 'number' && /^Date/.test(typeId)) return formatTimestamp(value).slice(0, 10);
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    } catch {
      return String(value);
    }
  }
  return value;
}

/** DuckDB's column types of a single SELECT-like query, or null (other statements, or DESCRIBE failed). */
async function describe(conn: AsyncDuckDBConnection, sql: string, width: number): Promise<string[] | null> {
  const body = sql.trim().replace(/;\s*$/, '');
  if (!/^(select|with|from|values|table|\()/i.test(body) || body.includes(';')) return null;
  try {
    const d = await conn.query(`DESCRIBE ${body}`);
    const types = d.getChild('column_type');
    if (!types || d.numRows !== width) return null;
    return Array.from({ length: d.numRows }, (_, i) => String(types.get(i)));
  } catch {
    return null;
  }
}

/** Load the tables the query names from the engine (as Arrow IPC), then run it. */
export async function runQuery(sql: string, source: TableSource | null): Promise<QueryResult> {
  const { conn } = await duckDB();
  const started = performance.now();
  const loaded: string[] = [];
  if (source) {
    const names = referencedTables(sql, await source.tableNames());
    for (const name of names) {
      const data = await source.readTable(name);
      const raw = `__freshet_raw_${loaded.length}`;
      await conn.query(`DROP TABLE IF EXISTS ${quoteIdent(raw)}`);
      if (data.columns.length > 0) {
        await conn.insertArrowFromIPCStream(tableDataToIPC(data), { name: raw, create: true });
        await conn.query(`CREATE OR REPLACE TABLE ${quoteIdent(name)} AS ${castSelect(raw, data.columns)}`);
        await conn.query(`DROP TABLE IF EXISTS ${quoteIdent(raw)}`);
      }
      loaded.push(name);
    }
  }
  const table = await conn.query(sql);
  const fields = table.schema.fields;
  // Decimals arrive as exact text (castDecimalToDouble off); DuckDB's column types say how many
  // places each one has, so the grid shows DECIMAL(p, s) with exactly s decimals.
  const sqlTypes = await describe(conn, sql, fields.length);
  const arrowTypes = fields.map((f) => String(f.type));
  const decimalScales = fields.map((f) => (DataType.isDecimal(f.type) ? f.type.scale : null));
  const fallbackTypes = fields.map((f, i) => (DataType.isDecimal(f.type) ? `DECIMAL(${f.type.precision}, ${f.type.scale})` : arrowTypes[i]!));
  const columns = fields.map((f, i) => ({ name: f.name, type: sqlTypes?.[i] ?? fallbackTypes[i]! }));
  const rows: unknown[][] = [];
  const cols = fields.map((_, i) => table.getChildAt(i));
  for (let r = 0; r < table.numRows; r++) {
    rows.push(cols.map((c, i) => plain(c?.get(r), arrowTypes[i]!, decimalScales[i]!)));
  }
  const note = source?.withoutData && loaded.length > 0 ? source.withoutData : undefined;
  return { columns, rows, elapsedMs: performance.now() - started, loaded, ...(note ? { note } : {}) };
}
