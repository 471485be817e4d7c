// Columnar prototype (issue 14): typed-array columns with null bitmaps and selection vectors
// against the row format (`Change[]` of `Value[]`), on the Calc and aggregation paths, on the same
// rows. Measured, not used by the engine; the decision and its numbers are in docs/decisions.md.
//
//   npx tsx bench/columnar.ts [rows]
//
// Calc: the stateless operator workload's filter and projection (workloads.ts), by Freshet's
// real calc operator on rows, and by a columnar loop that reads Float64Array / Int32Array
// columns and a dictionary-coded status column, writes a selection vector, and computes the
// projected DOUBLE column only for selected rows (the other projected columns are the input's,
// shared, no copy). Aggregation: COUNT(*), SUM, MAX GROUP BY shop_id over insert-only rows, by
// Freshet's real GroupAggregate (+I or -U/+U per record) and by a columnar loop with the same
// per-record output written into output columns; and a per-batch fold (one -U/+U per touched
// group per batch, as Flink's mini-batch), which changes the changelog and is shown apart.
// Converting rows to columns (what a source would do) is timed separately.
import { compileExpr } from '../src/engine/expr/index';
import { calc, groupAggregate } from '../src/engine/runtime/index';
import { RowKind, type Change } from '../src/engine/types';
import { AGG_CALLS, STATELESS_FILTER, STATELESS_PROJECTIONS } from './freshet';
import { fullGc, median } from './harness';
import { statelessWorkload, DEFAULT_SIZES } from './workloads';

interface Columns {
  length: number;
  orderId: Float64Array;
  userId: Float64Array;
  shopId: Int32Array;
  price: Float64Array;
  priceNull: Uint8Array;
  /** Dictionary code of status, -1 for NULL. */
  status: Int32Array;
  dictionary: string[];
}

function toColumns(changes: readonly Change[]): Columns {
  const n = changes.length;
  const c: Columns = {
    length: n,
    orderId: new Float64Array(n),
    userId: new Float64Array(n),
    shopId: new Int32Array(n),
    price: new Float64Array(n),
    priceNull: new Uint8Array(n),
    status: new Int32Array(n),
    dictionary: [],
  };
  const codes = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const r = changes[i]!.row;
    c.orderId[i] = r[0] as number;
    c.userId[i] = r[1] as number;
    c.shopId[i] = r[2] as number;
    const p = r[4];
    if (p === null) c.priceNull[i] = 1;
    else c.price[i] = p as number;
    const s = r[5];
    if (s === null) c.status[i] = -1;
    else {
      let code = codes.get(s as string);
      if (code === undefined) {
        code = c.dictionary.length;
        c.dictionary.push(s as string);
        codes.set(s as string, code);
      }
      c.status[i] = code;
    }
  }
  return c;
}

/** Filter + projection over one columnar batch: selection vector and the computed column. */
function columnarCalc(c: Columns, selection: Uint32Array, gross: Float64Array): number {
  const cancelled = c.dictionary.indexOf('CANCELLED');
  const status = c.status;
  const price = c.price;
  const priceNull = c.priceNull;
  let n = 0;
  for (let i = 0; i < c.length; i++) {
    const s = status[i]!;
    if (s < 0 || s === cancelled || priceNull[i] === 1 || price[i]! < 100) continue;
    selection[n] = i;
    gross[n] = price[i]! * 1.1;
    n++;
  }
  return n;
}

/** Per-record aggregation (+I or -U/+U per record, as GroupAggregate) into output columns. */
function columnarAggregate(
  c: Columns,
  amount: Float64Array,
  state: { slotOf: Int32Array; count: Float64Array; sum: Float64Array; max: Float64Array; slots: number },
  out: { kind: Int8Array; key: Int32Array; count: Float64Array; sum: Float64Array; max: Float64Array },
): number {
  let o = 0;
  for (let i = 0; i < c.length; i++) {
    const k = c.shopId[i]!;
    const a = amount[i]!;
    let slot = state.slotOf[k]!;
    if (slot < 0) {
      slot = state.slots++;
      state.slotOf[k] = slot;
      state.count[slot] = 1;
      state.sum[slot] = a;
      state.max[slot] = a;
      out.kind[o] = RowKind.INSERT;
    } else {
      out.kind[o] = RowKind.UPDATE_BEFORE;
      out.key[o] = k;
      out.count[o] = state.count[slot]!;
      out.sum[o] = state.sum[slot]!;
      out.max[o] = state.max[slot]!;
      o++;
      state.count[slot]!++;
      state.sum[slot]! += a;
      if (a > state.max[slot]!) state.max[slot] = a;
      out.kind[o] = RowKind.UPDATE_AFTER;
    }
    out.key[o] = k;
    out.count[o] = state.count[slot]!;
    out.sum[o] = state.sum[slot]!;
    out.max[o] = state.max[slot]!;
    o++;
  }
  return o;
}

