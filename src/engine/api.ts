// The types of the engine's public API (src/engine/index.ts). Everything here is plain data that
// a worker can post with structured clone and that the CLI can print as JSON.
import type { ChangelogMode, Diagnostic, Layer, RowKindShort, Span } from './types';

export type { ChangelogMode, Diagnostic, Layer, RowKindShort, Span } from './types';

export interface ColumnInfo {
  name: string;
  /** SQL type as written by Flink, e.g. `DECIMAL(10, 2)`, `TIMESTAMP(3)`. */
  type: string;
  nullable: boolean;
}

export interface HintInfo {
  name: string;
  options: Record<string, string>;
  span: Span;
}

export interface TableInfo {
  name: string;
  layer: Layer;
  connector: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  watermark: { column: string; expression: string } | null;
  partitionedBy: string[];
  options: Record<string, string>;
  comment: string | null;
  /** Where the CREATE TABLE statement stands in the script. */
  span: Span;
}

export type OperatorKind =
  | 'Source'
  | 'Values'
  | 'Calc'
  | 'GroupAggregate'
  | 'Join'
  | 'IntervalJoin'
  | 'TemporalJoin'
  | 'LookupJoin'
  | 'WindowJoin'
  | 'WindowTableFunction'
  | 'WindowAggregate'
  | 'OverAggregate'
  | 'Rank'
  | 'WindowRank'
  | 'Deduplicate'
  | 'Union'
  | 'DropRowKind'
  | 'ToChangelog'
  | 'MergeAction'
  | 'Sink';

export interface OperatorInfo {
  id: number;
  kind: OperatorKind;
  /** Flink-style description, e.g. `GroupAggregate(groupBy=[sku], select=[sku, SUM(amount)])`. */
  label: string;
  changelogMode: ChangelogMode;
  parallelism: number;
  hints: HintInfo[];
  /** Ids of the operators that feed this one. */
  inputs: number[];
}

export interface JobInfo {
  /** Stable within a script: `job-1`, `job-2`, ... in statement order. */
  id: string;
  /** Human name, `INSERT INTO <sink>`. */
  name: string;
  sourceTables: string[];
  sinkTable: string;
  operators: OperatorInfo[];
  /** Where the INSERT statement stands in the script. */
  span: Span;
}

export interface PipelineGraph {
  tables: TableInfo[];
  jobs: JobInfo[];
  /** Every `SET` in the script, last one wins. */
  settings: Record<string, string>;
}

export interface CompileResult {
  diagnostics: Diagnostic[];
  /** Null only when the script cannot be parsed at all. */
  pipeline: PipelineGraph | null;
  /** True when no diagnostic is an error: the script can run. */
  ok: boolean;
}

export interface SimulationOptions {
  seed?: number;
  /** Files a `filesystem` table may read, keyed by the table's `path` option as written. */
  files?: Record<string, string>;
  /** File name used in diagnostics. */
  fileName?: string;
  /**
   * The environment's memory budget for the simulation's state, in bytes, when the script sets
   * no `sim.memory.budget` (default 1 GiB). The runner passes half of Node's heap limit.
   */
  memoryBudgetBytes?: number;
}

export interface TableData {
  columns: ColumnInfo[];
  /** What a reader sees now; timestamps as `YYYY-MM-DD HH:MM:SS[.fff]` strings. */
  rows: unknown[][];
}

export interface ChangelogEntry {
  /** Virtual time of the change, ms since the simulation epoch. */
  time: number;
  kind: RowKindShort;
  row: unknown[];
  /** A keyed print table's change that left its key's row as it was (a -U/+U of the same row, an identical upsert). */
  noop?: true;
}

export interface OperatorMetrics {
  jobId: string;
  operatorId: number;
  kind: OperatorKind;
  recordsIn: number;
  recordsOut: number;
  /** Records per virtual second over the last metrics interval. */
  throughput: number;
  /**
   * Flink's task time metrics over the last metrics interval, ms per virtual second of the
   * busiest subtask: processing, waiting for output buffers (upstream of a bottleneck), waiting
   * for input. They add up to 1000. Optional only so that stand-ins may omit them.
   */
  busyTimeMsPerSecond?: number;
  backPressuredTimeMsPerSecond?: number;
  idleTimeMsPerSecond?: number;
  stateRows: number;
  stateBytes: number;
  /** Records dropped as late by a window operator (Flink's numLateRecordsDropped); present on window operators. */
  numLateRecordsDropped?: number;
}

