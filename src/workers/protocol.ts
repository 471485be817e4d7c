// What the studio and the engine worker say to each other. Plain data (structured clone). The
// data types are the engine's own (src/engine/index.ts), imported, never copied.
import type * as Engine from '../engine/index';
import type {
  AddTableSpec,
  ChangelogEntry,
  CompileResult,
  CompletionItem,
  ExportOptions,
  ExportResult,
  HoverInfo,
  LakeSnapshotInfo,
  LineageTrace,
  MetricsSnapshot,
  PipelineGraph,
  RepairComparison,
  RepairResult,
  Simulation,
  SimulationOptions,
  SimulationStatus,
  StatementRange,
  StatementRef,
  TableData,
  TextRange,
} from '../engine/index';

/** Virtual seconds per wall second, or as fast as the worker can go. */
export type Speed = 1 | 10 | 60 | 600 | 'max';

/** An edit's outcome: the new script and what to select, or why it was refused (a sentence). */
export type EditReply =
  | { ok: true; script: string; selection?: TextRange; readers?: StatementRef[] }
  | { ok: false; message: string };

/** The script edit services of src/engine/index.ts the worker runs. */
type EditServiceName =
  | 'addTable'
  | 'connectTables'
  | 'renameTable'
  | 'deleteTable'
  | 'deleteStatement'
  | 'replaceStatement'
  | 'readersOf'
  | 'statementAt'
  | 'jobStatementRange';

/**
 * The functions of src/engine/index.ts the worker uses: the worker entry passes the engine module
 * itself. A simulation is any `Simulation` (tests pass stand-ins).
 */
export type EngineModule = Pick<typeof Engine, 'compile' | 'complete' | 'hover' | 'columnLineage' | 'upstreamOf' | 'downstreamOf' | 'exportFlinkSql' | EditServiceName> & {
  createSimulation(script: string, options: SimulationOptions): Simulation;
};

/** An edit the worker makes with the engine's edit services. */
export type EditRequest =
  | { op: 'addTable'; spec: AddTableSpec }
  | { op: 'connectTables'; source: string; target: string }
  | { op: 'renameTable'; from: string; to: string }
  | { op: 'deleteTable'; name: string }
  | { op: 'deleteStatement'; range: TextRange }
  | { op: 'replaceStatement'; range: TextRange; text: string };

export interface LoadResult {
  ok: boolean;
  compile: CompileResult;
  /** Present when a simulation was (re)created. */
  epochMs: number | null;
  now: number | null;
  seed: number | null;
  /** Why it did not start, in a sentence. */
  message: string | null;
}

/** Sent at most 10 times a second while running, and once when a run stops. */
export interface SimUpdate {
  now: number;
  status: SimulationStatus;
  /** True while the play loop is going. */
  playing: boolean;
  error: string | null;
  /** Metrics snapshots recorded since the previous update (a delta, oldest first). */
  snapshots: MetricsSnapshot[];
  /** The metrics right now. */
  latest: MetricsSnapshot;
  /**
   * Virtual seconds per wall second over the last two seconds of play; null when not playing or
   * too early to tell. Optional only so that older stand-ins may omit it.
   */
  achievedSpeed?: number | null;
}

/** One column's lineage over the script as it stands, or why there is none (a sentence). */
export type LineageReply = { ok: true; upstream: LineageTrace; downstream: LineageTrace } | { ok: false; message: string };

export interface EngineWorkerApi {
  compile(script: string, fileName?: string): CompileResult;
  /** Empty when completion fails. */
  complete(script: string, offset: number): CompletionItem[];
  hover(script: string, offset: number): HoverInfo | null;
  /** The script as Flink SQL for a real cluster, with its compatibility report (the Export dialog). */
  exportFlinkSql(script: string, options: ExportOptions): ExportResult;
  /** Applies one script edit with the engine's edit services; never throws. */
  edit(script: string, request: EditRequest): EditReply;
  readersOf(script: string, name: string): StatementRef[];
  statementAt(script: string, offset: number): StatementRange | null;
  jobStatementRange(script: string, job: string): StatementRange | null;
  /** Every column upstream and downstream of `table.column`, from the script's plan; never throws. */
  lineage(script: string, table: string, column: string): LineageReply;
  load(script: string, options: SimulationOptions): LoadResult;
  subscribe(listener: (update: SimUpdate) => void): void;
  play(speed: Speed, runForMs: number | null): void;
  setSpeed(speed: Speed): void;
  /** The virtual time a playing run does not pass (compare mode keeps two runs in step); null for none. */
  setHorizon(ms: number | null): void;
  pause(): void;
  step(): SimUpdate | null;
  reset(): LoadResult;
  tableNames(): string[];
  /** The lake tables' metadata tables (`orders$snapshots`, ...), which readTable reads; empty without a simulation. */
  metadataTableNames(): string[];
  readTable(name: string): TableData;
  /** A lake table's commits, oldest first; empty for other tables or without a simulation. */
  lakeSnapshots(name: string): LakeSnapshotInfo[];
  changelog(name: string, limit?: number): ChangelogEntry[];
  metricsHistory(): MetricsSnapshot[];
  pipeline(): PipelineGraph | null;
  /**
   * A TaskManager failure for job `jobId` (every job when null) at virtual time `atMs`, or at the
   * next step when null. Returns when it fires, or why it cannot (no simulation, unknown job).
   */
  injectFault(atMs: number | null, jobId: string | null): FaultReply;
  /**
   * A repair (MERGE INTO / INSERT OVERWRITE) at the current virtual time: each of `texts` runs on
   * its own copy of the simulation and is measured (Simulation.compareRepairs); with `apply`, the
   * first is then run once on the live simulation. A playing simulation is paused first.
   */
  repair(texts: string[], apply: boolean): RepairReply;
}

export type RepairReply =
  | { ok: true; comparison: RepairComparison; applied: RepairResult | null; now: number }
  | { ok: false; message: string };

export type FaultReply = { ok: true; atMs: number } | { ok: false; message: string };
