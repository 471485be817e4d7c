// Seeded input generation for the differential suite. Deterministic: the same seed gives the same
// tables. Rows carry NULLs, duplicates (whole-row and key), skewed keys, negative numbers, empty
// strings and a string that needs CSV quoting. Changelog inputs are realistic sequences: every
// -U / -D retracts a row that exists at that point, and -U is directly followed by its +U.

import { fnv1a32, mix32 } from '../../src/engine/common/hash';
import { Random } from '../../src/engine/common/random';
import { genClicks, genViews, type TimeTable } from './gen-time';

export type Op = '+I' | '-U' | '+U' | '-D';

export interface ColumnDef {
  name: string;
  /** Flink SQL type, e.g. `DECIMAL(10, 2)`. */
  type: string;
}

/** Columns from `'name TYPE'` strings (sink and lake table definitions). */
export function cols(...defs: string[]): ColumnDef[] {
  return defs.map((d) => {
    const m = /^\s*(\w+)\s+(.+?)\s*$/.exec(d);
    if (!m) throw new Error(`bad column '${d}'`);
    return { name: m[1]!, type: m[2]! };
  });
}

export interface Change {
  op: Op;
  row: unknown[];
}

export interface InputTable {
  name: string;
  columns: ColumnDef[];
  /** csv and json are insert-only; changelog-json carries row kinds. */
  format: 'csv' | 'json' | 'changelog-json';
  /** Insert-only rows (csv, json). */
  rows?: unknown[][];
  /** Changes (changelog-json). */
  changes?: Change[];
  /** `WATERMARK FOR column AS expr` on the engine side (event-time inputs); DuckDB ignores it. */
  watermark?: { column: string; expr: string };
}

export type Dataset = Record<string, InputTable>;

/**
 * The engine's sfc32 (`Random`), seeded here from a splitmix32 stream of the seed: the same
 * numbers the suite has always generated, from the engine's generator step.
 */
export class Rng {
  private readonly r = new Random(0);
  constructor(seed: number) {
    const s = seed >>> 0;
    const g = 0x9e3779b9;
    this.r.setState([mix32(s), mix32(s + g), mix32(s + 2 * g), mix32(s + 3 * g)]);
    for (let i = 0; i < 12; i++) this.u32();
  }
  u32(): number {
    return this.r.nextU32();
  }
  /** [0, 1) */
  float(): number {
    return this.u32() / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.float() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }
  /** Skewed pick: low indices much more likely (roughly Zipf with exponent 1). */
  skewed<T>(items: readonly T[]): T {
    const n = items.length;
    const weights = items.map((_, i) => 1 / (i + 1));
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.float() * total;
    for (let i = 0; i < n; i++) {
      r -= weights[i]!;
      if (r < 0) return items[i]!;
    }
    return items[n - 1]!;
  }
  /** A value, or NULL with probability `p`. */
  orNull<T>(p: number, value: () => T): T | null {
    return this.chance(p) ? null : value();
  }
}

/** Independent stream per (seed, name). */
export function rngFor(seed: number, name: string): Rng {
  return new Rng(fnv1a32(name, 0x811c9dc5 ^ seed));
}

// ---- values -------------------------------------------------------------------------------

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** A decimal with `scale` digits, exact in decimal (returned as a JS number). */
function decimal(r: Rng, lo: number, hi: number, scale: number): number {
  const f = Math.pow(10, scale);
  return r.int(Math.round(lo * f), Math.round(hi * f)) / f;
}

const EPOCH = Date.UTC(2026, 0, 1);

/** 'YYYY-MM-DD HH:MM:SS[.fff]' within `days` days of 2026-01-01; milliseconds on some values. */
function timestamp(r: Rng, days: number): string {
  const ms = EPOCH + r.int(0, days * 86_400 - 1) * 1000 + (r.chance(0.4) ? r.int(1, 999) : 0);
  const d = new Date(ms);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return d.getUTCMilliseconds() ? `${base}.${pad(d.getUTCMilliseconds(), 3)}` : base;
}

