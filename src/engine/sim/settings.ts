// Every simulator setting (`SET 'sim.*'`) and the Flink settings the simulator reads, with their
// defaults. docs/simulation.md documents the same list; the editor's catalog can import SIM_SETTINGS.

import { parseDuration } from '../common/duration';
import { parseTimestamp } from '../common/time-text';
import { SettingsError } from '../errors';
import type { LakeSourceEnv } from '../connectors/iceberg/source/streaming-reader';
import { parseMemorySize } from '../common/memory-size';
import { isBatchRuntimeMode, RUNTIME_MODE_KEY } from '../common/runtime-mode';
import type { LakeReadCost } from '../connectors/iceberg/read-cost';
import { parseFaultList, type TaskManagerFault } from './faults';

export interface SimSettingSpec {
  key: string;
  default: string | null;
  doc: string;
}

export const SIM_SETTINGS: SimSettingSpec[] = [
  { key: 'sim.start', default: '2026-01-01 00:00:00', doc: 'Virtual clock at the start of the simulation (UTC).' },
  { key: 'sim.tick', default: '100 ms', doc: 'Virtual time the scheduler advances per step.' },
  { key: 'sim.duration', default: null, doc: 'How long a run lasts (virtual time); needed when a source is unbounded.' },
  { key: 'sim.jitter', default: '0.2', doc: 'Seeded variation of how much a source reads per tick and where batches are cut (0 = none).' },
  { key: 'sim.batch.splits', default: '4', doc: 'At most this many cuts of one source read into smaller batches (only when sim.jitter > 0).' },
  { key: 'sim.metrics.interval', default: '1 s', doc: 'Virtual time between metrics history samples.' },
  { key: 'sim.metrics.max-samples', default: '2000', doc: 'History samples kept; when full, every other one is dropped and the interval doubles.' },
  { key: 'sim.dashboard.poll-interval', default: '5 s', doc: "How often a dashboard reads each serving table: query fluctuation counts the reads that would miss a row between its -U and +U. Default: Grafana's min_refresh_interval (5 s), the fastest a stock Grafana dashboard refreshes." },
  { key: 'sim.repair.observe', default: '2 min', doc: "How long after a repair its downstream impact is counted: the changes the streaming readers of the repaired table receive in that time. Default: twice Iceberg's monitor-interval (60 s), so a lake reader discovers the repair's commit." },
  { key: 'sim.changelog.max-entries', default: '1000', doc: 'Changes kept per table for the changelog view (and rows kept by print sinks).' },
  { key: 'sim.cost.source.rps', default: '200000', doc: 'Records one source subtask reads per virtual second.' },
  { key: 'sim.cost.calc.rps', default: '1000000', doc: 'Records one Calc (filter/project) subtask handles per virtual second.' },
  { key: 'sim.cost.aggregate.rps', default: '200000', doc: 'Records one GroupAggregate subtask handles per virtual second.' },
  { key: 'sim.cost.join.rps', default: '150000', doc: 'Records one Join subtask handles per virtual second.' },
  { key: 'sim.cost.union.rps', default: '1000000', doc: 'Records one Union subtask handles per virtual second.' },
  { key: 'sim.cost.drop.rps', default: '1000000', doc: 'Records one DropRowKind subtask handles per virtual second.' },
  { key: 'sim.cost.sink.rps', default: '100000', doc: 'Records one sink subtask writes per virtual second.' },
  { key: 'sim.cost.checkpoint.bytes-per-second', default: '52428800', doc: 'State bytes a checkpoint writes per virtual second (50 MB/s).' },
  { key: 'sim.cost.checkpoint.base-ms', default: '50', doc: 'Fixed virtual time of every checkpoint, ms.' },
  { key: 'execution.checkpointing.interval', default: null, doc: 'Flink: checkpoint interval. Unset = no checkpoints; file sinks then commit at end of input.' },
  { key: 'execution.checkpointing.timeout', default: '10 min', doc: 'Flink: a checkpoint that takes longer fails.' },
  { key: 'parallelism.default', default: '1', doc: 'Flink: parallelism of every operator (read by the planner).' },
  { key: 'table.exec.state.ttl', default: '0 ms', doc: 'Flink: job-wide state TTL (0 = keep forever; read by the runtime).' },
  { key: 'table.exec.iceberg.use-flip27-source', default: 'true', doc: 'Iceberg: streaming reads use the FLIP-27 IcebergSource (true) or the legacy monitor + reader (false).' },
  { key: 'table.optimizer.reuse-sub-plan-enabled', default: 'true', doc: 'Flink: scans (and sub-plans) of one job with equal digests are one (read by the planner).' },
  { key: 'table.optimizer.reuse-source-enabled', default: 'true', doc: 'Flink: scans of one table with equal push-downs (projection, filter) share one source (read by the planner).' },
  { key: 'table.optimizer.reuse-source-merge-enabled', default: 'false', doc: 'Freshet extension (the source talk): every read of a table in a job is one source reading the union of columns and the OR of filters; each read filters after.' },
  { key: 'sim.cost.iceberg.plan.manifest-read-ms', default: '20', doc: 'Virtual ms a bounded lake read spends per manifest while planning its scan.' },
  { key: 'sim.cost.iceberg.read.delete-file-open-ms', default: '20', doc: 'Virtual ms a bounded lake read spends opening one delete file (or deletion vector) for one data file it applies to.' },
  { key: 'sim.cost.iceberg.split.heap-bytes', default: '4096', doc: 'Heap bytes of one queued split object (its scan task: schema, spec, file metadata).' },
  { key: 'sim.memory.budget', default: null, doc: "Bytes of operator state all jobs may hold together (and of changes one operator may emit at once, divided by 128) before the run fails with a sentence; unset: the host's default (half of Node's heap limit in the runner, 1 GiB elsewhere)." },
  { key: 'sim.cost.iceberg.split.file-ref-bytes', default: '1024', doc: 'Heap bytes per data or delete file a queued split references (path, partition, column stats).' },
  { key: 'sim.cost.iceberg.reader.rps', default: '700000', doc: 'Records one lake streaming reader subtask reads per virtual second (the source talk: 700k records/s per FLIP-27 reader task).' },
  { key: 'taskmanager.memory.task.heap.size', default: '384 mb', doc: "Flink: a job's TaskManager task heap (what Flink derives from the default taskmanager.memory.process.size 1728m); state, split buffers and loaded delete files count against it." },
  { key: 'jobmanager.memory.heap.size', default: '1024 mb', doc: "Flink: the JobManager heap (what Flink derives from the default jobmanager.memory.process.size 1600m); FLIP-27 enumerators' pending splits count against it." },
  { key: 'restart-strategy.type', default: 'none', doc: 'Flink: none, fixed-delay or exponential-delay. Freshet defaults to none (Flink restarts with exponential-delay when checkpointing is on).' },
  { key: 'restart-strategy.fixed-delay.attempts', default: '1', doc: 'Flink: restarts before the job fails for good.' },
  { key: 'restart-strategy.fixed-delay.delay', default: '1 s', doc: 'Flink: delay before each restart.' },
  { key: 'restart-strategy.exponential-delay.initial-backoff', default: '1 s', doc: 'Flink: delay before the first restart.' },
  { key: 'restart-strategy.exponential-delay.max-backoff', default: '1 min', doc: 'Flink: the longest delay.' },
  { key: 'restart-strategy.exponential-delay.backoff-multiplier', default: '1.5', doc: 'Flink: each delay is the previous one times this.' },
  { key: 'restart-strategy.exponential-delay.attempts-before-reset-backoff', default: '2147483647', doc: 'Flink: restarts before the job fails for good.' },
  { key: 'execution.checkpointing.tolerable-failed-checkpoints', default: '0', doc: 'Flink: consecutive failed checkpoints a job tolerates; one more fails the job.' },
  { key: 'execution.checkpointing.unaligned.enabled', default: 'false', doc: 'Flink: barriers overtake in-flight records (no alignment wait; the in-flight records are checkpointed).' },
  { key: 'sim.fault.taskmanager', default: null, doc: "TaskManager failures on purpose: a comma-separated list of DURATION[@JOB] (virtual time since the start, and the job whose TaskManager is lost; without a job, every job's), e.g. '30 s, 2 min@job-2'. The job fails over per its restart strategy." },
  { key: 'sim.cost.network.inflight-bytes', default: '327680', doc: 'Bytes of records queued in front of a barrier per input channel under backpressure (Flink: 2 exclusive + 8 floating 32 KiB buffers).' },
];

