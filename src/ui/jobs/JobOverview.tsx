// A job's overview: status and restarts, heap used vs max and restarts over time (failovers
// marked), each operator's backpressure and busy time (Flink's BackPressure tab), the failovers
// and what they did to the sink, and the fault control.
import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { MetricsSnapshot } from '../../engine/api';
import { UPlotChart } from '../panels/UPlotChart';
import { formatBytes, formatCount, formatVirtualTime } from '../format';
import { jobLoad, LEVEL_LABEL, operatorColour, percentOfSecond } from './backpressure';
import { deliverySentence, jobSeries } from './jobSeries';
import { useFailoverMarks } from './useFailoverMarks';
import { FaultControl } from './FaultControl';

/** `latestB`: run B's newest snapshot when comparing (its failovers get rows of their own). */
export function JobOverview({ jobId, latest, history, latestB = null }: { jobId: string; latest: MetricsSnapshot; history: readonly MetricsSnapshot[]; latestB?: MetricsSnapshot | null }) {
  const job = latest.jobs?.find((j) => j.id === jobId) ?? null;
  const load = jobLoad(latest.operators, jobId);
  const marks = useFailoverMarks(jobId);
  const series = useMemo(() => jobSeries(history, jobId), [history, jobId]);
  const heapData = useMemo(() => [series.x, series.heapUsed, series.heapMax] as uPlot.AlignedData, [series]);
  const jmHeapData = useMemo(() => [series.x, series.jmHeapUsed, series.jmHeapMax] as uPlot.AlignedData, [series]);
  // The JobManager heap matters once a FLIP-27 enumerator keeps splits there.
  const usesJobManager = series.jmHeapUsed.some((v) => (v ?? 0) > 0);
  const restartData = useMemo(() => [series.x, series.restarts] as uPlot.AlignedData, [series]);
  const jobB = latestB?.jobs?.find((j) => j.id === jobId) ?? null;
  // Newest first; comparing, each row says its run.
  const failovers = [...(job?.failovers ?? []).map((f) => ({ f, run: latestB ? 'A' : '' })), ...(jobB?.failovers ?? []).map((f) => ({ f, run: 'B' }))].sort(
    (x, y) => y.f.failedAt - x.f.failedAt,
  );
  const delivery = job ? deliverySentence(job) : null;
  return (
    <div className="job-overview">
      <div className="job-facts">
        <dl className="kv job-kv">
          <dt>Status</dt>
          <dd>
            <span className={`job-status status-${job?.status ?? 'running'}`} data-testid="jobs.status">
              {job?.status ?? '–'}
            </span>
          </dd>
          <dt>Restarts</dt>
          <dd data-testid="jobs.restarts">{job?.restarts ?? 0}</dd>
          <dt>Heap</dt>
          <dd>{job ? `${formatBytes(job.heapUsedBytes)} of ${formatBytes(job.heapMaxBytes)}` : '–'}</dd>
          <dt title="JobManager heap the job's FLIP-27 split enumerators use (jobmanager.memory.heap.size)">JM heap</dt>
          <dd data-testid="jobs.jmHeap">{job ? `${formatBytes(job.jobManagerHeapUsedBytes)} of ${formatBytes(job.jobManagerHeapMaxBytes)}` : '–'}</dd>
          {job?.lastFailure && (
            <>
              <dt>Last failure</dt>
              <dd className="job-failure" title={job.lastFailure}>
                {job.lastFailure}
              </dd>
            </>
          )}
          {delivery && (
            <>
              <dt>Sink</dt>
              <dd data-testid="jobs.delivery" data-duplicated={job?.sink?.duplicatedRows ?? 0} data-guarantee={job?.sink?.guarantee}>
                {delivery}
              </dd>
            </>
          )}
        </dl>
        <div className="section-title">Fail on purpose</div>
        <FaultControl jobId={jobId} />
        {failovers.length > 0 && (
          <>
            <div className="section-title">Failovers</div>
            <table className="jobs-table" data-testid="jobs.failovers">
              <thead>
                <tr>
                  {latestB && <th>run</th>}
                  <th>failed at</th>
                  <th>restored at</th>
                  <th>from</th>
                  <th>cause</th>
                </tr>
              </thead>
              <tbody>
                {failovers.map(({ f, run }, i) => (
                    <tr key={i} data-testid="jobs.failover" data-run={run || 'A'}>
                      {latestB && <td>{run}</td>}
                      <td>{formatVirtualTime(f.failedAt)}</td>
                      <td>{f.restoredAt === null ? (f.final ? 'failed for good' : 'restarting…') : formatVirtualTime(f.restoredAt)}</td>
                      <td>{f.restoredAt === null ? '–' : f.checkpointId === null ? 'the start' : `checkpoint ${f.checkpointId}`}</td>
                      <td className="cause" title={f.cause}>
                        {f.cause}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </>
        )}
      </div>
      <div className="job-side">
        <div className="section-title">
          Backpressure <span className={`bp-chip bp-${load.level}`}>{LEVEL_LABEL[load.level]}</span>
          {load.hottest && (
            <span className="muted small job-hot" data-testid="jobs.hottest">
              {' '}
              busiest: #{load.operators.indexOf(load.hottest) + 1} {load.hottest.kind} ({percentOfSecond(load.hottest.busy)} busy)
            </span>
          )}
        </div>
        <table className="jobs-table bp-table" data-testid="jobs.backpressure">
          <thead>
            <tr>
              <th>operator</th>
              <th title="Flink: backPressuredTimeMsPerSecond ≤ 10% OK, ≤ 50% LOW, above HIGH">status</th>
              <th title="busyTimeMsPerSecond">busy</th>
              <th title="backPressuredTimeMsPerSecond">backpr.</th>
              <th title="idleTimeMsPerSecond">idle</th>
              <th>rec/s</th>
            </tr>
          </thead>
          <tbody>
            {load.operators.map((o, i) => (
              <tr key={o.operatorId} data-testid="jobs.operator" data-level={o.level}>
                <td>
                  <span className="op-swatch" style={{ background: operatorColour(o.busy, o.backPressured) }} />#{i + 1} {o.kind}
                </td>
                <td>
                  <span className={`bp-chip bp-${o.level}`}>{LEVEL_LABEL[o.level]}</span>
                </td>
                <td>{percentOfSecond(o.busy)}</td>
                <td>{percentOfSecond(o.backPressured)}</td>
                <td>{percentOfSecond(o.idle)}</td>
                <td>{formatCount(latest.operators.find((m) => m.jobId === jobId && m.operatorId === o.operatorId)?.throughput ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="job-charts">
          <UPlotChart
            testId="jobs.chart.heap"
            title="TaskManager heap"
            unit="bytes"
            description="Task heap in use (state, split buffers, delete files) against its size, taskmanager.memory.task.heap.size."
            series={['used', 'max']}
            data={heapData}
            format={formatBytes}
            integer
            marks={marks}
          />
          {usesJobManager && (
            <UPlotChart
              testId="jobs.chart.jmHeap"
              title="JobManager heap"
              unit="bytes"
              description="Heap the job's FLIP-27 split enumerators use on the JobManager (pending splits) against jobmanager.memory.heap.size."
              series={['used', 'max']}
              data={jmHeapData}
              format={formatBytes}
              integer
              marks={marks}
            />
          )}
          <UPlotChart
            testId="jobs.chart.restarts"
            title="Restarts"
            unit="count"
            description="Restarts the job's restart strategy made so far; ✕ marks a failure, ↻ a restore."
            series={['restarts']}
            data={restartData}
            format={formatCount}
            integer
            marks={marks}
          />
        </div>
      </div>
    </div>
  );
}