function date(r: Rng, days: number): string {
  const d = new Date(EPOCH + r.int(0, days - 1) * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export const PRODUCTS = ['apple', 'banana', 'cherry', '', 'Apple', 'date', 'elderberry', 'fig, dried', 'grape "red"', ' melon '];
const STATUSES = ['NEW', 'PAID', 'SHIPPED', 'CANCELLED'];
const REGIONS = ['EU', 'US', 'APAC'];
const METHODS = ['card', 'cash', 'wire', ''];
const WAREHOUSES = ['w1', 'w2', 'w3', 'w4'];
const CATEGORIES = ['fruit', 'berry', 'dried', ''];

// ---- tables -------------------------------------------------------------------------------

/** Snowflake-sized ids (~1.8e18): neighbours a double cannot tell apart (its step there is 256). */
const SNOWFLAKE_BASE = 1800000000000000000n;

/** A snowflake-sized id as its exact text (rows keep wide numbers as text; see encodeFile). */
function snowflake(offset: number): string {
  return (SNOWFLAKE_BASE + BigInt(offset)).toString();
}

/** A DECIMAL(38, 10) value as exact text: up to 20 integer digits, or a small one. */
function wideDecimal(r: Rng): string {
  const negative = r.chance(0.2) ? '-' : '';
  const frac = String(r.int(0, 9999999999)).padStart(10, '0');
  if (r.chance(0.3)) return `${negative}${r.int(0, 999)}.${frac}`;
  const whole = `${r.int(1, 99999)}${String(r.int(0, 99999)).padStart(5, '0')}${String(r.int(0, 99999)).padStart(5, '0')}${String(r.int(0, 99999)).padStart(5, '0')}`;
  return `${negative}${whole}.${frac}`;
}

export const LEDGER_COLUMNS: ColumnDef[] = [
  { name: 'entry_id', type: 'BIGINT' },
  { name: 'account', type: 'BIGINT' },
  { name: 'amount', type: 'DECIMAL(38, 10)' },
  { name: 'note', type: 'STRING' },
];

/** Ledger entries (JSON lines with raw 19-digit numbers): consecutive snowflake ids, skewed accounts. */
export function genLedger(seed: number, n = 60): InputTable {
  const r = rngFor(seed, 'ledger');
  const accounts = Array.from({ length: 8 }, (_, i) => snowflake(1000 + i));
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    rows.push([snowflake(i), r.orNull(0.05, () => r.skewed(accounts)), r.orNull(0.05, () => wideDecimal(r)), r.orNull(0.05, () => r.pick(['fee', 'sale', 'refund']))]);
  }
  return { name: 'ledger', columns: LEDGER_COLUMNS, format: 'json', rows };
}

export const LEDGER_ACCOUNTS_COLUMNS: ColumnDef[] = [
  { name: 'account', type: 'BIGINT' },
  { name: 'owner', type: 'STRING' },
];

/** Accounts by snowflake id (CSV): some ledger accounts missing, one id twice, neighbours of real ids. */
export function genLedgerAccounts(seed: number): InputTable {
  const r = rngFor(seed, 'ledger_accounts');
  const rows: unknown[][] = [];
  for (let i = 0; i < 10; i++) if (r.chance(0.8)) rows.push([snowflake(1000 + i), `owner_${i}`]);
  rows.push([snowflake(1003), 'owner_3b']);
  rows.push([snowflake(-1), 'neighbour']);
  return { name: 'ledger_accounts', columns: LEDGER_ACCOUNTS_COLUMNS, format: 'csv', rows };
}

export const ORDERS_COLUMNS: ColumnDef[] = [
  { name: 'order_id', type: 'BIGINT' },
  { name: 'customer_id', type: 'INT' },
  { name: 'product', type: 'STRING' },
  { name: 'amount', type: 'DECIMAL(10, 2)' },
  { name: 'qty', type: 'INT' },
  { name: 'price', type: 'DOUBLE' },
  { name: 'status', type: 'STRING' },
  { name: 'order_ts', type: 'TIMESTAMP(3)' },
  { name: 'order_date', type: 'DATE' },
  { name: 'is_gift', type: 'BOOLEAN' },
];

function orderRow(r: Rng, id: number): unknown[] {
  return [
    id,
    r.orNull(0.1, () => r.skewed([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 20])),
    r.orNull(0.08, () => r.skewed(PRODUCTS)),
    r.orNull(0.08, () => (r.chance(0.15) ? decimal(r, -50, 0, 2) : decimal(r, 0, 500, 2))),
    r.orNull(0.1, () => r.int(-3, 10)),
    r.orNull(0.06, () => (r.chance(0.1) ? -decimal(r, 0, 20, 2) : decimal(r, 0.5, 100, 2))),
    r.orNull(0.1, () => r.skewed(STATUSES)),
    r.orNull(0.05, () => timestamp(r, 3)),
    r.orNull(0.05, () => date(r, 5)),
    r.orNull(0.15, () => r.chance(0.3)),
  ];
}

export function genOrders(seed: number, n = 140): InputTable {
  const r = rngFor(seed, 'orders');
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    if (rows.length > 0 && r.chance(0.06)) rows.push([...r.pick(rows)]); // whole-row duplicate
    else if (rows.length > 0 && r.chance(0.04)) rows.push(orderRow(r, r.pick(rows)[0] as number)); // duplicate id
    else rows.push(orderRow(r, 1000 + i));
  }
  return { name: 'orders', columns: ORDERS_COLUMNS, format: 'csv', rows };
}

