// Metrics of a running simulation: the snapshot `Simulation.metrics()` returns (operators,
// tables, sources, checkpoints) and the sampled history, with throughput measured between two
// samples. Each part of the snapshot is built from the part of the simulation that owns it:
// operators from each job's execution graph and counters, sources from source tasks,
// checkpoints from the coordinators. New metrics (per-job status, restarts and heap; checkpoint
// history; per-source split buffers) are one more builder here over the model that owns them.
import type { FluctuationMetrics, JobMetrics, MetricsSnapshot, OperatorMetrics } from '../../api';
import type { TableStore } from '../../connectors/store';
import type { JobRuntime } from '../job';
import type { SimConfig } from '../settings';
import { MetricsHistory } from './history';

export class MetricsCollector {
  private readonly history: MetricsHistory;
  private lastSample: { now: number; recordsIn: Map<string, number> } | null = null;
  /** Records in per virtual second of each operator (`jobId/nodeId`), over the last sample interval. */
  private throughput = new Map<string, number>();
  /** Busy / back-pressured / idle ms per virtual second of each operator over the last interval. */
  private taskTimes = new Map<string, [number, number, number]>();
  private lastTimes = new Map<string, [number, number, number]>();

  constructor(
    private readonly jobs: readonly JobRuntime[],
    /** The tables in declaration order, as metrics list them. */
    private readonly tables: readonly { name: string; store: TableStore }[],
    private readonly config: SimConfig,
  ) {
    this.history = new MetricsHistory(config.metricsIntervalMs, config.metricsMaxSamples);
  }

  /** Virtual time the next history sample is due. */
  nextSampleAt(): number {
    return this.history.dueAt();
  }

  /** Records a history sample at `now`, measuring throughput since the previous one. */
  sample(now: number): void {
    const counters = new Map<string, number>();
    for (const job of this.jobs) job.graph.nodes.forEach((node, i) => counters.set(`${job.id}/${node.id}`, job.graph.counters.recordsIn[i]!));
    const prev = this.lastSample;
    const dt = prev ? now - prev.now : now;
    const tp = new Map<string, number>();
    for (const [k, v] of counters) {
      const before = prev?.recordsIn.get(k) ?? 0;
      tp.set(k, dt > 0 ? Math.round(((v - before) * 1000) / dt) : 0);
    }
    this.throughput = tp;
    const times = new Map<string, [number, number, number]>();
    const rates = new Map<string, [number, number, number]>();
    for (const job of this.jobs) {
      const c = job.graph.counters;
      job.graph.nodes.forEach((node, i) => {
        const key = `${job.id}/${node.id}`;
        const now3: [number, number, number] = [c.busyMs[i]!, c.backPressuredMs[i]!, c.idleMs[i]!];
        const before = this.lastTimes.get(key) ?? [0, 0, 0];
        const spent = now3[0] - before[0] + (now3[1] - before[1]) + (now3[2] - before[2]);
        rates.set(key, spent > 0 ? [0, 1, 2].map((k) => Math.round(((now3[k]! - before[k]!) * 1000) / spent)) as [number, number, number] : [0, 0, 1000]);
        times.set(key, now3);
      });
    }
    this.lastTimes = times;
    this.taskTimes = rates;
    this.lastSample = { now, recordsIn: counters };
    this.history.record(this.snapshot(now));
  }

  samples(): MetricsSnapshot[] {
    return this.history.all();
  }

