// A job's checkpoints, as Flink's Checkpoints tab: counts, the latest completed and failed one,
// a chart of duration, alignment and size per checkpoint, and the history, newest first, with
// each failure's reason. The engine's snapshots each hold the last 10 (web.checkpoints.history);
// the view joins them over the run.
import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { CheckpointRecordMetrics, MetricsSnapshot } from '../../engine/api';
import { UPlotChart } from '../panels/UPlotChart';
import { formatBytes, formatDuration, formatDurationShort, formatVirtualTime } from '../format';
import { checkpointCounts, checkpointHistory } from './jobSeries';
import { useFailoverMarks } from './useFailoverMarks';
import { checkpointDurationSummary } from './checkpointStats';
import { useCompileStore } from '../studio/context';

/** Rows the history table shows (the newest); the chart shows every checkpoint seen. */
const TABLE_ROWS = 200;

const STATUS_TEXT: Record<CheckpointRecordMetrics['status'], string> = { completed: '✓ completed', failed: '✕ failed', in_progress: '◌ in progress' };

export function CheckpointsView({ jobId, latest, history }: { jobId: string; latest: MetricsSnapshot; history: readonly MetricsSnapshot[] }) {
  const interval = useCompileStore((s) => s.pipeline?.settings['execution.checkpointing.interval'] ?? null);
  const records = useMemo(() => checkpointHistory(history, latest, jobId), [history, latest, jobId]);
  const counts = checkpointCounts(records);
  const marks = useFailoverMarks(jobId);
  const timing = useMemo(
    // A checkpoint in progress has no duration yet (its record holds the planned one).
    () =>
      [
        records.map((r) => r.triggeredAt / 1000),
        records.map((r) => (r.status === 'in_progress' ? null : r.durationMs / 1000)),
        records.map((r) => (r.status === 'in_progress' ? null : r.alignmentMs / 1000)),
      ] as uPlot.AlignedData,
    [records],
  );
  const size = useMemo(() => [records.map((r) => r.triggeredAt / 1000), records.map((r) => r.stateBytes)] as uPlot.AlignedData, [records]);
  if (interval === null && records.length === 0)
    return (
      <div className="empty muted" data-testid="jobs.checkpoints.off">
        Checkpointing is off: SET 'execution.checkpointing.interval' = '10 s' to take checkpoints (and to commit lake and file sinks as they run).
      </div>
    );
  const lastCompleted = records.filter((r) => r.status === 'completed').at(-1) ?? null;
  const lastFailed = records.filter((r) => r.status === 'failed').at(-1) ?? null;
  const showLock = records.some((r) => r.lockMs > 0);
  const durations = checkpointDurationSummary(records);
  return (
    <div className="checkpoints-view" data-testid="jobs.checkpoints">
      <div className="cp-summary" data-testid="jobs.checkpoints.summary">
        <span>
          <b>{counts.completed}</b> completed
        </span>
        <span className={counts.failed > 0 ? 'cp-bad' : ''}>
          <b>{counts.failed}</b> failed
        </span>
        <span>
          <b>{counts.inProgress}</b> in progress
        </span>
        {lastCompleted && (
          <span className="muted">
            latest completed: #{lastCompleted.id} at {formatVirtualTime(lastCompleted.triggeredAt)}, {formatDuration(lastCompleted.durationMs)}, {formatBytes(lastCompleted.stateBytes)}
          </span>
        )}
        {lastFailed && (
          <span className="cp-bad" title={lastFailed.failure ?? ''}>
            latest failed: #{lastFailed.id} at {formatVirtualTime(lastFailed.triggeredAt)}: {lastFailed.failure}
          </span>
        )}
      </div>
      {durations && (
        <div
          className="cp-summary cp-percentiles"
          data-testid="jobs.checkpoints.percentiles"
          title={`End-to-end duration over the ${durations.count} completed checkpoints seen, as the summary of Flink's Checkpoints tab (percentiles as Commons Math's Percentile).`}
        >
          <span className="muted">duration of {durations.count} completed:</span>
          {(
            [
              ['min', durations.min],
              ['p50', durations.p50],
              ['p90', durations.p90],
              ['p99', durations.p99],
              ['max', durations.max],
            ] as const
          ).map(([label, ms]) => (
            <span key={label} data-testid={`jobs.checkpoints.${label}`}>
              {label} <b>{formatDuration(ms)}</b>
            </span>
          ))}
        </div>
      )}
      <div className="cp-body">
        <div className="cp-table-wrap">
          <table className="jobs-table cp-table" data-testid="jobs.checkpoints.table">
            <thead>
              <tr>
                <th>ID</th>
                <th>status</th>
                <th>triggered</th>
                <th title="End to end duration (a failed one: until it failed)">duration</th>
                <th title="Barrier alignment behind in-flight records (unaligned checkpoints: none)">alignment</th>
                {showLock && <th title="The legacy lake reader's checkpoint lock">lock</th>}
                <th title="Checkpointed size">size</th>
                <th>failure reason</th>
              </tr>
            </thead>
            <tbody>
              {records
                .slice(-TABLE_ROWS)
                .reverse()
                .map((r) => (
                  <tr key={r.id} className={`cp-${r.status}`} data-testid="jobs.checkpoint" data-status={r.status}>
                    <td>{r.id}</td>
                    <td className={`cp-status cp-${r.status}`}>{STATUS_TEXT[r.status]}</td>
                    <td>{formatVirtualTime(r.triggeredAt)}</td>
                    <td>{r.status === 'in_progress' ? '…' : formatDuration(r.durationMs)}</td>
                    <td>{formatDuration(r.alignmentMs)}</td>
                    {showLock && <td>{formatDuration(r.lockMs)}</td>}
                    <td>{formatBytes(r.stateBytes)}</td>
                    <td className="cause" title={r.failure ?? ''}>
                      {r.failure ?? ''}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
          {records.length === 0 && <div className="muted small pad">No checkpoint yet: the first is triggered one interval ({interval}) after the start.</div>}
        </div>
        <div className="cp-charts">
          <UPlotChart
            testId="jobs.chart.checkpoint-duration"
            title="Checkpoint duration"
            unit="time"
            description="End-to-end duration and barrier alignment of each checkpoint, at the time it was triggered."
            series={['duration', 'alignment']}
            data={timing}
            format={(v) => formatDuration(v * 1000)}
            axisFormat={(v) => formatDurationShort(v * 1000)}
            marks={marks}
          />
          <UPlotChart
            testId="jobs.chart.checkpoint-size"
            title="Checkpointed size"
            unit="bytes"
            description="State each checkpoint wrote (with in-flight records when unaligned)."
            series={['size']}
            data={size}
            format={formatBytes}
            integer
            marks={marks}
          />
        </div>
      </div>
    </div>
  );
}