export const CUSTOMERS_COLUMNS: ColumnDef[] = [
  { name: 'customer_id', type: 'INT' },
  { name: 'name', type: 'STRING' },
  { name: 'region', type: 'STRING' },
  { name: 'tier', type: 'INT' },
];

export function genCustomers(seed: number): InputTable {
  const r = rngFor(seed, 'customers');
  const rows: unknown[][] = [];
  // Ids 1..11 and 15..16: 12 and 13 and 20 of orders have no customer; 15, 16 have no orders.
  for (const id of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16]) {
    const copies = r.chance(0.2) ? 2 : 1; // duplicate keys on the build side
    for (let c = 0; c < copies; c++) {
      rows.push([id, r.chance(0.08) ? '' : r.orNull(0.08, () => `cust_${id}_${c}`), r.orNull(0.15, () => r.pick(REGIONS)), r.orNull(0.1, () => r.int(0, 5))]);
    }
  }
  rows.push([null, 'nobody', 'EU', 1]); // a NULL key never joins
  rows.push([null, 'nobody2', null, null]);
  return { name: 'customers', columns: CUSTOMERS_COLUMNS, format: 'csv', rows };
}

export const PRODUCTS_COLUMNS: ColumnDef[] = [
  { name: 'product', type: 'STRING' },
  { name: 'category', type: 'STRING' },
  { name: 'list_price', type: 'DECIMAL(8, 2)' },
];

/** A JSON-lines dimension keyed by string, with '' as a real key and one NULL key. */
export function genProducts(seed: number): InputTable {
  const r = rngFor(seed, 'products');
  const rows: unknown[][] = [];
  for (const p of PRODUCTS) {
    if (p === 'date') continue; // orders of 'date' find no product
    rows.push([p, r.orNull(0.1, () => r.pick(CATEGORIES)), r.orNull(0.1, () => decimal(r, 0.5, 30, 2))]);
    if (r.chance(0.2)) rows.push([p, r.pick(CATEGORIES), decimal(r, 0.5, 30, 2)]);
  }
  rows.push(['kiwi', 'fruit', 3.5]);
  rows.push([null, 'fruit', 1]);
  return { name: 'products', columns: PRODUCTS_COLUMNS, format: 'json', rows };
}

// ---- changelogs ---------------------------------------------------------------------------

interface ChangelogSpec {
  inserts: number;
  /** Probabilities of an update and a delete per step (the rest inserts). */
  pUpdate: number;
  pDelete: number;
  /** Chance that an insert duplicates a live row exactly. */
  pDuplicate: number;
  newRow: (r: Rng, i: number) => unknown[];
  /** A changed copy of a live row (the +U of an update). */
  update: (r: Rng, row: unknown[]) => unknown[];
  /** Picks which live row to retract (index into live). */
  chooseVictim?: (r: Rng, live: unknown[][]) => number;
}

