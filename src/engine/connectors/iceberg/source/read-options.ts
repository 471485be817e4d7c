// The options of a streaming read of a lake table (`'streaming' = 'true'`), parsed once per
// source. Flink's Iceberg read options (FlinkReadOptions / ScanContext in apache/iceberg) with
// their defaults and ScanContext's validation messages, then the Freshet extensions of
// docs/iceberg.md ("Streaming reads"): the changelog read, the skip options (named after
// Iceberg's Spark streaming options) and the talk's FLIP-27 additions.
import { ConnectorError } from '../../../errors';
import { parseDuration } from '../../../common/duration';
import { boolOption, intOption } from '../../store';

export const STARTING_STRATEGIES = [
  'TABLE_SCAN_THEN_INCREMENTAL',
  'INCREMENTAL_FROM_LATEST_SNAPSHOT',
  'INCREMENTAL_FROM_EARLIEST_SNAPSHOT',
  'INCREMENTAL_FROM_SNAPSHOT_ID',
  'INCREMENTAL_FROM_SNAPSHOT_TIMESTAMP',
] as const;
export type StartingStrategy = (typeof STARTING_STRATEGIES)[number];

/** Iceberg's `read.split.target-size` (TableProperties.SPLIT_SIZE_DEFAULT): 128 MiB. */
export const SPLIT_SIZE_DEFAULT = 134_217_728;
/** Iceberg's `read.split.open-file-cost` (TableProperties.SPLIT_OPEN_FILE_COST_DEFAULT): 4 MiB. */
export const SPLIT_OPEN_FILE_COST_DEFAULT = 4_194_304;
/** FlinkReadOptions.MONITOR_INTERVAL_OPTION default `60s`. */
export const MONITOR_INTERVAL_DEFAULT_MS = 60_000;

export interface StreamingReadOptions {
  readonly monitorIntervalMs: number;
  readonly startingStrategy: StartingStrategy;
  readonly startSnapshotId: number | null;
  /** Epoch ms (a value below the simulation epoch is read as virtual ms and shifted). */
  readonly startSnapshotTimestamp: number | null;
  readonly maxPlanningSnapshotCount: number;
  readonly splitSizeBytes: number;
  readonly splitOpenFileCostBytes: number;
  /** Freshet extensions (see docs/iceberg.md). */
  readonly skipDeleteSnapshots: boolean;
  readonly skipOverwriteSnapshots: boolean;
  readonly changelog: boolean;
  readonly adaptive: boolean;
  readonly adaptiveBufferThreshold: number;
  readonly snapshotMode: 'merged' | 'sequential';
  readonly partitionParallel: boolean;
  readonly watermarkCommitTime: boolean;
}

/** Whether a read's options (lower-cased keys) ask for a streaming read. */
export function isStreamingRead(options: Record<string, string>): boolean {
  return (options['streaming'] ?? '').trim().toLowerCase() === 'true';
}

function fail(option: string, message: string): never {
  throw new ConnectorError({ option, message });
}

function longOption(options: Record<string, string>, key: string): number | null {
  const v = options[key];
  if (v === undefined) return null;
  const n = Number(v.trim());
  if (!Number.isInteger(n) || n < 0) fail(key, `option '${key}' must be a whole number, not '${v}'`);
  return n;
}

