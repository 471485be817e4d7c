// End-to-end workloads (issue 14): a script with bounded datagen sources and a jdbc sink, run
// through the real simulator, and the same work done by a plain-JS loop (the limit) and DuckDB.
// The input rows every system gets are the rows the simulator's own datagen store produces for
// the script and seed (`inputRows`), so all three see exactly the same data.
import type { Value } from '../src/engine/types';

export type E2eName = 'e2e-stateless' | 'e2e-agg-10k' | 'e2e-agg-1m' | 'e2e-join' | 'e2e-nexmark-q5' | 'e2e-nexmark-q7';
export const E2E_ALL: E2eName[] = ['e2e-stateless', 'e2e-agg-10k', 'e2e-agg-1m', 'e2e-join', 'e2e-nexmark-q5', 'e2e-nexmark-q7'];

export interface E2eInput {
  table: string;
  /** DuckDB column declarations, in the table's column order. */
  duckColumns: { name: string; type: 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'VARCHAR' }[];
  rows: number;
}

export interface E2eWorkload {
  name: E2eName;
  title: string;
  /** The Freshet script (datagen sources -> job -> jdbc sink `out`). */
  script: string;
  inputs: E2eInput[];
  /** DuckDB's query over tables named as the inputs; its result equals the sink's final rows. */
  duckSql: string;
  /** Plain-JS loop with the job's semantics over the same rows; returns the sink's final rows. */
  plainJs(inputs: Value[][][], batchSize: number): { rows: Value[][]; outputRecords: number };
  /** Sink columns of type TIMESTAMP: readTable prints them ('2026-01-01 00:00:10', UTC); the
   * comparison reads them back as epoch milliseconds, as the other systems compute them. */
  sinkTimestampColumns?: number[];
  /** Total input rows (what rows/s count). */
  rows: number;
}

const ORDERS_COLUMNS: E2eInput['duckColumns'] = [
  { name: 'order_id', type: 'BIGINT' },
  { name: 'user_id', type: 'INTEGER' },
  { name: 'shop_id', type: 'INTEGER' },
  { name: 'status', type: 'VARCHAR' },
  { name: 'price', type: 'DOUBLE' },
  { name: 'amount', type: 'INTEGER' },
];

function ordersTable(rows: number, userKeys: number, shopKeys: number): string {
  return `CREATE TABLE orders (order_id BIGINT, user_id INT, shop_id INT, status STRING, price DOUBLE, amount INT) WITH (
  'connector' = 'datagen', 'number-of-rows' = '${rows}', 'rows-per-second' = '1000000',
  'fields.order_id.kind' = 'sequence', 'fields.order_id.start' = '1', 'fields.order_id.end' = '${rows}',
  'fields.user_id.min' = '1', 'fields.user_id.max' = '${userKeys}',
  'fields.shop_id.min' = '1', 'fields.shop_id.max' = '${shopKeys}',
  'fields.status.values' = 'PAID,SHIPPED,CANCELLED', 'fields.status.null-rate' = '0.01',
  'fields.price.min' = '0', 'fields.price.max' = '500', 'fields.price.null-rate' = '0.01',
  'fields.amount.min' = '1', 'fields.amount.max' = '1000'
);`;
}

/** Aggregation: the plain-JS loop emits +I, or -U and +U per input row (as Flink does without mini-batch). */
function aggregationPlainJs(keyColumn: number) {
  return (inputs: Value[][][]): { rows: Value[][]; outputRecords: number } => {
    const groups = new Map<number, { count: number; sum: number; max: number }>();
    const sink = new Map<number, Value[]>();
    let out = 0;
    for (const r of inputs[0]!) {
      const k = r[keyColumn] as number;
      const amount = r[5] as number;
      let g = groups.get(k);
      if (g === undefined) {
        g = { count: 1, sum: amount, max: amount };
        groups.set(k, g);
        out++;
      } else {
        sink.delete(k);
        g.count++;
        g.sum += amount;
        if (amount > g.max) g.max = amount;
        out += 2;
      }
      sink.set(k, [k, g.count, g.sum, g.max]);
    }
    return { rows: [...sink.values()], outputRecords: out };
  };
}