function genChangelog(r: Rng, spec: ChangelogSpec): Change[] {
  const live: unknown[][] = [];
  const out: Change[] = [];
  let inserted = 0;
  while (inserted < spec.inserts) {
    const x = r.float();
    if (live.length > 2 && x < spec.pUpdate) {
      const i = spec.chooseVictim ? spec.chooseVictim(r, live) : r.int(0, live.length - 1);
      const old = live[i]!;
      const next = spec.update(r, [...old]);
      out.push({ op: '-U', row: [...old] }, { op: '+U', row: [...next] });
      live[i] = next;
    } else if (live.length > 2 && x < spec.pUpdate + spec.pDelete) {
      const i = spec.chooseVictim ? spec.chooseVictim(r, live) : r.int(0, live.length - 1);
      out.push({ op: '-D', row: [...live[i]!] });
      live.splice(i, 1);
    } else {
      const row = live.length > 0 && r.chance(spec.pDuplicate) ? [...r.pick(live)] : spec.newRow(r, inserted);
      out.push({ op: '+I', row: [...row] });
      live.push(row);
      inserted++;
    }
  }
  return out;
}

export const PAYMENTS_COLUMNS: ColumnDef[] = [
  { name: 'pay_id', type: 'BIGINT' },
  { name: 'order_id', type: 'BIGINT' },
  { name: 'customer_id', type: 'INT' },
  { name: 'amount', type: 'DECIMAL(10, 2)' },
  { name: 'method', type: 'STRING' },
  { name: 'paid_ts', type: 'TIMESTAMP(3)' },
];

export function genPayments(seed: number, inserts = 90): InputTable {
  const r = rngFor(seed, 'payments');
  const changes = genChangelog(r, {
    inserts,
    pUpdate: 0.3,
    pDelete: 0.15,
    pDuplicate: 0.05,
    newRow: (g, i) => [
      5000 + i,
      g.chance(0.1) ? 999 : 1000 + g.int(0, 150),
      g.orNull(0.1, () => g.skewed([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 20])),
      g.orNull(0.05, () => (g.chance(0.1) ? -decimal(g, 0, 30, 2) : decimal(g, 0, 300, 2))),
      g.orNull(0.1, () => g.skewed(METHODS)),
      g.orNull(0.05, () => timestamp(g, 3)),
    ],
    update: (g, row) => {
      const what = g.int(0, 3);
      if (what === 0) row[3] = g.orNull(0.1, () => decimal(g, -20, 300, 2));
      else if (what === 1) row[4] = g.orNull(0.1, () => g.pick(METHODS));
      else if (what === 2) row[2] = g.orNull(0.1, () => g.skewed([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 20]));
      else {
        row[3] = decimal(g, 0, 300, 2);
        row[5] = timestamp(g, 3);
      }
      return row;
    },
  });
  return { name: 'payments', columns: PAYMENTS_COLUMNS, format: 'changelog-json', changes };
}

export const INVENTORY_COLUMNS: ColumnDef[] = [
  { name: 'sku', type: 'STRING' },
  { name: 'warehouse', type: 'STRING' },
  { name: 'stock', type: 'INT' },
  { name: 'price', type: 'DECIMAL(8, 2)' },
  { name: 'updated_ts', type: 'TIMESTAMP(3)' },
];

/**
 * Inventory snapshots with heavy churn that targets extremes: updates and deletes prefer the rows
 * holding the current minimum or maximum price or stock, so MIN/MAX must recover from state.
 */
export function genInventory(seed: number, inserts = 70): InputTable {
  const r = rngFor(seed, 'inventory');
  const changes = genChangelog(r, {
    inserts,
    pUpdate: 0.3,
    pDelete: 0.25,
    pDuplicate: 0.04,
    newRow: (g, i) => [
      `sku${pad(g.int(0, 30), 2)}${i % 3 === 0 ? '' : 'x'}`,
      g.orNull(0.05, () => g.skewed(WAREHOUSES)),
      g.orNull(0.08, () => g.int(-5, 200)),
      g.orNull(0.08, () => decimal(g, 0.1, 99, 2)),
      timestamp(g, 2),
    ],
    update: (g, row) => {
      if (g.chance(0.5)) row[3] = g.orNull(0.05, () => decimal(g, 0.1, 99, 2));
      if (g.chance(0.5)) row[2] = g.orNull(0.05, () => g.int(-5, 200));
      if (g.chance(0.15)) row[1] = g.pick(WAREHOUSES);
      row[4] = timestamp(g, 2);
      return row;
    },
    chooseVictim: (g, live) => {
      if (g.chance(0.5)) return g.int(0, live.length - 1);
      const col = g.chance(0.5) ? 3 : 2;
      const wantMax = g.chance(0.5);
      let best = -1;
      live.forEach((row, i) => {
        const v = row[col];
        if (v === null) return;
        const b = best < 0 ? null : (live[best]![col] as number);
        if (b === null || (wantMax ? (v as number) > b : (v as number) < b)) best = i;
      });
      return best < 0 ? g.int(0, live.length - 1) : best;
    },
  });
  return { name: 'inventory', columns: INVENTORY_COLUMNS, format: 'changelog-json', changes };
}

