// The declarative description of a connector and of a format: its option keys, types, defaults,
// one-line docs and what the simulator does with each. These specs are the single source for
// option validation (edit/check-options.ts), completion and hover (edit/catalog.ts,
// edit/language/), docs/dialect.md's option tables (checked by connectors/docs.test.ts) and
// the coming Flink exporter. Docs follow the semantics of Flink's connector and format
// documentation; Freshet's own additions are flagged (`freshet: true`).
import type { SinkChanges } from '../plan/capabilities';

export type OptionType =
  | 'string'
  | 'int'
  | 'long'
  | 'double'
  | 'boolean'
  | 'duration'
  | 'memory'
  | 'enum'
  | 'timestamp';

export interface OptionSpec {
  /** The key as written; `#` stands for a column name (`fields.#.kind`). */
  key: string;
  type: OptionType;
  /** Default as it would be written in the script; absent when there is none. */
  default?: string;
  required: boolean;
  /** One line. */
  doc: string;
  /** Allowed values for enums (and suggested values for strings). */
  values?: string[];
  /** A Freshet simulator option that Flink does not have. */
  freshet?: boolean;
  /**
   * What the simulator does with it. Absent: simulated. `none`: kept for export and has no
   * effect on a simulation (addresses, credentials, file layout). `unsimulated`: changes what
   * Flink does, but the simulator ignores it (compile warns).
   */
  effect?: 'none' | 'unsimulated';
  /**
   * For a required option the simulation can do without: what it does instead (compile warns
   * that Flink requires the option and says this).
   */
  fallback?: string;
}

export interface ConnectorSpec {
  name: string;
  doc: string;
  /** Can be read (source) and/or written (sink). */
  source: boolean;
  sink: boolean;
  /** False for connectors the engine reserves but does not run yet. */
  supported: boolean;
  /** Needs a PRIMARY KEY (upsert-kafka; jdbc when written with updates). */
  requiresPrimaryKey: boolean;
  /** Accepts `format` / `value.format` options. */
  usesFormat: boolean;
  /** Keys under this prefix pass through unchecked (Kafka client `properties.*`). */
  passThroughPrefix?: string;
  options: OptionSpec[];
  /**
   * What a table of this connector takes as a sink, from its options (lower-cased keys), as
   * Flink's `getChangelogMode` answers; absent: every change (`any`).
   */
  sinkChanges?: (options: Record<string, string>) => SinkChanges;
  /**
   * True when the sink makes rows visible only when a checkpoint completes or its input ends
   * (Flink's Iceberg committer): a streaming job without checkpointing never commits.
   */
  commitsOnCheckpoint?: boolean;
  /** The sink replaces contents on INSERT OVERWRITE (Flink's SupportsOverwrite; batch mode only). */
  supportsOverwrite?: boolean;
  /** The sink, with these (lower-cased) options, drops UPDATE_BEFORE rows (plan/capabilities.ts). */
  ignoresUpdateBefore?: (options: Record<string, string>) => boolean;
}

export interface FormatSpec {
  name: string;
  doc: string;
  /** Carries row kinds (+I -U +U -D) rather than inserts only. */
  changelog: boolean;
  options: OptionSpec[];
}

// Options several connectors share.

export const scanParallelism: OptionSpec = {
  key: 'scan.parallelism',
  type: 'int',
  required: false,
  doc: 'Parallelism of the source operator; by default `parallelism.default`.',
};

export const sinkParallelism: OptionSpec = {
  key: 'sink.parallelism',
  type: 'int',
  required: false,
  doc: 'Parallelism of the sink operator; by default the parallelism of the upstream operator.',
};

/** True when `key` matches `pattern`, where `#` in the pattern stands for one column name. */
export function optionKeyMatches(pattern: string, key: string): boolean {
  if (!pattern.includes('#')) return pattern === key;
  const [pre, post] = pattern.split('#') as [string, string];
  return key.length > pre.length + post.length && key.startsWith(pre) && key.endsWith(post);
}