/** Parses and validates a streaming read's options as ScanContext does; throws ConnectorError. */
export function streamingReadOptions(options: Record<string, string>, epochMs: number): StreamingReadOptions {
  // ScanContext.validate for streaming readers.
  if (options['snapshot-id'] !== undefined) fail('snapshot-id', 'Cannot set snapshot-id option for streaming reader');
  if (options['as-of-timestamp'] !== undefined) fail('as-of-timestamp', 'Cannot set as-of-timestamp option for streaming reader');
  if (options['end-snapshot-id'] !== undefined) fail('end-snapshot-id', 'Cannot set end-snapshot-id option for streaming reader');
  const intervalText = options['monitor-interval'];
  let monitorIntervalMs = MONITOR_INTERVAL_DEFAULT_MS;
  if (intervalText !== undefined) {
    const ms = parseDuration(intervalText);
    if (ms === null || ms <= 0) fail('monitor-interval', `option 'monitor-interval' must be a duration such as '60s' or '1 min', not '${intervalText}'`);
    monitorIntervalMs = ms;
  }
  const startSnapshotId = longOption(options, 'start-snapshot-id');
  const ts = longOption(options, 'start-snapshot-timestamp');
  const startSnapshotTimestamp = ts === null ? null : ts < epochMs ? ts + epochMs : ts;
  if (startSnapshotId !== null && startSnapshotTimestamp !== null)
    fail('start-snapshot-id', 'Cannot specify more than one of start-snapshot-id, start-tag, or start-snapshot-timestamp.');
  const strategyText = options['starting-strategy'];
  let startingStrategy: StartingStrategy;
  if (strategyText !== undefined) {
    const upper = strategyText.trim().toUpperCase();
    const found = STARTING_STRATEGIES.find((s) => s === upper);
    if (!found) fail('starting-strategy', `option 'starting-strategy' must be one of ${STARTING_STRATEGIES.join(', ')}, not '${strategyText}'`);
    startingStrategy = found;
  } else {
    // Flink's legacy monitor starts after start-snapshot-id without a strategy; the strategy the
    // option implies keeps both sources alike.
    startingStrategy =
      startSnapshotId !== null ? 'INCREMENTAL_FROM_SNAPSHOT_ID' : startSnapshotTimestamp !== null ? 'INCREMENTAL_FROM_SNAPSHOT_TIMESTAMP' : 'INCREMENTAL_FROM_LATEST_SNAPSHOT';
  }
  if (startingStrategy === 'INCREMENTAL_FROM_SNAPSHOT_ID') {
    if (startSnapshotId === null) fail('start-snapshot-id', 'Invalid starting snapshot id for SPECIFIC_START_SNAPSHOT_ID strategy: null');
    if (startSnapshotTimestamp !== null) fail('start-snapshot-timestamp', 'Invalid starting snapshot timestamp for SPECIFIC_START_SNAPSHOT_ID strategy: not null');
  }
  if (startingStrategy === 'INCREMENTAL_FROM_SNAPSHOT_TIMESTAMP') {
    if (startSnapshotTimestamp === null) fail('start-snapshot-timestamp', 'Invalid starting snapshot timestamp for SPECIFIC_START_SNAPSHOT_TIMESTAMP strategy: null');
    if (startSnapshotId !== null) fail('start-snapshot-id', 'Invalid starting snapshot id for SPECIFIC_START_SNAPSHOT_ID strategy: not null');
  }
  const maxPlanningSnapshotCount = intOption(options, 'max-planning-snapshot-count', 2_147_483_647, 0);
  if (maxPlanningSnapshotCount <= 0) fail('max-planning-snapshot-count', 'The max-planning-snapshot-count must be greater than zero');
  const mode = (options['scan.snapshot-mode'] ?? 'merged').trim().toLowerCase();
  if (mode !== 'merged' && mode !== 'sequential') fail('scan.snapshot-mode', `option 'scan.snapshot-mode' must be 'merged' or 'sequential', not '${options['scan.snapshot-mode']}'`);
  return {
    monitorIntervalMs,
    startingStrategy,
    startSnapshotId,
    startSnapshotTimestamp,
    maxPlanningSnapshotCount,
    splitSizeBytes: intOption(options, 'split-size', SPLIT_SIZE_DEFAULT, 1),
    splitOpenFileCostBytes: intOption(options, 'split-file-open-cost', SPLIT_OPEN_FILE_COST_DEFAULT, 0),
    skipDeleteSnapshots: boolOption(options, 'streaming-skip-delete-snapshots', false),
    skipOverwriteSnapshots: boolOption(options, 'streaming-skip-overwrite-snapshots', false),
    changelog: boolOption(options, 'streaming.changelog', false),
    adaptive: boolOption(options, 'scan.adaptive', false),
    adaptiveBufferThreshold: intOption(options, 'scan.adaptive.buffer-threshold', 8, 1),
    snapshotMode: mode,
    partitionParallel: boolOption(options, 'scan.partition-parallel', false),
    watermarkCommitTime: boolOption(options, 'watermark.commit-time', false),
  };
}