export interface TableMetrics {
  name: string;
  /** Rows a reader sees now. */
  rows: number;
  /** Virtual now minus the newest visible event time, ms; null when nothing is visible yet. */
  freshnessMs: number | null;
  /** Changes committed to the table so far. */
  changes: number;
  /** Rows skipped by `<format>.ignore-parse-errors`. */
  parseErrors: number;
  /** Present for lake (`iceberg`) tables only. */
  lake?: LakeTableMetrics;
  /** Present for serving tables that apply -U/+U as separate writes (`jdbc` with a key). */
  fluctuation?: FluctuationMetrics;
}

/**
 * Query fluctuation of a serving table (docs/simulation.md, "Query fluctuation"): a reader that
 * lands between a -U (the row deleted) and its +U (the row written again, in a later flush) sees
 * the row missing. Counted so far in the run.
 */
export interface FluctuationMetrics {
  /** Times a key was missing between its -U and +U. */
  windows: number;
  /** Total time keys were missing, ms of virtual time (a window inside one tick counts one tick). */
  missingMs: number;
  /** Reads a dashboard polling the table every `pollIntervalMs` is expected to get wrong: missingMs / pollIntervalMs. */
  wrongReads: number;
  pollIntervalMs: number;
}

/** A lake table's commit state, as the canvas node and the Snapshots view show it. */
export interface LakeTableMetrics {
  formatVersion: 1 | 2 | 3;
  /** Snapshots in the table's metadata (expired ones excluded). */
  snapshots: number;
  currentSnapshotId: number | null;
  /** Live data files and delete files (position, equality, deletion vectors) in the current snapshot. */
  dataFiles: number;
  deleteFiles: number;
  /**
   * Records written to open files by the table's writers, waiting for the next completed checkpoint:
   * data rows and delete records alike (an upsert writes an equality delete and a row), as Iceberg
   * counts records in data and delete files.
   */
  pendingRows: number;
  /** Virtual time of the newest commit, ms since the simulation epoch; null before the first. */
  lastCommitAt: number | null;
}

/** One commit of a lake table: a row of Iceberg's `$snapshots` metadata table. */
export interface LakeSnapshotInfo {
  snapshotId: number;
  parentId: number | null;
  sequenceNumber: number;
  /** Virtual commit time, ms since the simulation epoch. */
  committedAt: number;
  operation: 'append' | 'overwrite' | 'delete' | 'replace';
  /** Iceberg's snapshot summary (`added-data-files`, `added-records`, `total-delete-files`, ...). */
  summary: Record<string, string>;
}

export interface SourceLagMetrics {
  jobId: string;
  table: string;
  /** Records available to the source but not yet read. */
  lagRecords: number;
  /** Age of the oldest unread record, ms. */
  lagMs: number;
  /**
   * The source's current watermark, virtual ms since the simulation epoch: the largest value of
   * the table's `WATERMARK FOR c AS expr` expression over the rows read (newest event time minus
   * the delay). Null when the table has no WATERMARK or no row was read yet. Always set by the
   * engine (optional only so that stand-ins may omit it).
   */
  watermark?: number | null;
  /** Lake (iceberg) streaming reads only (docs/simulation.md, "Lake sources"). */
  lake?: LakeSourceMetrics;
}

/** A lake streaming source's splits and scans, named after Flink's metrics where Flink has them. */
export interface LakeSourceMetrics {
  architecture: 'legacy' | 'flip27';
  /** Splits planned and not yet handed to a reader. */
  pendingSplits: number;
  /** Heap bytes of those splits (the legacy reader's queue, or the FLIP-27 enumerator's). */
  splitBufferBytes: number;
  /** Mean virtual time between two scans of the table the source performed; null before the second. */
  avgScanIntervalMs: number | null;
  /**
   * Virtual time between the source's last two scans; null before the second. The mean hides a
   * change over the run (a backlog that blocks adaptive scanning, then clears): this shows it.
   */
  lastScanIntervalMs: number | null;
  scans: number;
  /** Now minus the commit time of the snapshot last read, ms; null before the first read. */
  currentFetchEventTimeLag: number | null;
  /** Now minus the event time of the records last emitted, ms; null before the first. */
  currentEmitEventTimeLag: number | null;
  /** `scan.partition-parallel`: splits queued for each reader subtask. */
  queuedSplitsPerReader?: number[];
  /** `watermark.commit-time`: the source's watermark (virtual ms, from snapshot commit times). */
  commitTimeWatermark?: number | null;
}

export interface CheckpointMetrics {
  completed: number;
  failed: number;
  lastDurationMs: number | null;
  lastCompletedAt: number | null;
}

