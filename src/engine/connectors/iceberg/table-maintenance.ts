// Maintenance triggered by table options, as Iceberg's Flink TableMaintenance runs it after the
// sink's commits (`org.apache.iceberg.flink.maintenance`): each task has a TriggerEvaluator that
// accumulates the TableChange of the commits since the task last ran (commit count, data file
// count and bytes) and fires when any configured threshold is reached or its interval has passed.
// The option keys are Iceberg's `flink-maintenance.*` keys (FlinkMaintenanceConfig.PREFIX;
// RewriteDataFilesConfig, ExpireSnapshotsConfig, ConvertEqualityDeletesConfig), read here from
// the table's WITH options; `<task>.enabled` switches a task on (FlinkWriteOptions).
//
// Freshet runs a triggered task at once, inside the commit that triggered it (Iceberg runs it in
// a separate post-commit operator chain under a lock, shortly after), and checks intervals only
// at commits (Iceberg's TriggerManager also re-checks on timers). Order within one commit: expire
// snapshots, then convert equality deletes, then rewrite data files, so expiry never removes the
// committer's last snapshot (which carries `flink.max-committed-checkpoint-id` for a restore).
import { ConnectorError } from '../../errors';
import { FileContent } from './content-file';
import { convertEqualityDeletes } from './convert-equality-deletes';
import { expireSnapshots } from './expire-snapshots';
import { EntryStatus } from './manifest';
import { rewriteDataFiles } from './rewrite-data-files';
import type { Snapshot } from './snapshot';
import type { IcebergTable } from './table';

export const MAINTENANCE_PREFIX = 'flink-maintenance.';

export type MaintenanceTaskName = 'rewrite' | 'expire-snapshots' | 'convert-equality-deletes';

/** A task's trigger: Iceberg's TriggerEvaluator thresholds (null = not configured). */
export interface MaintenanceTrigger {
  readonly commitCount: number | null;
  readonly dataFileCount: number | null;
  readonly dataFileSizeInBytes: number | null;
  readonly intervalMs: number | null;
}

export interface MaintenanceConfig {
  readonly rewrite: {
    readonly enabled: boolean;
    readonly trigger: MaintenanceTrigger;
    readonly minInputFiles: number | undefined;
    readonly deleteFileThreshold: number | undefined;
    readonly rewriteAll: boolean;
  };
  readonly expire: {
    readonly enabled: boolean;
    readonly trigger: MaintenanceTrigger;
    readonly maxSnapshotAgeMs: number | undefined;
    readonly retainLast: number | undefined;
  };
  readonly convert: { readonly enabled: boolean; readonly trigger: MaintenanceTrigger };
}

/** Iceberg's defaults (RewriteDataFilesConfig, ExpireSnapshotsConfig, ConvertEqualityDeletesConfig). */
export const MAINTENANCE_DEFAULTS = {
  rewriteCommitCount: 10,
  rewriteDataFileCount: 1000,
  rewriteDataFileSize: 107_374_182_400,
  rewriteIntervalSecond: 600,
  expireCommitCount: 10,
  expireIntervalSecond: 3600,
  convertCommitCount: 1,
} as const;