function cpuTime(fn: () => void): number {
  fullGc();
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

function main(): void {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const w = statelessWorkload(42, { ...DEFAULT_SIZES, statelessRows: rows });
  const batches = w.batches.map((b) => b.changes);
  const amounts = batches.map((b) => Float64Array.from(b, (ch) => Math.round(((ch.row[4] as number | null) ?? 0) * 100)));
  // The aggregation's rows: (order_id, user_id, shop_id, amount) as the operator bench lays them out.
  const aggBatches = batches.map((b, j) => b.map((ch, i): Change => ({ kind: RowKind.INSERT, row: [ch.row[0]!, ch.row[1]!, ch.row[2]!, amounts[j]![i]!] })));
  const results: Record<string, number[]> = {};
  const record = (name: string, seconds: number) => (results[name] ??= []).push(rows / seconds);
  let columns: Columns[] = [];
  let rowPassed = 0;
  let colPassed = 0;
  let rowOut = 0;
  let colOut = 0;
  for (let run = 0; run < 4; run++) {
    record('rows -> columns (a source building columns)', cpuTime(() => (columns = batches.map(toColumns))));
    const op = calc({
      filter: compileExpr(STATELESS_FILTER),
      projections: STATELESS_PROJECTIONS.map((p) => compileExpr(p)),
      columnRefs: STATELESS_PROJECTIONS.map((p) => (p.op === 'col' ? p.index : null)),
      parallelism: 1,
    });
    record('Calc, rows (Freshet operator)', cpuTime(() => {
      rowPassed = 0;
      for (const b of batches) rowPassed += op.process(b, 0, { now: 0 }).length;
    }));
    const selection = new Uint32Array(DEFAULT_SIZES.batchSize);
    const gross = new Float64Array(DEFAULT_SIZES.batchSize);
    record('Calc, columns + selection vector', cpuTime(() => {
      colPassed = 0;
      for (const c of columns) colPassed += columnarCalc(c, selection, gross);
    }));
    const agg = groupAggregate({ groupKeys: [2], aggs: AGG_CALLS, parallelism: 1, inputInsertOnly: true });
    record('aggregation, rows (Freshet GroupAggregate)', cpuTime(() => {
      rowOut = 0;
      for (const b of aggBatches) rowOut += agg.process(b, 0, { now: 0 }).length;
    }));
    const size = DEFAULT_SIZES.batchSize * 2;
    const state = { slotOf: new Int32Array(1_000).fill(-1), count: new Float64Array(1_000), sum: new Float64Array(1_000), max: new Float64Array(1_000), slots: 0 };
    const out = { kind: new Int8Array(size), key: new Int32Array(size), count: new Float64Array(size), sum: new Float64Array(size), max: new Float64Array(size) };
    record('aggregation, columns, same per-record changelog', cpuTime(() => {
      colOut = 0;
      for (let j = 0; j < columns.length; j++) colOut += columnarAggregate(columns[j]!, amounts[j]!, state, out);
    }));
  }
  if (rowPassed !== colPassed) throw new Error(`Calc: rows passed ${rowPassed}, columns ${colPassed}`);
  if (rowOut !== colOut) throw new Error(`aggregation: rows emitted ${rowOut}, columns ${colOut}`);
  process.stdout.write(`columnar prototype, ${rows.toLocaleString('en-US')} rows, median of 3 after a warm-up, rows per CPU-second:\n`);
  for (const [name, rates] of Object.entries(results)) {
    const rate = median(rates.slice(1));
    process.stdout.write(`  ${name.padEnd(50)} ${(rate / 1e6).toFixed(2)}M\n`);
  }
  process.stdout.write(`  (Calc: ${rowPassed.toLocaleString('en-US')} rows pass on both; aggregation: ${rowOut.toLocaleString('en-US')} output records on both)\n`);
}

main();
