// Seeded inputs for the lake differential and failover suites: keyed changelogs whose key is unique
// among live rows at every point (an upsert table by that key then has one well-defined final
// state), with value updates that keep the key, deletes, re-inserts of deleted keys, and a bias
// towards touching keys changed moments ago, so that one checkpoint often holds an insert and its
// update or delete (position deletes / deletion vectors) and later checkpoints update rows of
// earlier commits (equality deletes). Plus an insert-only JSON table for append lake tables.
import { rngFor, type Change, type ColumnDef, type InputTable, type Rng } from './gen';

interface KeyedSpec {
  inserts: number;
  pUpdate: number;
  pDelete: number;
  /** Chance that an insert brings back a deleted key instead of a new one. */
  pReinsert: number;
  /** Chance that an update or delete picks one of the three keys changed last. */
  pRecent: number;
  /** A new row for `key` (column 0 is the key). */
  newRow: (r: Rng, key: number) => unknown[];
  /** A changed copy of a live row; must keep column 0. */
  update: (r: Rng, row: unknown[]) => unknown[];
}

function keyedChangelog(r: Rng, firstKey: number, spec: KeyedSpec): Change[] {
  const live = new Map<number, unknown[]>();
  const deleted: number[] = [];
  /** Keys in the order they were last touched, newest last. */
  const touched: number[] = [];
  const touch = (key: number): void => {
    const at = touched.lastIndexOf(key);
    if (at >= 0) touched.splice(at, 1);
    touched.push(key);
  };
  const out: Change[] = [];
  let nextKey = firstKey;
  let inserted = 0;
  while (inserted < spec.inserts) {
    const x = r.float();
    if (live.size > 2 && x < spec.pUpdate + spec.pDelete) {
      const recent = touched.filter((k) => live.has(k)).slice(-3);
      const keys = [...live.keys()];
      const key = recent.length > 0 && r.chance(spec.pRecent) ? r.pick(recent) : r.pick(keys);
      const old = live.get(key)!;
      if (x < spec.pUpdate) {
        const next = spec.update(r, [...old]);
        if (next[0] !== key) throw new Error('a keyed changelog update changed the key');
        out.push({ op: '-U', row: [...old] }, { op: '+U', row: [...next] });
        live.set(key, next);
      } else {
        out.push({ op: '-D', row: [...old] });
        live.delete(key);
        deleted.push(key);
      }
      touch(key);
    } else {
      const key = deleted.length > 0 && r.chance(spec.pReinsert) ? deleted.splice(r.int(0, deleted.length - 1), 1)[0]! : nextKey++;
      const row = spec.newRow(r, key);
      out.push({ op: '+I', row: [...row] });
      live.set(key, row);
      touch(key);
      inserted++;
    }
  }
  return out;
}

