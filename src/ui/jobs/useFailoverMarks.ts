// The failover marks for the time charts, recomputed only when a failure or restore happens (the
// selector returns a string, so a metrics update without one re-renders nothing). Comparing, run
// B's failovers are marked too (tagged `run: 'B'`, drawn apart).
import { useMemo } from 'react';
import { useSimStore, useStudio } from '../studio/context';
import { failoverMarks, type TimeMark } from './jobSeries';
import type { MetricsSnapshot } from '../../engine/api';
import { useCompareStore } from '../compare/useCompare';

function failoverKey(latest: MetricsSnapshot | null, jobId: string | undefined): string {
  let key = '';
  for (const job of latest?.jobs ?? [])
    if (jobId === undefined || job.id === jobId) for (const f of job.failovers ?? []) key += `${job.id}@${f.failedAt}:${f.restoredAt}:${f.checkpointId};`;
  return key;
}

export function useFailoverMarks(jobId?: string): TimeMark[] {
  const studio = useStudio();
  const key = useSimStore((s) => failoverKey(s.latest, jobId));
  const keyB = useCompareStore((s) => (s.active ? failoverKey(s.latest, jobId) : ''));
  return useMemo(
    () => [
      ...(key === '' ? [] : failoverMarks(studio.sim.getState().latest, jobId)),
      ...(keyB === '' ? [] : failoverMarks(studio.compare.getState().latest, jobId, 'B')),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, keyB],
  );
}
