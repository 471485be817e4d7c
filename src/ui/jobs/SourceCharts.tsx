// The Sources view of a job: its lake sources over time (scan intervals, pending splits, split
// buffer, fetch and emit lag) and a table of each source now; run B overlaid (dashed) and in its
// own column when comparing. Shows why a legacy source is slow: scans only every
// monitor-interval, splits pile up in the reader's heap, lag saw-tooths.
import { useMemo } from 'react';
import type { MetricsSnapshot } from '../../engine/api';
import { UPlotChart } from '../panels/UPlotChart';
import { formatBytes, formatCount, formatDuration, formatDurationShort } from '../format';
import { overlaySeries } from '../compare/overlay';
import { SOURCE_CHARTS, hasLakeSources } from './sourceSeries';
import type { TimeMark } from './jobSeries';
import { useStaggered } from '../compare/useStaggered';

const seconds = (v: number) => formatDuration(v * 1000);
const secondsAxis = (v: number) => formatDurationShort(v * 1000);
const FORMAT = { duration: seconds, count: formatCount, bytes: formatBytes } as const;
const AXIS = { duration: secondsAxis, count: formatCount, bytes: formatBytes } as const;

export interface RunData {
  latest: MetricsSnapshot | null;
  history: readonly MetricsSnapshot[];
}

/** The lake source charts of `jobId` (every job when null), A alone or A and B overlaid. */
export function SourceCharts({ jobId, a, b, marks, testPrefix = 'jobs.sources' }: { jobId: string | null; a: RunData; b: RunData | null; marks?: readonly TimeMark[]; testPrefix?: string }) {
  const historyB = b ? b.history : null;
  const charts = useMemo(
    () =>
      SOURCE_CHARTS.map((d) => {
        const s = overlaySeries(a.history, historyB, d.pick(jobId), 400);
        return { def: d, ...s };
      }),
    [a.history, historyB, jobId],
  );
  const hasSources = hasLakeSources([a.latest, b?.latest ?? null], jobId);
  const mounted = useStaggered(charts.length, hasSources);
  if (!hasSources) {
    return (
      <div className="empty muted" data-testid={`${testPrefix}.none`}>
        {jobId === null ? 'No job' : `${jobId}`} reads no lake table as a stream: scan intervals, splits and fetch lag are charted for Iceberg sources read with 'streaming' = 'true'.
      </div>
    );
  }
  const rows = (a.latest?.sources ?? []).filter((x) => x.lake && (jobId === null || x.jobId === jobId));
  const twin = (table: string, job: string) => b?.latest?.sources.find((x) => x.table === table && x.jobId === job)?.lake ?? null;
  return (
    <div className="job-sources" data-testid={testPrefix}>
      <table className="jobs-table" data-testid={`${testPrefix}.table`}>
        <thead>
          <tr>
            <th>source</th>
            {b && <th>run</th>}
            <th>architecture</th>
            <th title="avgScanIntervalMs: mean time between two scans">scans every</th>
            <th>scans</th>
            <th title="pendingSplits">pending</th>
            <th title="splitBufferBytes">buffer</th>
            <th title="currentFetchEventTimeLag">fetch lag</th>
            <th title="currentEmitEventTimeLag">emit lag</th>
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((x) => {
            const runs = b ? ([['A', x.lake!], ['B', twin(x.table, x.jobId)]] as const) : ([['', x.lake!]] as const);
            return runs.map(([run, m]) => (
              <tr key={`${x.jobId}/${x.table}/${run}`} data-testid={`${testPrefix}.row`} data-table={x.table} data-run={run || 'A'} data-architecture={m?.architecture ?? ''}>
                <td>{run === 'B' ? '' : `${x.table}${jobId === null ? ` (${x.jobId})` : ''}`}</td>
                {b && <td>{run}</td>}
                <td>{m ? (m.architecture === 'flip27' ? 'FLIP-27' : 'legacy') : '–'}</td>
                <td>{m ? formatDuration(m.avgScanIntervalMs) : '–'}</td>
                <td>{m ? formatCount(m.scans) : '–'}</td>
                <td>{m ? formatCount(m.pendingSplits) : '–'}</td>
                <td>{m ? formatBytes(m.splitBufferBytes) : '–'}</td>
                <td>{m ? formatDuration(m.currentFetchEventTimeLag) : '–'}</td>
                <td>{m ? formatDuration(m.currentEmitEventTimeLag) : '–'}</td>
              </tr>
            ));
          })}
        </tbody>
      </table>
      <div className="job-source-charts">
        {charts.slice(0, mounted).map((c) => (
          <UPlotChart
            key={c.def.id}
            testId={`${testPrefix}.chart.${c.def.id}`}
            title={c.def.title}
            unit={c.def.unit}
            description={c.def.description}
            series={c.labels}
            data={c.data}
            styles={c.styles}
            format={FORMAT[c.def.kind]}
            axisFormat={AXIS[c.def.kind]}
            integer={c.def.kind !== 'duration'}
            {...(marks ? { marks } : {})}
          />
        ))}
      </div>
    </div>
  );
}