function aggregation(name: E2eName, rows: number, keyName: 'shop_id' | 'user_id', keys: number): E2eWorkload {
  return {
    name,
    title: `aggregation, ${keys.toLocaleString('en-US')} keys, -U/+U (e2e)`,
    script: `${ordersTable(rows, keyName === 'user_id' ? keys : 100_000, keyName === 'shop_id' ? keys : 10_000)}
CREATE TABLE out (k INT, n BIGINT, total INT, biggest INT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'jdbc');
INSERT INTO out SELECT ${keyName}, COUNT(*), SUM(amount), MAX(amount) FROM orders GROUP BY ${keyName};`,
    inputs: [{ table: 'orders', duckColumns: ORDERS_COLUMNS, rows }],
    duckSql: `SELECT ${keyName}, COUNT(*), SUM(amount), MAX(amount) FROM orders GROUP BY ${keyName}`,
    plainJs: aggregationPlainJs(keyName === 'user_id' ? 1 : 2),
    rows,
  };
}

// Nexmark-shaped (github.com/nexmark/nexmark, queries q5 and q7): bids from datagen over 20 s of
// virtual time whatever the row count, event time up to 2 s behind arrival and a watermark 4 s
// behind it, so no bid is late and every window fires on the watermark (the last on the final
// one). The sink rows carry TIMESTAMP(3) values as epoch milliseconds, which DuckDB computes
// from BIGINT columns by epoch arithmetic (Flink's windows are epoch-aligned).
const BID_AUCTIONS = 1000;
const NEXMARK_VIRTUAL_SECONDS = 20;

function bidTable(rows: number): string {
  return `CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, dateTime TIMESTAMP(3),
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND) WITH (
  'connector' = 'datagen', 'number-of-rows' = '${rows}', 'rows-per-second' = '${Math.max(1, Math.round(rows / NEXMARK_VIRTUAL_SECONDS))}',
  'fields.auction.min' = '1', 'fields.auction.max' = '${BID_AUCTIONS}',
  'fields.bidder.min' = '1', 'fields.bidder.max' = '100000',
  'fields.price.min' = '1', 'fields.price.max' = '100000',
  'fields.dateTime.max-past' = '2 s'
);`;
}

const BID_COLUMNS: E2eInput['duckColumns'] = [
  { name: 'auction', type: 'BIGINT' },
  { name: 'bidder', type: 'BIGINT' },
  { name: 'price', type: 'BIGINT' },
  { name: 'date_time', type: 'BIGINT' },
];

/**
 * Plain-JS event-time windows: each bid goes into its windows' per-key accumulators; after every
 * batch (the simulator reads in batches too) the watermark is the largest event time seen minus
 * 4 s, and the windows that end at or before it are emitted and dropped, the rest at the end.
 */
function windowedPlainJs<A>(
  slideMs: number,
  sizeMs: number,
  keyOf: (bid: Value[]) => number,
  create: (bid: Value[]) => A,
  add: (acc: A, bid: Value[]) => void,
  emit: (key: number, start: number, end: number, acc: A) => Value[],
) {
  return (inputs: Value[][][], batchSize: number): { rows: Value[][]; outputRecords: number } => {
    const bids = inputs[0]!;
    const windows = new Map<number, Map<number, A>>(); // window start -> key -> accumulator
    const out: Value[][] = [];
    let maxTs = -Infinity;
    const fire = (watermark: number) => {
      for (const [start, byKey] of windows) {
        if (start + sizeMs > watermark) continue;
        for (const [key, acc] of byKey) out.push(emit(key, start, start + sizeMs, acc));
        windows.delete(start);
      }
    };
    for (let at = 0; at < bids.length; at += batchSize) {
      const to = Math.min(at + batchSize, bids.length);
      for (let i = at; i < to; i++) {
        const bid = bids[i]!;
        const ts = bid[3] as number;
        if (ts > maxTs) maxTs = ts;
        const key = keyOf(bid);
        const last = Math.floor(ts / slideMs) * slideMs;
        for (let start = last; start > ts - sizeMs; start -= slideMs) {
          let byKey = windows.get(start);
          if (byKey === undefined) windows.set(start, (byKey = new Map()));
          const acc = byKey.get(key);
          if (acc === undefined) byKey.set(key, create(bid));
          else add(acc, bid);
        }
      }
      fire(maxTs - 4000);
    }
    fire(Infinity);
    return { rows: out, outputRecords: out.length };
  };
}

