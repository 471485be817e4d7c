// Freshet's side: the runtime operators (src/engine/runtime) built the way the simulator builds
// them from plan nodes (src/engine/sim/operators.ts): filter and projections are BoundExpr trees
// compiled by the expression compiler, with `columnRefs` for plain column projections; the
// aggregate and the join get the planner's key and AggCall layout. Each batch goes through
// `process(batch, port, ctx)` exactly as the job runtime calls it.
import { compileExpr } from '../src/engine/expr/index';
import type { BoundExpr } from '../src/engine/expr/ir';
import type { AggCall } from '../src/engine/plan/graph';
import { calc, groupAggregate, join, type Operator } from '../src/engine/runtime/index';
import type { Batch, DataType } from '../src/engine/types';
import type { Runner, Sink, System } from './system';
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  STRING,
  JOIN_LEFT_COLUMNS,
  JOIN_RIGHT_COLUMNS,
  STATELESS_COLUMNS,
  type InputBatch,
  type Workload,
} from './workloads';

const col = (index: number, type: DataType): BoundExpr => ({ op: 'col', index, type });
const lit = (value: number | string, type: DataType): BoundExpr => ({ op: 'lit', value, type });
const call = (fn: string, type: DataType, ...args: BoundExpr[]): BoundExpr => ({
  op: 'call',
  fn,
  args,
  type,
});
const statelessCol = (name: string): BoundExpr => {
  const i = STATELESS_COLUMNS.findIndex((c) => c.name === name);
  return col(i, STATELESS_COLUMNS[i]!.type);
};

/** WHERE status <> 'CANCELLED' AND price >= 100.0, as the binder produces it. */
export const STATELESS_FILTER: BoundExpr = call(
  'and',
  BOOLEAN,
  call('<>', BOOLEAN, statelessCol('status'), lit('CANCELLED', STRING)),
  call('>=', BOOLEAN, statelessCol('price'), lit(100.0, DOUBLE)),
);

/** SELECT order_id, user_id, shop_id, price * 1.1 AS gross, ts */
export const STATELESS_PROJECTIONS: BoundExpr[] = [
  statelessCol('order_id'),
  statelessCol('user_id'),
  statelessCol('shop_id'),
  call('*', DOUBLE, statelessCol('price'), lit(1.1, DOUBLE)),
  statelessCol('ts'),
];

/** COUNT(*), SUM(amount), MAX(amount) GROUP BY shop_id over (order_id, user_id, shop_id, amount, ts). */
export const AGG_GROUP_KEYS = [2];
export const AGG_CALLS: AggCall[] = [
  {
    fn: 'COUNT_STAR',
    arg: null,
    distinct: false,
    filter: null,
    type: { ...BIGINT, nullable: false },
    display: 'COUNT(*)',
  },
  { fn: 'SUM', arg: 3, distinct: false, filter: null, type: BIGINT, display: 'SUM(amount)' },
  { fn: 'MAX', arg: 3, distinct: false, filter: null, type: BIGINT, display: 'MAX(amount)' },
];

function buildOperator(w: Workload): Operator {
  switch (w.name) {
    case 'stateless':
      // Mirrors createOperator's Calc case.
      return calc({
        filter: compileExpr(STATELESS_FILTER),
        projections: STATELESS_PROJECTIONS.map((p) => compileExpr(p)),
        columnRefs: STATELESS_PROJECTIONS.map((p) => (p.op === 'col' ? p.index : null)),
        parallelism: 1,
      });
    case 'aggregation':
      return groupAggregate({
        groupKeys: AGG_GROUP_KEYS,
        aggs: AGG_CALLS,
        parallelism: 1,
        ttlMs: null,
        cleanupCondition: null,
      });
    case 'join':
      return join({
        joinType: 'INNER',
        leftKeys: [0],
        rightKeys: [1],
        leftArity: JOIN_LEFT_COLUMNS.length,
        rightArity: JOIN_RIGHT_COLUMNS.length,
        residual: null,
        parallelism: 1,
        leftTtlMs: null,
        rightTtlMs: null,
        leftCleanupCondition: null,
        rightCleanupCondition: null,
      });
  }
}

export const freshetSystem: System = {
  id: 'freshet',
  label: 'Freshet runtime operators',
  create(w: Workload, sink: Sink | null): Runner {
    const op = buildOperator(w);
    const ctx = { now: 0 };
    let records = 0;
    return {
      push(batch: InputBatch): void {
        ctx.now += 100; // virtual time moves on per batch (no TTL here, so it changes nothing)
        const out: Batch = op.process(batch.changes, batch.port, ctx);
        records += out.length;
        if (sink) for (const c of out) sink.add(c.row, c.kind === 0 || c.kind === 2 ? 1 : -1);
      },
      outputRecords: () => records,
    };
  },
};
