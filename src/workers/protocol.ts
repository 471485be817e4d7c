// What the studio and the engine worker say to each other. Plain data (structured clone).
import type {
  ChangelogEntry,
  CompileResult,
  Layer,
  MetricsSnapshot,
  PipelineGraph,
  Simulation,
  SimulationOptions,
  SimulationStatus,
  TableData,
} from '../engine/api';

/** Virtual seconds per wall second, or as fast as the worker can go. */
export type Speed = 1 | 10 | 60 | 600 | 'max';

/** A range of the script as the engine's editing services give it. */
export interface TextRange {
  offset: number;
  length: number;
}

export interface CompletionEntry {
  label: string;
  kind: string;
  insertText: string;
  snippet?: string;
  detail?: string;
  documentation?: string;
  range: TextRange;
}

export interface HoverEntry {
  contents: string;
  range: TextRange;
}

/** A new table as the palette asks for it (the engine's AddTableSpec). */
export interface NewTableSpec {
  name: string;
  connector: string;
  layer?: Layer;
  columns?: { name: string; type: string }[];
  primaryKey?: string[];
}

/** A statement of the script (the engine's StatementRef): what the delete dialog lists. */
export interface StatementRefEntry {
  range: TextRange;
  line: number;
  kind: string;
  summary: string;
}

/** A statement range (the engine's StatementRange): what a per-job editor opens. */
export interface StatementRangeEntry extends TextRange {
  kind: string;
  text: string;
}

/** An edit's outcome: the new script and what to select, or why it was refused (a sentence). */
export type EditReply =
  | { ok: true; script: string; selection?: TextRange; readers?: StatementRefEntry[] }
  | { ok: false; message: string };

/** The script edit services of src/engine/index.ts (pure functions from script text to script text). */
export interface EditModule {
  addTable(script: string, spec: NewTableSpec): { script: string; selection?: TextRange };
  connectTables(script: string, source: string, target: string): { script: string; selection?: TextRange };
  renameTable(script: string, oldName: string, newName: string): { script: string; selection?: TextRange };
  deleteTable(script: string, name: string): { script: string; selection?: TextRange; readers: StatementRefEntry[] };
  deleteStatement(script: string, range: TextRange): { script: string; selection?: TextRange };
  replaceStatement(script: string, range: TextRange, text: string): { script: string; selection?: TextRange };
  readersOf(script: string, name: string): StatementRefEntry[];
  statementAt(script: string, offset: number): StatementRangeEntry | null;
  jobStatementRange(script: string, job: number | string): StatementRangeEntry | null;
}

/** The functions of src/engine/index.ts the worker uses. Completion, hover and edits are optional (tests leave them out). */
export interface EngineModule extends Partial<EditModule> {
  compile(script: string, options?: { fileName?: string }): CompileResult;
  createSimulation(script: string, options: SimulationOptions): Simulation;
  complete?(script: string, offset: number): CompletionEntry[];
  hover?(script: string, offset: number): HoverEntry | null;
}

/** An edit the worker makes with the engine's edit services. */
export type EditRequest =
  | { op: 'addTable'; spec: NewTableSpec }
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
}

export interface EngineWorkerApi {
  compile(script: string, fileName?: string): CompileResult;
  /** Empty when the engine does not offer completion. */
  complete(script: string, offset: number): CompletionEntry[];
  hover(script: string, offset: number): HoverEntry | null;
  /** Applies one script edit with the engine's edit services; never throws. */
  edit(script: string, request: EditRequest): EditReply;
  readersOf(script: string, name: string): StatementRefEntry[];
  statementAt(script: string, offset: number): StatementRangeEntry | null;
  jobStatementRange(script: string, job: string): StatementRangeEntry | null;
  load(script: string, options: SimulationOptions): LoadResult;
  subscribe(listener: (update: SimUpdate) => void): void;
  play(speed: Speed, runForMs: number | null): void;
  setSpeed(speed: Speed): void;
  pause(): void;
  step(): SimUpdate | null;
  reset(): LoadResult;
  tableNames(): string[];
  readTable(name: string): TableData;
  changelog(name: string, limit?: number): ChangelogEntry[];
  metricsHistory(): MetricsSnapshot[];
  pipeline(): PipelineGraph | null;
}
