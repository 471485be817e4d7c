// The deployed form of one job plan (Flink's ExecutionGraph): its operators wired in topological
// order, its source tasks and its sink writer, with the job's event-time position (watermarks per
// node, the newest event time that entered) and its per-operator counters. `route` pushes a batch
// through; `snapshot` / `restore` are what a checkpoint holds. The scheduler phases, the
// checkpoint coordinator and failover all work on this one object.
import type { JobPlan, PlanNode } from '../plan/graph';
import { OutputBudgetExceeded, type Operator } from '../runtime/operator';
import type { MemoryBudget } from './memory-budget';
import { compileExpr, type EvalContext } from '../expr/index';
import type { Batch } from '../types';
import type { SinkWriter, TableStore } from '../connectors/store';
import { lowerOptions } from '../connectors/store';
import { JobError } from '../errors';
import type { Random } from '../common/random';
import type { SimConfig } from './settings';
import type { OperatorFactory } from './operators';
import type { LookupSource } from '../runtime/lookup-join';
import { JdbcTable } from '../connectors/jdbc/store';
import { FileTable } from '../connectors/filesystem/store';
import { OperatorCounters } from './metrics/operator-counters';
import { SourceTask, type SourceTaskSnapshot } from './source-task';
import { ValuesReader } from './values-reader';
import { FinalResultWriter, upsertKeyOf } from './final-result-writer';
import { DeliveryLedger } from './delivery';

/** What a job needs from the simulation around it. */
export interface JobEnv {
  config: SimConfig;
  stores: Map<string, TableStore>;
  factory: OperatorFactory;
  evalCtx: EvalContext;
  /** The job's own random stream. */
  random: Random;
  hasWriters(table: string): boolean;
  writersFinished(table: string): boolean;
  /** The simulation's memory budget; none in tests that build a graph alone. */
  budget?: MemoryBudget;
  /** Batch mode: whether the job may start (the job before it in statement order has finished). */
  mayStart?: () => boolean;
}

/** A checkpoint's copy of the graph: operator state, source positions, watermarks. Plain data. */
export interface GraphSnapshot {
  ops: unknown[];
  sources: SourceTaskSnapshot[];
  watermarks: number[];
  lastEventTime: number | null;
}

export class ExecutionGraph {
  readonly jobId: string;
  readonly nodes: PlanNode[];
  /** One operator per node; null for sources and the sink, which readers and the writer drive. */
  readonly ops: (Operator | null)[];
  /** For each node, the (consumer node, input port) pairs its output goes to. */
  private readonly consumers: [number, number][][];
  /** For each node, the indexes of its input nodes. */
  readonly inputIndexes: number[][];
  readonly sources: SourceTask[] = [];
  readonly sinkIndex: number;
  readonly sinkTable: string;
  readonly writer: SinkWriter;
  /** The writer's failover accounting (replayed and duplicated changes); `writer` is this object. */
  readonly delivery: DeliveryLedger;
  /** Current watermark of each node (absolute ms), -Infinity before the first. */
  readonly watermarks: number[];
  /** The newest event time that entered the job: what timer output (TTL, watermarks) carries. */
  lastEventTime: number | null = null;
  readonly counters: OperatorCounters;
  private readonly budget: MemoryBudget | null;

  constructor(plan: JobPlan, env: JobEnv) {
    this.jobId = plan.id;
    this.budget = env.budget ?? null;
    this.nodes = plan.nodes;
    const indexById = new Map<number, number>();
    this.nodes.forEach((node, i) => indexById.set(node.id, i));
    const indexOf = (id: number): number => {
      const i = indexById.get(id);
      if (i === undefined) throw new JobError({ message: `job ${plan.id}: operator ${id} is not in the plan`, jobId: plan.id });
      return i;
    };
    this.consumers = this.nodes.map(() => []);
    this.nodes.forEach((node, i) =>
      node.inputs.forEach((inputId, port) => {
        const from = indexOf(inputId);
        if (from >= i) throw new JobError({ message: `job ${plan.id}: operators are not in topological order`, jobId: plan.id });
        this.consumers[from]!.push([i, port]);
      }),
    );
    this.inputIndexes = this.nodes.map((node) => node.inputs.map(indexOf));
    const arity = (id: number) => this.nodes[indexOf(id)]!.schema.columns.length;
    // A lookup join reads its jdbc table's (or file's) store as it stands when a row arrives.
    const lookup = (table: string): LookupSource | null => {
      const store = env.stores.get(table.toLowerCase());
      return store instanceof JdbcTable || store instanceof FileTable ? store : null;
    };
    const changelogModeOf = (id: number) => this.nodes[indexOf(id)]!.changelogMode;
    this.ops = this.nodes.map((node) => env.factory(node, arity, env.config, env.evalCtx, lookup, changelogModeOf));
    this.watermarks = new Array<number>(this.nodes.length).fill(-Infinity);
    this.counters = new OperatorCounters(this.nodes);
    let sinkIndex = -1;
    this.nodes.forEach((node, i) => {
      if (node.kind === 'Source') {
        const store = env.stores.get(node.table.toLowerCase());
        if (!store) throw new JobError({ message: `job ${plan.id} reads table '${node.table}', which is not declared`, jobId: plan.id, table: node.table });
        const options = { ...lowerOptions(store.def.options), ...lowerOptions(node.optionOverrides) };
        const reader = store.createReader({
          jobId: plan.id,
          nodeId: node.id,
          options,
          random: env.random.fork(`reader:${node.id}`),
          hasWriters: env.hasWriters(store.def.name),
          writersFinished: () => env.writersFinished(store.def.name),
          parallelism: Math.max(1, node.parallelism),
          lakeSource: env.config.lakeSource,
          lakeRead: env.config.lakeRead,
        });
        const wd = store.def.watermarkDef;
        this.sources.push(
          new SourceTask(
            i,
            node,
            store.def.name,
            reader,
            wd ? { column: wd.column, watermark: compileExpr(wd.expr, env.evalCtx) } : null,
            (store.def.computedColumns ?? []).map((c) => ({ index: c.index, fn: compileExpr(c.expr, env.evalCtx) })),
            env.config,
            node.pushdown?.filter ? compileExpr(node.pushdown.filter, env.evalCtx) : null,
          ),
        );
      } else if (node.kind === 'Values') {
        this.sources.push(new SourceTask(i, node, null, new ValuesReader(node.rows), null, [], env.config));
      } else if (node.kind === 'Sink') sinkIndex = i;
    });
    if (sinkIndex < 0) throw new JobError({ message: `job ${plan.id} has no sink`, jobId: plan.id });
    this.sinkIndex = sinkIndex;
    const sinkNode = this.nodes[sinkIndex] as Extract<PlanNode, { kind: 'Sink' }>;
    const sinkStore = env.stores.get(sinkNode.table.toLowerCase());
    if (!sinkStore)
      throw new JobError({ message: `job ${plan.id} writes table '${sinkNode.table}', which is not declared`, jobId: plan.id, table: sinkNode.table });
    this.sinkTable = sinkStore.def.name;
    const writer = sinkStore.createWriter(plan.id, Math.max(1, sinkNode.parallelism), plan.overwrite === true ? { overwrite: true } : undefined);
    // Batch jobs (and an INSERT OVERWRITE, which only runs as one) write final results only.
    this.delivery = new DeliveryLedger(env.config.batchMode || plan.overwrite === true ? new FinalResultWriter(writer, upsertKeyOf(sinkStore.def)) : writer, sinkStore);
    this.writer = this.delivery;
  }

