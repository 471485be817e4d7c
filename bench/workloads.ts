// The three generated workloads. Each is built once, before any timing, as Freshet changelog
// batches; the db-ivm side reads the very same row arrays (only the +1/-1 wrapper differs), so
// both systems see the same rows in the same batches. Neither side may mutate an input row: the
// harness fingerprints the input before and after its correctness run to make sure.
import type { Change, DataType, RowKind, Value } from '../src/engine/types';
import { Rng } from './rng';

export type WorkloadName = 'stateless' | 'aggregation' | 'join';

export interface Column {
  name: string;
  type: DataType;
}

export interface InputBatch {
  /** 0 = left / only input, 1 = the join's right input. */
  port: 0 | 1;
  changes: Change[];
}

export interface Workload {
  name: WorkloadName;
  title: string;
  /** The query both systems run, for the report. */
  sql: string;
  /** Goal for Freshet on one core, input changelog rows per second. */
  goalRowsPerSec: number;
  /** Input changelog rows over all batches (what rows/s counts). */
  rows: number;
  batchSize: number;
  /** Input schemas by port. */
  inputs: Column[][];
  batches: InputBatch[];
  /** Mix of row kinds in the input, for the report. */
  kinds: Record<'+I' | '-U' | '+U' | '-D', number>;
}

export interface Sizes {
  statelessRows: number;
  aggregationRows: number;
  joinRowsPerSide: number;
  batchSize: number;
}

export const DEFAULT_SIZES: Sizes = {
  statelessRows: 1_000_000,
  aggregationRows: 500_000,
  joinRowsPerSide: 200_000,
  batchSize: 10_000,
};

const t = (name: DataType['name'], nullable = true): DataType => ({ name, nullable });
export const BIGINT = t('BIGINT');
export const INT = t('INT');
export const DOUBLE = t('DOUBLE');
export const STRING = t('STRING');
export const BOOLEAN = t('BOOLEAN');
export const TIMESTAMP: DataType = { name: 'TIMESTAMP', precision: 3, nullable: true };