/** The maintenance options of a table (lower-cased keys); throws ConnectorError on a bad value. */
export function maintenanceConfig(properties: Readonly<Record<string, string>>): MaintenanceConfig {
  const raw = (key: string): string | undefined => properties[MAINTENANCE_PREFIX + key];
  const bool = (key: string): boolean => {
    const v = raw(key);
    if (v === undefined) return false;
    const l = v.trim().toLowerCase();
    if (l !== 'true' && l !== 'false') throw new ConnectorError({ option: MAINTENANCE_PREFIX + key, message: `option '${MAINTENANCE_PREFIX + key}' must be 'true' or 'false', not '${v}'` });
    return l === 'true';
  };
  const num = (key: string, fallback: number | null, min = 1): number | null => {
    const v = raw(key);
    if (v === undefined) return fallback;
    const n = Number(v.trim());
    if (!Number.isSafeInteger(n) || n < min)
      throw new ConnectorError({ option: MAINTENANCE_PREFIX + key, message: `option '${MAINTENANCE_PREFIX + key}' must be a whole number of at least ${min}, not '${v}'` });
    return n;
  };
  const seconds = (key: string, fallback: number | null): number | null => {
    const s = num(key, fallback);
    return s === null ? null : s * 1000;
  };
  return {
    rewrite: {
      enabled: bool('rewrite.enabled'),
      trigger: {
        commitCount: num('rewrite.schedule.commit-count', MAINTENANCE_DEFAULTS.rewriteCommitCount),
        dataFileCount: num('rewrite.schedule.data-file-count', MAINTENANCE_DEFAULTS.rewriteDataFileCount),
        dataFileSizeInBytes: num('rewrite.schedule.data-file-size', MAINTENANCE_DEFAULTS.rewriteDataFileSize),
        intervalMs: seconds('rewrite.schedule.interval-second', MAINTENANCE_DEFAULTS.rewriteIntervalSecond),
      },
      // RewriteDataFilesConfig passes `flink-maintenance.rewrite.<option>` to the planner.
      minInputFiles: num('rewrite.min-input-files', null) ?? undefined,
      deleteFileThreshold: num('rewrite.delete-file-threshold', null) ?? undefined,
      rewriteAll: bool('rewrite.rewrite-all'),
    },
    expire: {
      enabled: bool('expire-snapshots.enabled'),
      trigger: {
        commitCount: num('expire-snapshots.schedule.commit-count', MAINTENANCE_DEFAULTS.expireCommitCount),
        dataFileCount: null,
        dataFileSizeInBytes: null,
        intervalMs: seconds('expire-snapshots.schedule.interval-second', MAINTENANCE_DEFAULTS.expireIntervalSecond),
      },
      maxSnapshotAgeMs: ((s) => (s === null ? undefined : s * 1000))(num('expire-snapshots.max-snapshot-age-seconds', null, 0)),
      retainLast: num('expire-snapshots.retain-last', null) ?? undefined,
    },
    convert: {
      enabled: bool('convert-equality-deletes.enabled'),
      trigger: {
        commitCount: num('convert-equality-deletes.schedule.commit-count', MAINTENANCE_DEFAULTS.convertCommitCount),
        dataFileCount: null,
        dataFileSizeInBytes: null,
        intervalMs: seconds('convert-equality-deletes.schedule.interval-second', null),
      },
    },
  };
}

/** What the commits since a task last ran changed (Iceberg's TableChange, the parts modelled). */
interface TableChange {
  commitCount: number;
  dataFileCount: number;
  dataFileSizeInBytes: number;
}

/** A maintenance commit (or expiry) one trigger caused. */
export interface MaintenanceRun {
  readonly task: MaintenanceTaskName;
  readonly atMs: number;
  /** The snapshot it committed; null for expiry (which changes metadata only) or nothing to do. */
  readonly snapshot: Snapshot | null;
  /** Snapshots expired (expire-snapshots). */
  readonly expiredSnapshots: number;
}

class TaskTrigger {
  private change: TableChange = { commitCount: 0, dataFileCount: 0, dataFileSizeInBytes: 0 };

  constructor(
    private readonly trigger: MaintenanceTrigger,
    private lastRunMs: number,
  ) {}

  add(c: TableChange): void {
    this.change.commitCount += c.commitCount;
    this.change.dataFileCount += c.dataFileCount;
    this.change.dataFileSizeInBytes += c.dataFileSizeInBytes;
  }

  /** TriggerEvaluator.check: any configured threshold reached, or the interval passed. */
  fires(nowMs: number): boolean {
    if (this.change.commitCount === 0) return false;
    const t = this.trigger;
    return (
      (t.commitCount !== null && this.change.commitCount >= t.commitCount) ||
      (t.dataFileCount !== null && this.change.dataFileCount >= t.dataFileCount) ||
      (t.dataFileSizeInBytes !== null && this.change.dataFileSizeInBytes >= t.dataFileSizeInBytes) ||
      (t.intervalMs !== null && nowMs - this.lastRunMs >= t.intervalMs)
    );
  }