export function defaultOf(key: string): string | null {
  return SIM_SETTINGS.find((s) => s.key === key)?.default ?? null;
}

/** Resolved simulator configuration. Durations in ms. */
export interface SimConfig {
  epochMs: number;
  tickMs: number;
  durationMs: number | null;
  jitter: number;
  batchSplits: number;
  metricsIntervalMs: number;
  metricsMaxSamples: number;
  changelogMaxEntries: number;
  rps: { source: number; calc: number; aggregate: number; join: number; union: number; drop: number; sink: number };
  checkpointBytesPerSecond: number;
  checkpointBaseMs: number;
  checkpointIntervalMs: number | null;
  checkpointTimeoutMs: number;
  /** `sim.memory.budget` in bytes; null: the host's default (sim/memory-budget.ts). */
  memoryBudgetBytes: number | null;
  stateTtlMs: number;
  /** How lake streaming sources run (docs/simulation.md, "Lake sources"). */
  lakeSource: LakeSourceEnv;
  lakeReaderRps: number;
  taskHeapBytes: number;
  jobManagerHeapBytes: number;
  restart: RestartSettings;
  tolerableFailedCheckpoints: number;
  unalignedCheckpoints: boolean;
  inflightBytesPerChannel: number;
  /** The cost of a bounded lake read (connectors/iceberg/read-cost.ts). */
  lakeRead: LakeReadCost;
  /**
   * `execution.runtime-mode` = 'batch': jobs run one after another in statement order, each to
   * its end, and write final results only (docs/simulation.md, "Batch mode").
   */
  batchMode: boolean;
  /** `sim.dashboard.poll-interval`: the reader the query fluctuation metric assumes. */
  dashboardPollMs: number;
  /** `sim.repair.observe`: how long after a repair its downstream impact is counted. */
  repairObserveMs: number;
  /** `sim.fault.taskmanager`: TaskManager failures to inject (sim/faults.ts). */
  faults: TaskManagerFault[];
}