export const ACCOUNTS_COLUMNS: ColumnDef[] = [
  { name: 'customer_id', type: 'INT' },
  { name: 'plan', type: 'STRING' },
  { name: 'credit', type: 'DECIMAL(10, 2)' },
];

/** A changelog dimension keyed by customer: plans change, accounts close and reopen. */
export function genAccounts(seed: number, inserts = 22): InputTable {
  const r = rngFor(seed, 'accounts');
  const changes = genChangelog(r, {
    inserts,
    pUpdate: 0.35,
    pDelete: 0.2,
    pDuplicate: 0,
    newRow: (g) => [g.orNull(0.05, () => g.int(1, 14)), g.orNull(0.1, () => g.pick(['free', 'pro', 'team'])), decimal(g, -100, 1000, 2)],
    update: (g, row) => {
      if (g.chance(0.6)) row[1] = g.orNull(0.1, () => g.pick(['free', 'pro', 'team']));
      else row[2] = decimal(g, -100, 1000, 2);
      return row;
    },
  });
  return { name: 'accounts', columns: ACCOUNTS_COLUMNS, format: 'changelog-json', changes };
}

export const USERS_COLUMNS: ColumnDef[] = [
  { name: 'user_id', type: 'INT' },
  { name: 'email', type: 'STRING' },
  { name: 'score', type: 'INT' },
];

/**
 * Users whose user_id and email stay unique at every point: updates change the email (re-keying a
 * table keyed by email) or the score, deletes remove users, and freed emails can be reused.
 */
export function genUsers(seed: number, inserts = 40): InputTable {
  const r = rngFor(seed, 'users');
  let nextEmail = 0;
  const freed: string[] = [];
  const email = (): string => (freed.length > 0 && r.chance(0.3) ? freed.splice(r.int(0, freed.length - 1), 1)[0]! : `u${nextEmail++}@x`);
  const changes = genChangelog(r, {
    inserts,
    pUpdate: 0.35,
    pDelete: 0.15,
    pDuplicate: 0,
    newRow: (g, i) => [i, email(), g.int(-10, 100)],
    update: (g, row) => {
      if (g.chance(0.6)) {
        freed.push(row[1] as string);
        row[1] = email();
      } else row[2] = g.int(-10, 100);
      return row;
    },
  });
  // Deleted users free their email too; that is only safe to reuse after the delete, which the
  // sequential generation above guarantees for emails freed by updates. Deletes keep theirs.
  return { name: 'users', columns: USERS_COLUMNS, format: 'changelog-json', changes };
}

/** An event-time table of gen-time.ts as an insert-only CSV input. */
function csvTable(t: TimeTable): InputTable {
  return { ...t, format: 'csv' };
}

/** Row-count multiplier for stress runs (`FRESHET_DIFF_SCALE=4`); 1 in the regular suite. */
export const SCALE = Math.max(1, Number(process.env['FRESHET_DIFF_SCALE'] ?? '1') || 1);

/** Every input table for one seed. */
export function genDataset(seed: number, scale = SCALE): Dataset {
  const tables = [
    genOrders(seed, Math.round(140 * scale)),
    genCustomers(seed),
    genProducts(seed),
    genPayments(seed, Math.round(90 * scale)),
    genInventory(seed, Math.round(70 * scale)),
    genAccounts(seed, Math.round(22 * scale)),
    genUsers(seed, Math.round(40 * scale)),
    csvTable(genClicks(rngFor(seed, 'clicks'), rngFor(seed, 'clicks:time'), Math.round(120 * scale))),
    csvTable(genViews(rngFor(seed, 'views'), rngFor(seed, 'views:time'), Math.round(160 * scale))),
    genLedger(seed, Math.round(60 * scale)),
    genLedgerAccounts(seed),
  ];
  return Object.fromEntries(tables.map((t) => [t.name, t]));
}