  /** The source task of node `index`, if that node is a source. */
  sourceAt(index: number): SourceTask | undefined {
    return this.sources.find((s) => s.nodeIndex === index);
  }

  /** Sends `batch`, produced by node `from`, through the rest of the job. */
  route(from: number, batch: Batch, eventTime: number | null, now: number): void {
    if (batch.length === 0) return;
    const { recordsIn, recordsOut, tickLoad } = this.counters;
    recordsOut[from]! += batch.length;
    const n = this.nodes.length;
    const pending: ([number, Batch][] | undefined)[] = new Array(n);
    for (const [to, port] of this.consumers[from]!) (pending[to] ??= []).push([port, batch]);
    const ctx = { now, maxOutputRows: this.budget?.maxOutputRows ?? Infinity };
    for (let i = from + 1; i < n; i++) {
      const inbox = pending[i];
      if (!inbox) continue;
      for (const [port, b] of inbox) {
        recordsIn[i]! += b.length;
        if (i === this.sinkIndex) {
          const err = this.writer.write(b, eventTime, now);
          recordsOut[i]! += b.length;
          tickLoad[i]![0]! += b.length / tickLoad[i]!.length;
          if (err) throw new JobError({ message: err, jobId: this.jobId, table: this.sinkTable });
          continue;
        }
        const op = this.ops[i]!;
        let out: Batch;
        try {
          out = op.process(b, port, ctx);
        } catch (e) {
          if (e instanceof OutputBudgetExceeded && this.budget) throw new JobError({ message: this.budget.outputMessage(this.nodes[i]!, e.message), jobId: this.jobId });
          throw e;
        }
        if (this.budget && out.length > ctx.maxOutputRows)
          throw new JobError({ message: this.budget.outputMessage(this.nodes[i]!, `emitted ${out.length.toLocaleString('en-US')} changes for one input batch`), jobId: this.jobId });
        const load = op.lastSubtaskLoad();
        const acc = tickLoad[i]!;
        for (let s = 0; s < load.length && s < acc.length; s++) acc[s]! += load[s]!;
        if (out.length > 0) {
          recordsOut[i]! += out.length;
          for (const [to, p] of this.consumers[i]!) (pending[to] ??= []).push([p, out]);
        }
      }
    }
  }

  /** Bytes a checkpoint of the job holds: operator state, reader state, uncommitted sink data. */
  stateBytes(): number {
    let b = 0;
    for (const op of this.ops) if (op) b += op.stateSize().bytes;
    for (const s of this.sources) b += s.reader.stateBytes();
    return b + this.writer.stateBytes();
  }

  snapshot(): GraphSnapshot {
    return {
      ops: this.ops.map((op) => (op ? op.snapshot() : null)),
      sources: this.sources.map((s) => s.snapshot()),
      watermarks: this.watermarks.slice(),
      lastEventTime: this.lastEventTime,
    };
  }

  /** Puts operators, sources and watermarks back as `snap` holds them (a private copy). */
  restore(snap: GraphSnapshot): void {
    this.ops.forEach((op, i) => op?.restore(snap.ops[i]));
    this.sources.forEach((s, k) => s.restore(snap.sources[k]!));
    for (let i = 0; i < this.watermarks.length; i++) this.watermarks[i] = snap.watermarks[i]!;
    this.lastEventTime = snap.lastEventTime;
  }
}