  ran(nowMs: number): void {
    this.change = { commitCount: 0, dataFileCount: 0, dataFileSizeInBytes: 0 };
    this.lastRunMs = nowMs;
  }
}

/** The maintenance of one lake table: call `afterCommit` with every batch of committer snapshots. */
export class TableMaintenance {
  private readonly expire: TaskTrigger | null;
  private readonly convert: TaskTrigger | null;
  private readonly rewrite: TaskTrigger | null;
  readonly runs: MaintenanceRun[] = [];

  constructor(
    private readonly config: MaintenanceConfig,
    startMs: number,
  ) {
    this.expire = config.expire.enabled ? new TaskTrigger(config.expire.trigger, startMs) : null;
    this.convert = config.convert.enabled ? new TaskTrigger(config.convert.trigger, startMs) : null;
    this.rewrite = config.rewrite.enabled ? new TaskTrigger(config.rewrite.trigger, startMs) : null;
  }

  get enabled(): boolean {
    return this.expire !== null || this.convert !== null || this.rewrite !== null;
  }

  /** After the committer committed `snapshots` at `nowMs`: runs the tasks whose triggers fire. */
  afterCommit(table: IcebergTable, snapshots: readonly Snapshot[], nowMs: number): MaintenanceRun[] {
    if (!this.enabled || snapshots.length === 0) return [];
    const change = changeOf(snapshots);
    for (const t of [this.expire, this.convert, this.rewrite]) t?.add(change);
    const out: MaintenanceRun[] = [];
    if (this.expire?.fires(nowMs)) {
      const r = expireSnapshots(table, {
        nowMs,
        ...(this.config.expire.maxSnapshotAgeMs !== undefined ? { olderThanMs: nowMs - this.config.expire.maxSnapshotAgeMs } : {}),
        ...(this.config.expire.retainLast !== undefined ? { retainLast: this.config.expire.retainLast } : {}),
      });
      this.expire.ran(nowMs);
      out.push({ task: 'expire-snapshots', atMs: nowMs, snapshot: null, expiredSnapshots: r.expiredSnapshotIds.length });
    }
    if (this.convert?.fires(nowMs)) {
      // Only v3 tables have deletion vectors (Iceberg's task requires format-version >= 3).
      const snapshot = table.formatVersion >= 3 ? convertEqualityDeletes(table, nowMs).snapshot : null;
      this.convert.ran(nowMs);
      out.push({ task: 'convert-equality-deletes', atMs: nowMs, snapshot, expiredSnapshots: 0 });
    }
    if (this.rewrite?.fires(nowMs)) {
      const c = this.config.rewrite;
      const r = rewriteDataFiles(table, {
        commitTimeMs: nowMs,
        rewriteAll: c.rewriteAll,
        ...(c.minInputFiles !== undefined ? { minInputFiles: c.minInputFiles } : {}),
        ...(c.deleteFileThreshold !== undefined ? { deleteFileThreshold: c.deleteFileThreshold } : {}),
      });
      this.rewrite.ran(nowMs);
      out.push({ task: 'rewrite', atMs: nowMs, snapshot: r.snapshot, expiredSnapshots: 0 });
    }
    this.runs.push(...out);
    return out;
  }
}

/** The TableChange of committed snapshots: commits, and the data files they added. */
function changeOf(snapshots: readonly Snapshot[]): TableChange {
  const change: TableChange = { commitCount: snapshots.length, dataFileCount: 0, dataFileSizeInBytes: 0 };
  for (const s of snapshots)
    for (const m of s.manifests)
      for (const e of m.entries)
        if (e.status === EntryStatus.ADDED && e.snapshotId === s.snapshotId && e.file.content === FileContent.DATA) {
          change.dataFileCount++;
          change.dataFileSizeInBytes += e.file.sizeBytes;
        }
  return change;
}