export type RestartSettings =
  | { type: 'none' }
  | { type: 'fixed-delay'; attempts: number; delayMs: number }
  | { type: 'exponential-delay'; initialBackoffMs: number; maxBackoffMs: number; multiplier: number; attempts: number };

/** Resolves the script's settings (last SET wins) against the defaults. Throws SettingsError. */
export function resolveSimConfig(settings: Record<string, string>): SimConfig {
  const raw = (key: string): string | null => {
    const v = settings[key];
    return v === undefined ? defaultOf(key) : v;
  };
  const duration = (key: string, allowZero = true): number | null => {
    const v = raw(key);
    if (v === null) return null;
    const ms = parseDuration(v);
    if (ms === null || (!allowZero && ms <= 0))
      throw new SettingsError({ key, message: `'${key}' must be a duration such as '100 ms', '10 s' or '5 min', not '${v}'` });
    return ms;
  };
  const number = (key: string, min: number, max = Infinity): number => {
    const v = raw(key)!;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max)
      throw new SettingsError({
        key,
        message: `'${key}' must be a number${max === Infinity ? ` of at least ${min}` : ` between ${min} and ${max}`}, not '${v}'`,
      });
    return n;
  };
  const bool = (key: string): boolean => {
    const v = raw(key)!.trim().toLowerCase();
    if (v !== 'true' && v !== 'false') throw new SettingsError({ key, message: `'${key}' must be 'true' or 'false', not '${raw(key)}'` });
    return v === 'true';
  };
  const memory = (key: string): number => {
    const v = raw(key)!;
    const bytes = parseMemorySize(v);
    if (bytes === null || bytes <= 0) throw new SettingsError({ key, message: `'${key}' must be a memory size such as '384 mb' or '1g', not '${v}'` });
    return bytes;
  };
  const restartSettings = (): RestartSettings => {
    const type = raw('restart-strategy.type')!.trim().toLowerCase();
    if (type === 'none' || type === 'off' || type === 'disable') return { type: 'none' };
    if (type === 'fixed-delay' || type === 'fixeddelay')
      return { type: 'fixed-delay', attempts: Math.floor(number('restart-strategy.fixed-delay.attempts', 0)), delayMs: duration('restart-strategy.fixed-delay.delay')! };
    if (type === 'exponential-delay' || type === 'exponentialdelay')
      return {
        type: 'exponential-delay',
        initialBackoffMs: duration('restart-strategy.exponential-delay.initial-backoff')!,
        maxBackoffMs: duration('restart-strategy.exponential-delay.max-backoff')!,
        multiplier: number('restart-strategy.exponential-delay.backoff-multiplier', 1),
        attempts: Math.floor(number('restart-strategy.exponential-delay.attempts-before-reset-backoff', 1)),
      };
    throw new SettingsError({ key: 'restart-strategy.type', message: `'restart-strategy.type' must be none, fixed-delay or exponential-delay, not '${raw('restart-strategy.type')}'` });
  };
  const faultText = raw('sim.fault.taskmanager') ?? '';
  const faults = parseFaultList(faultText);
  if (typeof faults === 'string') throw new SettingsError({ key: 'sim.fault.taskmanager', message: `'sim.fault.taskmanager': ${faults}` });
  const startText = raw('sim.start')!;
  const epochMs = parseTimestamp(startText, 'data');
  if (epochMs === null)
    throw new SettingsError({ key: 'sim.start', message: `'sim.start' must be a timestamp such as '2026-01-01 00:00:00', not '${startText}'` });
  const ttl = duration('table.exec.state.ttl') ?? 0;
  return {
    epochMs,
    tickMs: duration('sim.tick', false)!,
    durationMs: duration('sim.duration'),
    jitter: number('sim.jitter', 0, 1),
    batchSplits: Math.floor(number('sim.batch.splits', 0)),
    metricsIntervalMs: duration('sim.metrics.interval', false)!,
    metricsMaxSamples: Math.max(2, Math.floor(number('sim.metrics.max-samples', 2))),
    changelogMaxEntries: Math.floor(number('sim.changelog.max-entries', 0)),
    rps: {
      source: number('sim.cost.source.rps', 1),
      calc: number('sim.cost.calc.rps', 1),
      aggregate: number('sim.cost.aggregate.rps', 1),
      join: number('sim.cost.join.rps', 1),
      union: number('sim.cost.union.rps', 1),
      drop: number('sim.cost.drop.rps', 1),
      sink: number('sim.cost.sink.rps', 1),
    },
    checkpointBytesPerSecond: number('sim.cost.checkpoint.bytes-per-second', 1),
    checkpointBaseMs: number('sim.cost.checkpoint.base-ms', 0),
    checkpointIntervalMs: duration('execution.checkpointing.interval', false),
    checkpointTimeoutMs: duration('execution.checkpointing.timeout', false)!,
    stateTtlMs: ttl,
    memoryBudgetBytes: raw('sim.memory.budget') === null ? null : number('sim.memory.budget', 1024 * 1024),
    lakeRead: {
      manifestReadMs: number('sim.cost.iceberg.plan.manifest-read-ms', 0),
      deleteFileOpenMs: number('sim.cost.iceberg.read.delete-file-open-ms', 0),
      deleteRowsPerSecond: number('sim.cost.source.rps', 1),
    },
    dashboardPollMs: duration('sim.dashboard.poll-interval', false)!,
    repairObserveMs: duration('sim.repair.observe')!,
    batchMode: isBatchRuntimeMode(settings[RUNTIME_MODE_KEY]),
    lakeSource: {
      flip27: bool('table.exec.iceberg.use-flip27-source'),
      splitHeapBytes: number('sim.cost.iceberg.split.heap-bytes', 0),
      splitFileRefBytes: number('sim.cost.iceberg.split.file-ref-bytes', 0),
    },
    lakeReaderRps: number('sim.cost.iceberg.reader.rps', 1),
    taskHeapBytes: memory('taskmanager.memory.task.heap.size'),
    jobManagerHeapBytes: memory('jobmanager.memory.heap.size'),
    restart: restartSettings(),
    tolerableFailedCheckpoints: Math.floor(number('execution.checkpointing.tolerable-failed-checkpoints', 0)),
    unalignedCheckpoints: bool('execution.checkpointing.unaligned.enabled'),
    inflightBytesPerChannel: number('sim.cost.network.inflight-bytes', 0),
    faults,
  };
}