export interface MetricsSnapshot {
  /** Virtual time, ms since the simulation epoch. */
  now: number;
  operators: OperatorMetrics[];
  tables: TableMetrics[];
  sources: SourceLagMetrics[];
  checkpoints: CheckpointMetrics;
  /** Per job: status, restarts, heap and checkpoint history (optional only so that stand-ins may omit it). */
  jobs?: JobMetrics[];
}

/** One job (docs/simulation.md, "Memory" and "Checkpoints"). */
export interface JobMetrics {
  id: string;
  /** `restarting`: failed, waiting out its restart strategy's delay. */
  status: 'running' | 'restarting' | 'finished' | 'failed';
  restarts: number;
  /** The failure behind the latest restart or the final failure, e.g. `java.lang.OutOfMemoryError: Java heap space (...)`. */
  lastFailure: string | null;
  /** TaskManager task heap in use after the last tick, and its size (`taskmanager.memory.task.heap.size`). */
  heapUsedBytes: number;
  heapMaxBytes: number;
  /** JobManager heap the job's FLIP-27 enumerators use, and its size (`jobmanager.memory.heap.size`). */
  jobManagerHeapUsedBytes: number;
  jobManagerHeapMaxBytes: number;
  /** The last checkpoints, oldest first. */
  checkpointHistory: CheckpointRecordMetrics[];
  /** Failures and restores, oldest first (the last 50): the studio marks them on its time charts. Optional only so that stand-ins may omit it. */
  failovers?: FailoverEvent[];
  /** What failovers did to the job's sink (docs/simulation.md, "Faults on purpose"). Optional only so that stand-ins may omit it. */
  sink?: SinkDeliveryMetrics;
}

/** One failure of a job and the restore after it. */
export interface FailoverEvent {
  /** Virtual ms of the failure. */
  failedAt: number;
  /** Why it failed, e.g. `...JobMasterException: TaskManager with id ... is no longer reachable`. */
  cause: string;
  /** Virtual ms of the restore; null while the job waits out its restart delay, or when the failure was final. */
  restoredAt: number | null;
  /** The completed checkpoint it restored from; null before a restore, or when no checkpoint had completed (restored from the start). */
  checkpointId: number | null;
  /** The restart strategy gave up: the job failed for good. */
  final: boolean;
}

/**
 * A job's sink across failovers. Changes the sink made visible after the barrier of the checkpoint
 * the job restored from are written again after the restore (`replayedChanges`); they are
 * duplicates a reader sees unless the sink writes by key (`idempotent`). An exactly-once
 * (two-phase-commit) sink replays nothing. Rows are never lost: every source rewinds to its
 * checkpointed position.
 */
export interface SinkDeliveryMetrics {
  jobId: string;
  table: string;
  guarantee: 'exactly-once' | 'at-least-once';
  /** Writes by primary key (jdbc with a key, upsert-kafka, a keyed lake table): a replay overwrites. */
  idempotent: boolean;
  /** Restores of the job so far. */
  failovers: number;
  replayedChanges: number;
  /** Rows a reader sees twice: replayedChanges of a sink that is not idempotent. */
  duplicatedRows: number;
}

export interface CheckpointRecordMetrics {
  id: number;
  /** Virtual ms. */
  triggeredAt: number;
  durationMs: number;
  /** Barrier alignment behind in-flight records, ms. */
  alignmentMs: number;
  /** Time the legacy lake reader held the checkpoint lock to finish its split, ms. */
  lockMs: number;
  stateBytes: number;
  status: 'in_progress' | 'completed' | 'failed';
  failure: string | null;
}

export type SimulationStatus = 'ready' | 'running' | 'finished' | 'failed';

export interface StepResult {
  now: number;
  status: SimulationStatus;
  /** Set when the job failed, e.g. a malformed CSV row: `orders.csv:7: expected 4 fields`. */
  error: string | null;
  /**
   * Where the expression that failed the job stands in the script (e.g. the `a / b` that divided
   * by zero, a CAST of a value that does not convert); absent when the failure has no place in the
   * script (a malformed file row names its file and line in `error`).
   */
  errorSpan?: Span;
}

