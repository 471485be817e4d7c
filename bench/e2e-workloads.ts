// End-to-end workloads (issue 14): a script with bounded datagen sources and a jdbc sink, run
// through the real simulator, and the same work done by a plain-JS loop (the limit) and DuckDB.
// The input rows every system gets are the rows the simulator's own datagen store produces for
// the script and seed (`inputRows`), so all three see exactly the same data.
import type { Value } from '../src/engine/types';

export type E2eName = 'e2e-stateless' | 'e2e-agg-10k' | 'e2e-agg-1m' | 'e2e-join';
export const E2E_ALL: E2eName[] = ['e2e-stateless', 'e2e-agg-10k', 'e2e-agg-1m', 'e2e-join'];

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