// ---- net input and file encodings -------------------------------------------------------

function rowKey(row: readonly unknown[]): string {
  return JSON.stringify(row);
}

/** The net rows of a table: a changelog applied (+I/+U add, -U/-D remove one equal row). */
export function netRows(t: InputTable): unknown[][] {
  if (t.rows) return t.rows.map((r) => [...r]);
  const live = new Map<string, { row: unknown[]; n: number }>();
  for (const c of t.changes ?? []) {
    const k = rowKey(c.row);
    const e = live.get(k);
    if (c.op === '+I' || c.op === '+U') {
      if (e) e.n++;
      else live.set(k, { row: c.row, n: 1 });
    } else {
      if (!e) throw new Error(`${t.name}: ${c.op} of a row that does not exist: ${k}`);
      if (--e.n === 0) live.delete(k);
    }
  }
  const out: unknown[][] = [];
  for (const { row, n } of live.values()) for (let i = 0; i < n; i++) out.push([...row]);
  return out;
}

/** The NULL literal of CSV inputs (`'csv.null-literal'`): an empty field is an empty string. */
export const CSV_NULL = '\\N';

function csvField(v: unknown): string {
  if (v === null || v === undefined) return CSV_NULL;
  const s = String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A changelog as Debezium JSON lines: +I as "c", a -U/+U pair as one "u" with before and after,
 * -D as "d" (for declaring the same changelog with `'format' = 'debezium-json'`).
 */
export function encodeDebezium(t: InputTable): string {
  const obj = (row: readonly unknown[]): Record<string, unknown> => Object.fromEntries(t.columns.map((c, i) => [c.name, row[i] ?? null]));
  const changes = t.changes ?? [];
  const lines: string[] = [];
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    if (c.op === '+I') lines.push(JSON.stringify({ before: null, after: obj(c.row), op: 'c' }));
    else if (c.op === '-D') lines.push(JSON.stringify({ before: obj(c.row), after: null, op: 'd' }));
    else if (c.op === '-U' && changes[i + 1]?.op === '+U') {
      lines.push(JSON.stringify({ before: obj(c.row), after: obj(changes[i + 1]!.row), op: 'u' }));
      i++;
    } else throw new Error(`${t.name}: change ${i} (${c.op}) has no Debezium encoding here`);
  }
  return lines.join('\n') + '\n';
}

/** Marks exact number text of a BIGINT / DECIMAL column to be written as a raw JSON number. */
const RAW_NUMBER = '\u0000num:';

/** JSON of a row object with BIGINT / DECIMAL values held as text written as raw JSON numbers. */
function jsonWithRawNumbers(obj: Record<string, unknown>, columns: readonly ColumnDef[]): string {
  const marked = { ...obj };
  for (const c of columns) {
    const v = marked[c.name];
    if (typeof v === 'string' && /^(BIGINT|DECIMAL)/.test(c.type)) marked[c.name] = RAW_NUMBER + v;
  }
  return JSON.stringify(marked).replace(/"\\u0000num:(-?[0-9.]+)"/g, '$1');
}

/** The file text of an input: CSV with a header row, JSON lines, or changelog-json lines. */
export function encodeFile(t: InputTable): string {
  const obj = (row: readonly unknown[]): Record<string, unknown> => Object.fromEntries(t.columns.map((c, i) => [c.name, row[i] ?? null]));
  switch (t.format) {
    case 'csv':
      return [t.columns.map((c) => c.name).join(','), ...(t.rows ?? []).map((r) => r.map(csvField).join(','))].join('\n') + '\n';
    case 'json':
      return (t.rows ?? []).map((r) => jsonWithRawNumbers(obj(r), t.columns)).join('\n') + '\n';
    case 'changelog-json':
      return (t.changes ?? []).map((c) => JSON.stringify({ op: c.op, data: obj(c.row) })).join('\n') + '\n';
  }
}