function nexmark(name: 'e2e-nexmark-q5' | 'e2e-nexmark-q7', n: number): E2eWorkload {
  if (name === 'e2e-nexmark-q5')
    // q5's core (hot items): bids per auction per sliding window.
    return {
      name,
      title: 'Nexmark q5-shaped: bids per auction, HOP 2 s / 10 s (e2e)',
      script: `${bidTable(n)}
CREATE TABLE out (auction BIGINT, window_start TIMESTAMP(3), window_end TIMESTAMP(3), num BIGINT) WITH ('connector' = 'jdbc');
INSERT INTO out SELECT auction, window_start, window_end, COUNT(*) AS num
FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
GROUP BY auction, window_start, window_end;`,
      inputs: [{ table: 'bid', duckColumns: BID_COLUMNS, rows: n }],
      duckSql: `SELECT auction, (date_time // 2000 - k) * 2000 AS ws, (date_time // 2000 - k) * 2000 + 10000, COUNT(*)
FROM bid CROSS JOIN range(0, 5) AS r(k) GROUP BY auction, ws`,
      plainJs: windowedPlainJs<{ n: number }>(
        2000,
        10_000,
        (bid) => bid[0] as number,
        () => ({ n: 1 }),
        (acc) => void acc.n++,
        (key, start, end, acc) => [key, start, end, acc.n],
      ),
      sinkTimestampColumns: [1, 2],
      rows: n,
    };
  // q7's core (highest bid): the top price and the bid count per tumbling window.
  return {
    name,
    title: 'Nexmark q7-shaped: highest bid per TUMBLE 10 s (e2e)',
    script: `${bidTable(n)}
CREATE TABLE out (window_start TIMESTAMP(3), window_end TIMESTAMP(3), maxprice BIGINT, bids BIGINT) WITH ('connector' = 'jdbc');
INSERT INTO out SELECT window_start, window_end, MAX(price) AS maxprice, COUNT(*) AS bids
FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;`,
    inputs: [{ table: 'bid', duckColumns: BID_COLUMNS, rows: n }],
    duckSql: `SELECT (date_time // 10000) * 10000 AS ws, (date_time // 10000) * 10000 + 10000, MAX(price), COUNT(*) FROM bid GROUP BY ws`,
    plainJs: windowedPlainJs<{ max: number; n: number }>(
      10_000,
      10_000,
      () => 0,
      (bid) => ({ max: bid[2] as number, n: 1 }),
      (acc, bid) => {
        const price = bid[2] as number;
        if (price > acc.max) acc.max = price;
        acc.n++;
      },
      (_key, start, end, acc) => [start, end, acc.max, acc.n],
    ),
    sinkTimestampColumns: [0, 1],
    rows: n,
  };
}