  snapshot(now: number): MetricsSnapshot {
    return {
      now,
      operators: this.jobs.flatMap((job) => this.operatorMetrics(job)),
      tables: this.tables.map(({ name, store: s }) => {
        const newest = s.newestVisibleEventTime(now);
        const fluctuation = s.fluctuationWindows?.() ?? null;
        return {
          name,
          rows: s.visibleCount(now),
          freshnessMs: newest === null ? null : Math.max(0, now - newest),
          changes: s.changes(now),
          parseErrors: s.parseErrors(),
          ...(s.lakeMetrics ? { lake: s.lakeMetrics(now) } : {}),
          ...(fluctuation ? { fluctuation: this.fluctuation(fluctuation) } : {}),
        };
      }),
      sources: this.jobs.flatMap((job) => job.sourceLag(now).map((l) => ({ jobId: job.id, ...l }))),
      checkpoints: this.checkpointMetrics(),
      jobs: this.jobs.map((job) => this.jobMetrics(job)),
    };
  }

  private jobMetrics(job: JobRuntime): JobMetrics {
    const heap = job.memory.last;
    return {
      id: job.id,
      status: job.status,
      restarts: job.restarts,
      lastFailure: job.lastFailure,
      heapUsedBytes: heap.taskManagerBytes,
      heapMaxBytes: this.config.taskHeapBytes,
      jobManagerHeapUsedBytes: heap.jobManagerBytes,
      jobManagerHeapMaxBytes: this.config.jobManagerHeapBytes,
      checkpointHistory: job.checkpoints.history.map((r) => ({ ...r })),
      failovers: job.failovers.map((f) => ({ ...f })),
      sink: job.graph.delivery.metrics(job.id),
    };
  }

  /** A window inside one tick lasts one tick at the scheduler's resolution. */
  private fluctuation(w: { windows: number; missingMs: number; sameTickWindows: number }): FluctuationMetrics {
    const missingMs = w.missingMs + w.sameTickWindows * this.config.tickMs;
    const pollIntervalMs = this.config.dashboardPollMs;
    return { windows: w.windows, missingMs, wrongReads: Math.round((missingMs / pollIntervalMs) * 100) / 100, pollIntervalMs };
  }

  private operatorMetrics(job: JobRuntime): OperatorMetrics[] {
    const graph = job.graph;
    return graph.nodes.map((node, i) => {
      let stateRows = 0;
      let stateBytes = 0;
      const op = graph.ops[i];
      if (op) {
        const s = op.stateSize();
        stateRows = s.rows;
        stateBytes = s.bytes;
      } else if (node.kind === 'Source' || node.kind === 'Values') {
        const source = graph.sourceAt(i);
        stateBytes = source ? source.reader.stateBytes() : 0;
      } else if (node.kind === 'Sink') stateBytes = graph.writer.stateBytes();
      return {
        jobId: job.id,
        operatorId: node.id,
        kind: node.kind,
        recordsIn: graph.counters.recordsIn[i]!,
        recordsOut: graph.counters.recordsOut[i]!,
        throughput: this.throughput.get(`${job.id}/${node.id}`) ?? 0,
        busyTimeMsPerSecond: this.taskTimes.get(`${job.id}/${node.id}`)?.[0] ?? 0,
        backPressuredTimeMsPerSecond: this.taskTimes.get(`${job.id}/${node.id}`)?.[1] ?? 0,
        idleTimeMsPerSecond: this.taskTimes.get(`${job.id}/${node.id}`)?.[2] ?? 1000,
        stateRows,
        stateBytes,
        ...(op?.lateDropped ? { numLateRecordsDropped: op.lateDropped() } : {}),
      };
    });
  }

  /** Completed and failed over all jobs; duration and time of the latest completed one. */
  private checkpointMetrics(): MetricsSnapshot['checkpoints'] {
    let completed = 0;
    let failed = 0;
    let lastDurationMs: number | null = null;
    let lastCompletedAt: number | null = null;
    for (const job of this.jobs) {
      const stats = job.checkpoints.stats;
      completed += stats.completed;
      failed += stats.failed;
      const at = stats.lastCompletedAt;
      if (at !== null && (lastCompletedAt === null || at >= lastCompletedAt)) {
        lastCompletedAt = at;
        lastDurationMs = stats.lastDurationMs;
      }
    }
    return { completed, failed, lastDurationMs, lastCompletedAt };
  }
}