function decimal(r: Rng, lo: number, hi: number): number {
  return r.int(Math.round(lo * 100), Math.round(hi * 100)) / 100;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** 'YYYY-MM-DD HH:MM:SS[.fff]' within two days of 2026-01-01. */
function timestamp(r: Rng): string {
  const d = new Date(Date.UTC(2026, 0, 1) + r.int(0, 2 * 86_400 - 1) * 1000 + (r.chance(0.4) ? r.int(1, 999) : 0));
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return d.getUTCMilliseconds() ? `${base}.${pad(d.getUTCMilliseconds(), 3)}` : base;
}

const REGIONS = ['EU', 'US', 'APAC', ''];
const PLANS = ['free', 'pro', 'team'];
const STATUSES = ['NEW', 'PAID', 'SHIPPED', 'CANCELLED'];

export const LAKE_ACCOUNTS_COLUMNS: ColumnDef[] = [
  { name: 'account_id', type: 'BIGINT' },
  { name: 'region', type: 'STRING' },
  { name: 'plan', type: 'STRING' },
  { name: 'balance', type: 'DECIMAL(10, 2)' },
  { name: 'updated_ts', type: 'TIMESTAMP(3)' },
];

/** Accounts by account_id (changelog-json): plans and balances change, accounts close and reopen. */
export function genLakeAccounts(seed: number, inserts = 60): InputTable {
  const r = rngFor(seed, 'lake_accounts');
  const changes = keyedChangelog(r, 1, {
    inserts,
    pUpdate: 0.35,
    pDelete: 0.15,
    pReinsert: 0.3,
    pRecent: 0.5,
    newRow: (g, key) => [key, g.orNull(0.08, () => g.skewed(REGIONS)), g.orNull(0.1, () => g.pick(PLANS)), decimal(g, -100, 1000), timestamp(g)],
    update: (g, row) => {
      if (g.chance(0.5)) row[2] = g.orNull(0.1, () => g.pick(PLANS));
      if (g.chance(0.6)) row[3] = decimal(g, -100, 1000);
      if (g.chance(0.1)) row[1] = g.orNull(0.08, () => g.pick(REGIONS));
      row[4] = timestamp(g);
      return row;
    },
  });
  return { name: 'accounts', columns: LAKE_ACCOUNTS_COLUMNS, format: 'changelog-json', changes };
}

export const LAKE_ORDERS_COLUMNS: ColumnDef[] = [
  { name: 'order_id', type: 'BIGINT' },
  { name: 'account_id', type: 'BIGINT' },
  { name: 'status', type: 'STRING' },
  { name: 'amount', type: 'DECIMAL(10, 2)' },
  { name: 'qty', type: 'INT' },
];

/**
 * Orders by order_id (encoded as Debezium JSON: "c", "u" with before/after, "d"): status moves,
 * amounts change, orders are cancelled by deletion. account_id may name no live account.
 */
export function genLakeOrders(seed: number, inserts = 110): InputTable {
  const r = rngFor(seed, 'lake_orders');
  const changes = keyedChangelog(r, 100, {
    inserts,
    pUpdate: 0.35,
    pDelete: 0.15,
    pReinsert: 0.2,
    pRecent: 0.5,
    newRow: (g, key) => [
      key,
      g.orNull(0.05, () => g.int(1, 70)),
      g.orNull(0.08, () => g.skewed(STATUSES)),
      g.orNull(0.05, () => (g.chance(0.1) ? -decimal(g, 0, 30) : decimal(g, 0, 400))),
      g.orNull(0.08, () => g.int(-2, 9)),
    ],
    update: (g, row) => {
      const what = g.int(0, 2);
      if (what === 0) row[2] = g.orNull(0.08, () => g.pick(STATUSES));
      else if (what === 1) row[3] = g.orNull(0.05, () => decimal(g, -10, 400));
      else {
        row[4] = g.orNull(0.08, () => g.int(-2, 9));
        row[2] = g.pick(STATUSES);
      }
      return row;
    },
  });
  return { name: 'orders', columns: LAKE_ORDERS_COLUMNS, format: 'changelog-json', changes };
}

export const LAKE_EVENTS_COLUMNS: ColumnDef[] = [
  { name: 'event_id', type: 'BIGINT' },
  { name: 'account_id', type: 'BIGINT' },
  { name: 'kind', type: 'STRING' },
  { name: 'points', type: 'INT' },
];

/** Insert-only events (JSON lines) with whole-row duplicates: an append lake table keeps them all. */
export function genLakeEvents(seed: number, n = 90): InputTable {
  const r = rngFor(seed, 'lake_events');
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    if (rows.length > 0 && r.chance(0.05)) rows.push([...r.pick(rows)]);
    else rows.push([10_000 + i, r.orNull(0.05, () => r.int(1, 70)), r.orNull(0.05, () => r.pick(['view', 'click', 'buy'])), r.int(-5, 50)]);
  }
  return { name: 'events', columns: LAKE_EVENTS_COLUMNS, format: 'json', rows };
}

export interface LakeDataset {
  accounts: InputTable;
  orders: InputTable;
  events: InputTable;
}

export function genLakeDataset(seed: number, scale = 1): LakeDataset {
  return {
    accounts: genLakeAccounts(seed, Math.round(60 * scale)),
    orders: genLakeOrders(seed, Math.round(110 * scale)),
    events: genLakeEvents(seed, Math.round(90 * scale)),
  };
}
