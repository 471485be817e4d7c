// The Jobs tab: one job at a time, as Flink's web UI shows a job: an overview (status, restarts,
// heap, backpressure per operator, failovers and what they did to the sink, the fault control)
// and its Checkpoints. The job list on the left picks the job (arrow keys move through it).
import { useShallow } from 'zustand/react/shallow';
import type { KeyboardEvent } from 'react';
import { useCompileStore, useSimStore, useUiStore, useStudio } from '../studio/context';
import { useThrottled } from '../panels/useThrottled';
import type { JobView } from '../store/ui';
import type { JobInfo } from '../../engine/api';
import { jobLoad, LEVEL_LABEL } from './backpressure';
import { JobOverview } from './JobOverview';
import { CheckpointsView } from './CheckpointsView';
import { FaultControl } from './FaultControl';
import { SourceCharts } from './SourceCharts';
import { useCompareHistory, useCompareStore } from '../compare/useCompare';
import './jobs.css';

const NO_JOBS: readonly JobInfo[] = [];

const VIEWS: { id: JobView; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'checkpoints', label: 'Checkpoints' },
  { id: 'sources', label: 'Sources' },
];

function JobListItem({ id, name, on, onPick }: { id: string; name: string; on: boolean; onPick(): void }) {
  const summary = useSimStore(
    useShallow((s) => {
      const job = s.latest?.jobs?.find((j) => j.id === id);
      const load = s.latest ? jobLoad(s.latest.operators, id) : null;
      return { status: job?.status ?? null, restarts: job?.restarts ?? 0, level: load?.level ?? null };
    }),
  );
  return (
    <button role="option" aria-selected={on} className={`jobs-item ${on ? 'on' : ''}`} data-testid="jobs.item" data-job={id} onClick={onPick} tabIndex={on ? 0 : -1}>
      <span className="jobs-item-id">{id}</span>
      <span className="jobs-item-name">{name}</span>
      <span className="jobs-item-badges">
        {summary.status && <span className={`job-status status-${summary.status}`}>{summary.status}</span>}
        {summary.level && summary.status === 'running' && (
          <span className={`bp-chip bp-${summary.level}`} title="Backpressure: the worst of the job's operators">
            {LEVEL_LABEL[summary.level]}
          </span>
        )}
        {summary.restarts > 0 && <span className="jobs-item-restarts">↻ {summary.restarts}</span>}
      </span>
    </button>
  );
}

export function JobsTab({ visible }: { visible: boolean }) {
  const studio = useStudio();
  const jobs = useCompileStore((s) => s.pipeline?.jobs ?? NO_JOBS);
  const { picked, view, selection } = useUiStore(useShallow((s) => ({ picked: s.jobsJob, view: s.jobsView, selection: s.selection })));
  const playing = useSimStore((s) => s.playing);
  // The views follow the run once a second while it plays, at once when it stops.
  const latest = useThrottled(
    useSimStore((s) => (visible ? s.latest : null)),
    playing ? 1000 : 0,
  );
  const history = useThrottled(
    useSimStore((s) => (visible ? s.history : null)),
    playing ? 1000 : 0,
  );
  // Comparing: run B's sources beside A's.
  const historyB = useCompareHistory(visible, playing);
  const latestB = useThrottled(
    useCompareStore((s) => (visible && s.active ? s.latest : null)),
    playing ? 1000 : 0,
  );
  if (!visible) return null;
  if (jobs.length === 0) return <div className="empty muted">The script has no jobs: an INSERT INTO ... SELECT makes one.</div>;
  const selected = selection?.kind === 'job' ? selection.id : null;
  const jobId = [picked, selected].find((id) => id !== null && jobs.some((j) => j.id === id)) ?? jobs[0]!.id;
  const job = jobs.find((j) => j.id === jobId)!;
  const ui = studio.ui.getState();
  const onListKey = (e: KeyboardEvent) => {
    const at = jobs.findIndex((j) => j.id === jobId);
    const next = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : -2;
    if (next === -2 || next < 0 || next >= jobs.length) return;
    e.preventDefault();
    ui.setJobsJob(jobs[next]!.id);
    (e.currentTarget.querySelectorAll('button')[next] as HTMLButtonElement | undefined)?.focus();
  };
  return (
    <div className="jobs-view" data-testid="jobs">
      <div className="jobs-list" role="listbox" aria-label="Jobs" onKeyDown={onListKey}>
        {jobs.map((j) => (
          <JobListItem key={j.id} id={j.id} name={j.name} on={j.id === jobId} onPick={() => ui.setJobsJob(j.id)} />
        ))}
      </div>
      <div className="jobs-detail" data-testid="jobs.detail" data-job={jobId}>
        <div className="jobs-head">
          <span className="jobs-title">{job.name}</span>
          <span className="muted small">{job.id}</span>
          <nav className="jobs-views" role="tablist" aria-label="Job views">
            {VIEWS.map((v) => (
              <button key={v.id} role="tab" aria-selected={view === v.id} className={`jobs-view-tab ${view === v.id ? 'on' : ''}`} data-testid={`jobs.view.${v.id}`} onClick={() => ui.setJobsView(v.id)}>
                {v.label}
              </button>
            ))}
          </nav>
        </div>
        {latest === null ? (
          <div className="jobs-empty" data-testid="jobs.empty">
            <div className="muted">Press ▶ Play (or Step) to run the simulation: status, heap, backpressure and checkpoints of {job.id} fill in as virtual time passes.</div>
            <FaultControl jobId={jobId} />
          </div>
        ) : view === 'overview' ? (
          <JobOverview jobId={jobId} latest={latest} history={history ?? []} latestB={latestB} />
        ) : view === 'sources' ? (
          <SourceCharts jobId={jobId} a={{ latest, history: history ?? [] }} b={historyB ? { latest: latestB, history: historyB } : null} />
        ) : (
          <CheckpointsView jobId={jobId} latest={latest} history={history ?? []} />
        )}
      </div>
    </div>
  );
}
