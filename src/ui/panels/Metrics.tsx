import { useEffect, useMemo, useState } from 'react';
import { useThrottled } from './useThrottled';
import { useSimStore } from '../studio/context';
import { UPlotChart } from './UPlotChart';
import { CHARTS } from './metricsSeries';
import { overlaySeries } from '../compare/overlay';
import { useCompareHistory } from '../compare/useCompare';
import { formatBytes, formatCount, formatDuration, formatDurationShort } from '../format';
import type { MetricsSnapshot } from '../../engine/api';
import { useFailoverMarks } from '../jobs/useFailoverMarks';

type Pick = (s: MetricsSnapshot) => [string, number | null][];

const seconds = (v: number) => formatDuration(v * 1000);
const secondsAxis = (v: number) => formatDurationShort(v * 1000);

const DEFS: { id: string; title: string; unit: string; description: string; pick: Pick; format(v: number): string; axis?(v: number): string; integer?: boolean }[] = [
  {
    id: 'lag-records',
    title: 'Source lag',
    unit: 'records',
    integer: true,
    description: 'Records waiting in each source’s input that its job has not read yet; one line per source table and job.',
    pick: CHARTS.lagRecords,
    format: formatCount,
  },
  {
    id: 'lag-seconds',
    title: 'Source lag',
    unit: 'time',
    description: 'How far behind the newest input each source reads, in virtual time; one line per source table and job.',
    pick: CHARTS.lagSeconds,
    format: seconds,
    axis: secondsAxis,
  },
  {
    id: 'freshness',
    title: 'Table freshness',
    unit: 'time',
    description: 'Virtual now minus the newest event time a reader of each table can see; lower is fresher.',
    pick: CHARTS.freshness,
    format: seconds,
    axis: secondsAxis,
  },
  {
    id: 'throughput',
    title: 'Operator throughput',
    unit: 'records/s',
    integer: true,
    description: 'Records each operator emits per virtual second; one line per job/operator.',
    pick: CHARTS.throughput,
    format: formatCount,
  },
  {
    id: 'state-bytes',
    title: 'Operator state size',
    unit: 'bytes',
    integer: true,
    description: 'Keyed state each stateful operator holds (aggregates, joins); grows with keys, shrinks with state TTL.',
    pick: CHARTS.stateBytes,
    format: formatBytes,
  },
  {
    id: 'state',
    title: 'Operator state',
    unit: 'rows',
    integer: true,
    description: 'Rows of keyed state each stateful operator holds.',
    pick: CHARTS.stateRows,
    format: formatCount,
  },
];

export function Metrics({ visible }: { visible: boolean }) {
  const playing = useSimStore((s) => s.playing);
  const history = useThrottled(
    useSimStore((s) => s.history),
    playing ? 1000 : 0,
  );
  const checkpoints = useSimStore((s) => s.latest?.checkpoints ?? null);
  const marks = useFailoverMarks();
  // Comparing: every chart overlays run B (dashed) on run A.
  const historyB = useCompareHistory(visible, playing);
  const charts = useMemo(
    () =>
      visible
        ? DEFS.map((d) => {
            const s = overlaySeries(history, historyB, d.pick, 400);
            return { ...d, labels: s.labels, data: s.data, styles: s.styles };
          })
        : [],
    [history, historyB, visible],
  );
  // Charts are created one per frame, not all in one task.
  const [mounted, setMounted] = useState(0);
  const ready = visible && history.length > 0;
  useEffect(() => {
    if (!ready) {
      setMounted(0);
      return;
    }
    if (mounted >= DEFS.length) return;
    const id = requestAnimationFrame(() => setMounted((m) => m + 1));
    return () => cancelAnimationFrame(id);
  }, [ready, mounted]);
  if (!visible) return null;
  if (history.length === 0) {
    return (
      <div className="empty muted" data-testid="metrics.empty">
        Press ▶ Play to run the simulation: lag, freshness, throughput and state charts fill in as virtual time passes.
      </div>
    );
  }
  return (
    <div className="metrics">
      <div className="metrics-summary muted small" data-testid="metrics.summary">
        {history.length} metrics snapshots over {formatDuration(history.at(-1)!.now)} of virtual time{history.length > 400 ? ' (charts show 400 points, downsampled)' : ''} · hover a chart for values, click a legend entry to hide or show its line
        {marks.length > 0 && (
          <span data-testid="metrics.failovers">
            {' '}
            · <span className="mark-failure">✕</span> failure <span className="mark-restore">↻</span> restore marked on every chart
          </span>
        )}
        {checkpoints && (
          <>
            {' '}
            · checkpoints {checkpoints.completed} completed, {checkpoints.failed} failed
            {checkpoints.lastDurationMs !== null && `, last took ${formatDuration(checkpoints.lastDurationMs)}`}
          </>
        )}
      </div>
      <div className="chart-grid">
        {charts.slice(0, mounted).map((c) => (
          <UPlotChart
            key={c.id}
            testId={`metrics.chart.${c.id}`}
            title={c.title}
            unit={c.unit}
            description={c.description}
            series={c.labels}
            data={c.data}
            format={c.format}
            axisFormat={c.axis ?? c.format}
            integer={c.integer ?? false}
            marks={marks}
            styles={c.styles}
          />
        ))}
      </div>
    </div>
  );
}