/** A running simulation of one script. Created by `createSimulation` in src/engine/index.ts. */
export interface Simulation {
  /** Virtual time now, ms since the simulation epoch (`sim.start`, default 2026-01-01 00:00:00 UTC). */
  now(): number;
  /** The epoch as ms since 1970, to display the virtual clock as a date. */
  readonly epochMs: number;
  readonly seed: number;
  readonly pipeline: PipelineGraph;
  status(): SimulationStatus;
  /** Advance by one scheduler tick. */
  step(): StepResult;
  /** Advance the virtual clock by `ms` (or until finished or failed). */
  runFor(ms: number): StepResult;
  /** Run until every bounded source is exhausted and every sink committed, or `maxMs` passed. */
  runToEnd(maxMs?: number): StepResult;
  tableNames(): string[];
  /**
   * Metadata tables of the lake tables (`orders$snapshots`, `orders$history`, `orders$files`,
   * `orders$data_files`, `orders$delete_files`, `orders$manifests`, `orders$partitions`), which
   * `readTable` also reads; empty when the script has no lake table.
   */
  metadataTableNames(): string[];
  /**
   * A table's rows as a reader sees them now; also a metadata table's rows (see metadataTableNames).
   * With `limit`, only the first `limit` of them (a datagen table then generates no more).
   */
  readTable(name: string, limit?: number): TableData;
  /** A lake table's snapshots, oldest first; empty for other tables. */
  lakeSnapshots(name: string): LakeSnapshotInfo[];
  /** The newest `limit` changes committed to a table, oldest first. */
  changelog(name: string, limit?: number): ChangelogEntry[];
  metrics(): MetricsSnapshot;
  /** One snapshot per `sim.metrics.interval` of virtual time since the start. */
  metricsHistory(): MetricsSnapshot[];
  /**
   * Schedules a TaskManager failure at virtual time `atMs` (now or later; an earlier time fires at
   * the next step) for job `jobId`, or for every job when null: the job fails over per its restart
   * strategy. Throws for an unknown job. Optional only so that stand-ins may omit it.
   */
  injectFault?(atMs: number, jobId: string | null): void;
  /** `sim.duration` in ms (the run's length from the start), or null. Optional for stand-ins. */
  durationMs?(): number | null;
  /**
   * A repair against the running pipeline: MERGE INTO / INSERT OVERWRITE statements (`text`, over
   * the script's tables) run once, now, as batch jobs reading the tables as they stand, while the
   * other jobs go on. Diagnostics are located in `text`. Optional only so that stand-ins may omit it.
   */
  runRepair?(text: string, maxMs?: number): RepairResult;
  /**
   * Each repair run on its own copy of the simulation at the current virtual time, observed for
   * `observeMs` (default `sim.repair.observe`): what it changed in its target and what reached the
   * streaming jobs reading it. The simulation itself is not changed.
   */
  compareRepairs?(texts: string[], observeMs?: number): RepairComparison;
}

/**
 * What one repair statement did, measured in the simulation (docs/simulation.md, "Repair impact"):
 * the repair runs on a copy of the simulation replayed to now, a second copy runs on without it
 * for the same virtual time, and every number is the difference between the two.
 */
/** What applying a repair did: its diagnostics (in the repair's text) and how its jobs ended. */
export interface RepairResult {
  diagnostics: Diagnostic[];
  jobIds: string[];
  status: 'finished' | 'failed' | 'rejected' | 'running';
  error: string | null;
}

export interface RepairImpact {
  /** The repair's text as given. */
  text: string;
  status: 'finished' | 'failed' | 'rejected' | 'running';
  error: string | null;
  diagnostics: Diagnostic[];
  /** The tables the repair writes. */
  targets: RepairTargetImpact[];
  /** Streaming jobs of the pipeline that read a repaired table, and what reached them. */
  readers: RepairReaderImpact[];
}

export interface RepairTargetImpact {
  table: string;
  /** Rows the repaired table no longer has and rows it has now (a multiset diff of what a reader sees). */
  rowsRemoved: number;
  rowsAdded: number;
  /** Changes committed to the table: its changelog entries (a lake table: rows in its new data and delete files' commits). */
  changes: number;
}

export interface RepairReaderImpact {
  jobId: string;
  jobName: string;
  /** The repaired table it reads. */
  table: string;
  /** Changes its source of that table emitted because of the repair. */
  received: number;
  /** Changes its sink received because of the repair (how far the repair travelled). */
  emitted: number;
}

/** Repairs compared at one virtual time (each on its own copy of the simulation). */
export interface RepairComparison {
  /** Virtual time the repairs ran at, ms. */
  atMs: number;
  /** How long after each repair the readers were observed (`sim.repair.observe`), ms. */
  observeMs: number;
  runs: RepairImpact[];
  /**
   * True when every finished run left its target tables with the same rows (the same fix), false
   * when they differ; null with fewer than two finished runs.
   */
  sameResult: boolean | null;
}