export function buildE2e(name: E2eName, scale: number): E2eWorkload {
  const n = Math.max(1000, Math.round(1_000_000 * scale));
  switch (name) {
    case 'e2e-stateless':
      return {
        name,
        title: 'stateless filter/project (e2e)',
        script: `${ordersTable(n, 100_000, 10_000)}
CREATE TABLE out (order_id BIGINT, user_id INT, shop_id INT, gross DOUBLE) WITH ('connector' = 'jdbc');
INSERT INTO out SELECT order_id, user_id, shop_id, price * 1.1 FROM orders WHERE status <> 'CANCELLED' AND price >= 100.0;`,
        inputs: [{ table: 'orders', duckColumns: ORDERS_COLUMNS, rows: n }],
        duckSql: `SELECT order_id, user_id, shop_id, price * 1.1 FROM orders WHERE status <> 'CANCELLED' AND price >= 100.0`,
        plainJs: (inputs) => {
          const out: Value[][] = [];
          for (const r of inputs[0]!) {
            const status = r[3];
            const price = r[4];
            if (status === null || price === null || status === 'CANCELLED' || (price as number) < 100) continue;
            out.push([r[0]!, r[1]!, r[2]!, (price as number) * 1.1]);
          }
          return { rows: out, outputRecords: out.length };
        },
        rows: n,
      };
    case 'e2e-agg-10k':
      return aggregation(name, n, 'shop_id', Math.max(10, Math.round(10_000 * Math.min(1, scale * 10))));
    case 'e2e-agg-1m':
      return aggregation(name, n, 'user_id', n);
    case 'e2e-nexmark-q5':
    case 'e2e-nexmark-q7':
      return nexmark(name, n);
    case 'e2e-join': {
      const half = Math.round(n / 2);
      return {
        name,
        title: 'two-way join, insert-only (e2e)',
        script: `${ordersTable(half, 100_000, 10_000)}
CREATE TABLE payments (pay_id BIGINT, order_id BIGINT, paid INT) WITH (
  'connector' = 'datagen', 'number-of-rows' = '${half}', 'rows-per-second' = '1000000',
  'fields.pay_id.kind' = 'sequence', 'fields.pay_id.start' = '1', 'fields.pay_id.end' = '${half}',
  'fields.order_id.min' = '1', 'fields.order_id.max' = '${half}',
  'fields.paid.min' = '1', 'fields.paid.max' = '1000'
);
CREATE TABLE out (order_id BIGINT, user_id INT, amount INT, pay_id BIGINT, paid INT) WITH ('connector' = 'jdbc');
INSERT INTO out SELECT o.order_id, o.user_id, o.amount, p.pay_id, p.paid FROM orders o JOIN payments p ON o.order_id = p.order_id;`,
        inputs: [
          { table: 'orders', duckColumns: ORDERS_COLUMNS, rows: half },
          {
            table: 'payments',
            duckColumns: [
              { name: 'pay_id', type: 'BIGINT' },
              { name: 'order_id', type: 'BIGINT' },
              { name: 'paid', type: 'INTEGER' },
            ],
            rows: half,
          },
        ],
        duckSql: `SELECT o.order_id, o.user_id, o.amount, p.pay_id, p.paid FROM orders o JOIN payments p ON o.order_id = p.order_id`,
        // A symmetric hash join over batches alternating between the sides, as the simulator reads them.
        plainJs: (inputs, batchSize) => {
          const orders = inputs[0]!;
          const payments = inputs[1]!;
          const left = new Map<number, Value[][]>();
          const right = new Map<number, Value[][]>();
          const out: Value[][] = [];
          for (let at = 0; at < Math.max(orders.length, payments.length); at += batchSize) {
            for (let i = at; i < Math.min(at + batchSize, orders.length); i++) {
              const o = orders[i]!;
              const k = o[0] as number;
              const own = left.get(k);
              if (own === undefined) left.set(k, [o]);
              else own.push(o);
              const ms = right.get(k);
              if (ms !== undefined) for (const p of ms) out.push([o[0]!, o[1]!, o[5]!, p[0]!, p[2]!]);
            }
            for (let i = at; i < Math.min(at + batchSize, payments.length); i++) {
              const p = payments[i]!;
              const k = p[1] as number;
              const own = right.get(k);
              if (own === undefined) right.set(k, [p]);
              else own.push(p);
              const ms = left.get(k);
              if (ms !== undefined) for (const o of ms) out.push([o[0]!, o[1]!, o[5]!, p[0]!, p[2]!]);
            }
          }
          return { rows: out, outputRecords: out.length };
        },
        rows: 2 * half,
      };
    }
  }
}
