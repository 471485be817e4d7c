// A job's lake sources over time, as the Sources view charts them: scan intervals, pending splits,
// split buffer bytes, fetch and emit lag (the engine's LakeSourceMetrics, named after Flink's
// source metrics). One line per lake table the job reads. Pure.
import type { LakeSourceMetrics, MetricsSnapshot } from '../../engine/api';

type Pick = (s: MetricsSnapshot) => [string, number | null][];

export interface SourceChartDef {
  id: string;
  title: string;
  unit: string;
  description: string;
  kind: 'duration' | 'count' | 'bytes';
  pick(jobId: string | null): Pick;
}

function lakePick(value: (m: LakeSourceMetrics) => number | null) {
  return (jobId: string | null): Pick =>
    (s) =>
      s.sources
        .filter((x) => x.lake && (jobId === null || x.jobId === jobId))
        .map((x) => [jobId === null ? `${x.table} (${x.jobId})` : x.table, value(x.lake!)] as [string, number | null]);
}

const ms = (v: number | null) => (v === null ? null : v / 1000);

export const SOURCE_CHARTS: SourceChartDef[] = [
  {
    id: 'scan-interval',
    title: 'Scan interval',
    unit: 'time',
    kind: 'duration',
    description: 'Virtual time between the source’s last two scans of the table: the monitor-interval timer, or at once when adaptive scanning finds the buffer low.',
    pick: lakePick((m) => ms(m.lastScanIntervalMs)),
  },
  {
    id: 'pending-splits',
    title: 'Pending splits',
    unit: 'splits',
    kind: 'count',
    description: 'Splits planned and not yet read: in the legacy reader’s queue (its heap) or the FLIP-27 enumerator’s (the JobManager’s).',
    pick: lakePick((m) => m.pendingSplits),
  },
  {
    id: 'split-buffer',
    title: 'Split buffer',
    unit: 'bytes',
    kind: 'bytes',
    description: 'Heap bytes of the pending splits; the legacy reader holds them in the TaskManager heap, where they count toward an OutOfMemoryError.',
    pick: lakePick((m) => m.splitBufferBytes),
  },
  {
    id: 'fetch-lag',
    title: 'Fetch lag',
    unit: 'time',
    kind: 'duration',
    description: 'currentFetchEventTimeLag: now minus the commit time of the snapshot last read.',
    pick: lakePick((m) => ms(m.currentFetchEventTimeLag)),
  },
  {
    id: 'emit-lag',
    title: 'Emit lag',
    unit: 'time',
    kind: 'duration',
    description: 'currentEmitEventTimeLag: now minus the event time of the records last emitted downstream.',
    pick: lakePick((m) => ms(m.currentEmitEventTimeLag)),
  },
];

/** True when the job (or, with null, any job) reads a lake table as a stream in any snapshot given. */
export function hasLakeSources(snapshots: readonly (MetricsSnapshot | null)[], jobId: string | null): boolean {
  return snapshots.some((s) => s?.sources.some((x) => x.lake && (jobId === null || x.jobId === jobId)) ?? false);
}
