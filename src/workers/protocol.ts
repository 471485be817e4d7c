// What the studio and the engine worker say to each other. Plain data (structured clone).
import type {
  ChangelogEntry,
  CompileResult,
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

/** The functions of src/engine/index.ts the worker uses. Completion and hover are optional. */
export interface EngineModule {
  compile(script: string, options?: { fileName?: string }): CompileResult;
  createSimulation(script: string, options: SimulationOptions): Simulation;
  complete?(script: string, offset: number): CompletionEntry[];
  hover?(script: string, offset: number): HoverEntry | null;
}

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
