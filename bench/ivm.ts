// The peer: the same three pipelines written idiomatically on @tanstack/db-ivm (a differential
// dataflow D2 graph over multisets with +1/-1 multiplicities). A changelog row maps to a
// multiplicity: +I and +U are +1, -U and -D are -1. Each batch is sent to the input and the graph
// is run to quiescence before the next one, as Freshet processes a batch at a time.
import {
  D2,
  MultiSet,
  filter,
  groupBy,
  groupByOperators,
  join,
  map,
  output,
  type IStreamBuilder,
  type MultiSetArray,
} from '@tanstack/db-ivm';
import type { Value } from '../src/engine/types';
import type { Runner, Sink, System } from './system';
import type { InputBatch, Workload } from './workloads';

type Row = Value[];

/** Freshet changelog batches -> db-ivm multiset arrays (done before timing). */
function toMultisets(w: Workload): Map<InputBatch, MultiSetArray<Row>> {
  const out = new Map<InputBatch, MultiSetArray<Row>>();
  for (const b of w.batches) {
    const arr: MultiSetArray<Row> = new Array(b.changes.length);
    for (let i = 0; i < b.changes.length; i++) {
      const c = b.changes[i]!;
      arr[i] = [c.row, c.kind === 0 || c.kind === 2 ? 1 : -1];
    }
    out.set(b, arr);
  }
  return out;
}

class Counter {
  records = 0;
}

function collect<T>(counter: Counter, sink: Sink | null, toRow: (data: T) => readonly Value[]) {
  return output<T>((message: MultiSet<T>) => {
    const inner = message.getInner();
    counter.records += inner.length;
    if (sink) for (const [data, m] of inner) sink.add(toRow(data), m);
  });
}

function statelessPipeline(input: IStreamBuilder<Row>, counter: Counter, sink: Sink | null): void {
  // WHERE status <> 'CANCELLED' AND price >= 100.0 (a NULL operand makes the predicate unknown)
  // SELECT order_id, user_id, shop_id, price * 1.1, ts
  input.pipe(
    filter((r: Row) => {
      const status = r[5];
      const price = r[4];
      return (
        status !== null && status !== 'CANCELLED' && price !== null && (price as number) >= 100.0
      );
    }),
    map((r: Row): Row => [
      r[0]!,
      r[1]!,
      r[2]!,
      r[4] === null ? null : (r[4] as number) * 1.1,
      r[6]!,
    ]),
    collect<Row>(counter, sink, (r) => r),
  );
}

interface AggOut {
  shop_id: Value;
  orders: number;
  gmv: number;
  max_amount: number | undefined;
}

function aggregationPipeline(
  input: IStreamBuilder<Row>,
  counter: Counter,
  sink: Sink | null,
): void {
  // SELECT shop_id, COUNT(*), SUM(amount), MAX(amount) FROM orders GROUP BY shop_id
  const { count, sum, max } = groupByOperators;
  input.pipe(
    groupBy((r: Row) => ({ shop_id: r[2] }), {
      orders: count((r: Row) => r),
      gmv: sum((r: Row) => r[3] as number),
      max_amount: max((r: Row) => r[3] as number),
    }),
    collect<[string, AggOut]>(counter, sink, ([, v]) => [
      v.shop_id,
      v.orders,
      v.gmv,
      v.max_amount ?? null,
    ]),
  );
}

function joinPipeline(
  left: IStreamBuilder<Row>,
  right: IStreamBuilder<Row>,
  counter: Counter,
  sink: Sink | null,
): void {
  // orders o JOIN payments p ON o.order_id = p.order_id; output row = left columns, right columns
  const keyedLeft = left.pipe(map((r: Row) => [r[0] as number, r] as [number, Row]));
  const keyedRight = right.pipe(map((r: Row) => [r[1] as number, r] as [number, Row]));
  keyedLeft.pipe(
    join(keyedRight, 'inner'),
    map(([, [l, r]]: [number, [Row | null, Row | null]]): Row => (l as Row).concat(r as Row)),
    collect<Row>(counter, sink, (r) => r),
  );
}

export const ivmSystem: System = {
  id: 'ivm',
  label: '@tanstack/db-ivm 0.2.0',
  create(w: Workload, sink: Sink | null): Runner {
    const batches = toMultisets(w);
    const graph = new D2();
    const counter = new Counter();
    const inputs = [graph.newInput<Row>()];
    switch (w.name) {
      case 'stateless':
        statelessPipeline(inputs[0]!, counter, sink);
        break;
      case 'aggregation':
        aggregationPipeline(inputs[0]!, counter, sink);
        break;
      case 'join':
        inputs.push(graph.newInput<Row>());
        joinPipeline(inputs[0]!, inputs[1]!, counter, sink);
        break;
    }
    graph.finalize();
    return {
      push(batch: InputBatch): void {
        inputs[batch.port]!.sendData(batches.get(batch)!);
        graph.run();
      },
      outputRecords: () => counter.records,
    };
  },
};