const CATEGORIES = [
  'books',
  'electronics',
  'grocery',
  'home',
  'toys',
  'sports',
  'beauty',
  'garden',
];
const STATUSES = ['CREATED', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'];
const METHODS = ['card', 'wallet', 'bank', 'voucher'];
const EPOCH = Date.UTC(2024, 0, 1);

function countKinds(batches: InputBatch[]): Workload['kinds'] {
  const kinds = { '+I': 0, '-U': 0, '+U': 0, '-D': 0 };
  const names = ['+I', '-U', '+U', '-D'] as const;
  for (const b of batches) for (const c of b.changes) kinds[names[c.kind]]++;
  return kinds;
}

function chunk(changes: Change[], size: number, port: 0 | 1): InputBatch[] {
  const out: InputBatch[] = [];
  for (let i = 0; i < changes.length; i += size)
    out.push({ port, changes: changes.slice(i, i + size) });
  return out;
}

// ---- 1. stateless filter/project --------------------------------------------------------------

export const STATELESS_COLUMNS: Column[] = [
  { name: 'order_id', type: BIGINT },
  { name: 'user_id', type: BIGINT },
  { name: 'shop_id', type: INT },
  { name: 'category', type: STRING },
  { name: 'price', type: DOUBLE },
  { name: 'status', type: STRING },
  { name: 'ts', type: TIMESTAMP },
];

/**
 * Insert-only orders. 1% NULL prices and 1% NULL statuses so the SQL three-valued logic is on the
 * measured path; about 63% of rows pass the filter.
 */
export function statelessWorkload(seed: number, sizes: Sizes): Workload {
  const rng = new Rng(seed);
  const changes: Change[] = new Array(sizes.statelessRows);
  for (let i = 0; i < sizes.statelessRows; i++) {
    const price = rng.next() < 0.01 ? null : Math.round(rng.next() * 50000) / 100;
    const status = rng.next() < 0.01 ? null : rng.pick(STATUSES);
    const row: Value[] = [
      i,
      rng.int(0, 100_000),
      rng.int(0, 1_000),
      rng.pick(CATEGORIES),
      price,
      status,
      EPOCH + i * 10,
    ];
    changes[i] = { kind: 0, row };
  }
  const batches = chunk(changes, sizes.batchSize, 0);
  return {
    name: 'stateless',
    title: 'stateless filter/project',
    sql: "SELECT order_id, user_id, shop_id, price * 1.1 AS gross, ts FROM orders WHERE status <> 'CANCELLED' AND price >= 100.0",
    goalRowsPerSec: 2_000_000,
    rows: sizes.statelessRows,
    batchSize: sizes.batchSize,
    inputs: [STATELESS_COLUMNS],
    batches,
    kinds: countKinds(batches),
  };
}

// ---- 2. group aggregation with retractions ----------------------------------------------------

export const AGG_COLUMNS: Column[] = [
  { name: 'order_id', type: BIGINT },
  { name: 'user_id', type: BIGINT },
  { name: 'shop_id', type: INT },
  { name: 'amount', type: BIGINT },
  { name: 'ts', type: TIMESTAMP },
];
export const AGG_GROUPS = 10_000;

/**
 * A CDC changelog of orders keyed by order_id: 60% of events insert a new order, 30% update a live
 * one (-U old row, +U new row; a third of the updates move the order to another shop, so the old
 * group retracts and the new one accumulates), 10% delete a live one (-D). Amounts are integer
 * cents so that SUM is exact whatever the order of additions and retractions.
 */
export function aggregationWorkload(seed: number, sizes: Sizes): Workload {
  const rng = new Rng(seed);
  const live: Value[][] = [];
  const changes: Change[] = [];
  let nextId = 0;
  const n = sizes.aggregationRows;
  const newAmount = (): number => rng.int(100, 100_000);
  while (changes.length < n) {
    const r = rng.next();
    if (r < 0.6 || live.length === 0) {
      const id = nextId++;
      const row: Value[] = [
        id,
        rng.int(0, 100_000),
        rng.int(0, AGG_GROUPS),
        newAmount(),
        EPOCH + id * 10,
      ];
      live.push(row);
      changes.push({ kind: 0, row });
    } else if (r < 0.9) {
      if (changes.length + 2 > n) continue;
      const at = rng.int(0, live.length);
      const old = live[at] as Value[];
      const moved = rng.next() < 1 / 3;
      const row: Value[] = [
        old[0] as number,
        old[1] as number,
        moved ? rng.int(0, AGG_GROUPS) : (old[2] as number),
        newAmount(),
        old[4] as number,
      ];
      live[at] = row;
      changes.push({ kind: 1, row: old }, { kind: 2, row });
    } else {
      const at = rng.int(0, live.length);
      const old = live[at] as Value[];
      live[at] = live[live.length - 1] as Value[];
      live.pop();
      changes.push({ kind: 3, row: old });
    }
  }
  const batches = chunk(changes, sizes.batchSize, 0);
  return {
    name: 'aggregation',
    title: 'group aggregation with retractions',
    sql: 'SELECT shop_id, COUNT(*) AS orders, SUM(amount) AS gmv, MAX(amount) AS max_amount FROM orders GROUP BY shop_id',
    goalRowsPerSec: 1_000_000,
    rows: changes.length,
    batchSize: sizes.batchSize,
    inputs: [AGG_COLUMNS],
    batches,
    kinds: countKinds(batches),
  };
}

// ---- 3. two-way inner join --------------------------------------------------------------------

export const JOIN_LEFT_COLUMNS: Column[] = [
  { name: 'order_id', type: BIGINT },
  { name: 'user_id', type: BIGINT },
  { name: 'amount', type: BIGINT },
  { name: 'ts', type: TIMESTAMP },
];
export const JOIN_RIGHT_COLUMNS: Column[] = [
  { name: 'payment_id', type: BIGINT },
  { name: 'order_id', type: BIGINT },
  { name: 'method', type: STRING },
  { name: 'paid', type: BIGINT },
];

/**
 * Orders (insert-only, order ids unique, arriving shuffled) joined with payments on order_id.
 * Payments reference a uniformly random order, so an order has 0, 1 or several payments and a
 * payment often arrives before its order; 5% of payment events are refunds that delete (-D) an
 * earlier payment, so the join must retract output. Batches alternate left and right.
 */
export function joinWorkload(seed: number, sizes: Sizes): Workload {
  const rng = new Rng(seed);
  const n = sizes.joinRowsPerSide;
  const ids = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i + 1);
    const tmp = ids[i] as number;
    ids[i] = ids[j] as number;
    ids[j] = tmp;
  }
  const left: Change[] = ids.map((id, i) => ({
    kind: 0 as RowKind,
    row: [id, rng.int(0, 100_000), rng.int(100, 100_000), EPOCH + i * 10],
  }));
  const right: Change[] = [];
  const livePayments: Value[][] = [];
  let paymentId = 0;
  while (right.length < n) {
    if (livePayments.length > 0 && rng.next() < 0.05) {
      const at = rng.int(0, livePayments.length);
      const old = livePayments[at] as Value[];
      livePayments[at] = livePayments[livePayments.length - 1] as Value[];
      livePayments.pop();
      right.push({ kind: 3, row: old });
    } else {
      const row: Value[] = [paymentId++, rng.int(0, n), rng.pick(METHODS), rng.int(100, 100_000)];
      livePayments.push(row);
      right.push({ kind: 0, row });
    }
  }
  const lb = chunk(left, sizes.batchSize, 0);
  const rb = chunk(right, sizes.batchSize, 1);
  const batches: InputBatch[] = [];
  for (let i = 0; i < Math.max(lb.length, rb.length); i++) {
    if (lb[i]) batches.push(lb[i] as InputBatch);
    if (rb[i]) batches.push(rb[i] as InputBatch);
  }
  return {
    name: 'join',
    title: 'two-way inner join',
    sql: 'SELECT o.*, p.* FROM orders o JOIN payments p ON o.order_id = p.order_id',
    goalRowsPerSec: 500_000,
    rows: left.length + right.length,
    batchSize: sizes.batchSize,
    inputs: [JOIN_LEFT_COLUMNS, JOIN_RIGHT_COLUMNS],
    batches,
    kinds: countKinds(batches),
  };
}

export function buildWorkload(name: WorkloadName, seed: number, sizes: Sizes): Workload {
  switch (name) {
    case 'stateless':
      return statelessWorkload(seed, sizes);
    case 'aggregation':
      return aggregationWorkload(seed, sizes);
    case 'join':
      return joinWorkload(seed, sizes);
  }
}

/** An order-sensitive digest of every input row, to prove that no system mutated its input. */
export function inputFingerprint(w: Workload): string {
  let h = 0x811c9dc5;
  for (const b of w.batches) {
    for (const c of b.changes) {
      const s = c.kind + JSON.stringify(c.row);
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    }
  }
  return (h >>> 0).toString(16);
}
