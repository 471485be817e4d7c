// Faults on purpose: fail a job's TaskManager now or at a virtual time. The job then fails over
// per its restart strategy (docs/simulation.md, "Faults on purpose"); the note says what the
// script's strategy will do, since Freshet's default (none) ends the job.
import { useState } from 'react';
import { useCompileStore, useStudio } from '../studio/context';

export function FaultControl({ jobId }: { jobId: string }) {
  const studio = useStudio();
  const [at, setAt] = useState('');
  const [everyJob, setEveryJob] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const strategy = useCompileStore((s) => (s.pipeline?.settings['restart-strategy.type'] ?? 'none').trim().toLowerCase());
  const scripted = useCompileStore((s) => s.pipeline?.settings['sim.fault.taskmanager'] ?? null);
  const inject = async () => {
    if (busy) return;
    setBusy(true);
    const err = await studio.sim.getState().injectFault(at, everyJob ? null : jobId);
    setBusy(false);
    setError(err);
    if (!err) setAt('');
  };
  const restarts = strategy !== 'none' && strategy !== 'off' && strategy !== 'disable';
  return (
    <div className="fault-control" data-testid="jobs.fault">
      <div className="fault-row">
        <label className="field">
          at
          <input
            data-testid="jobs.fault.at"
            value={at}
            placeholder="now"
            size={8}
            aria-label="Virtual time of the TaskManager failure (blank: now)"
            title="Virtual time since the start, e.g. 90s or 2min (a bare number is seconds); blank: now"
            onChange={(e) => {
              setAt(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void inject();
            }}
          />
        </label>
        <label className="fault-every">
          <input type="checkbox" checked={everyJob} onChange={(e) => setEveryJob(e.target.checked)} data-testid="jobs.fault.every" /> every job
        </label>
        <button className="btn small danger" data-testid="jobs.fault.inject" disabled={busy} onClick={() => void inject()}>
          Fail TaskManager
        </button>
      </div>
      {error && (
        <div className="inline-error" role="alert" data-testid="jobs.fault.error">
          {error}
        </div>
      )}
      <div className={`muted small fault-note ${restarts ? '' : 'warn'}`} data-testid="jobs.fault.note">
        {restarts
          ? `restart-strategy.type is ${strategy}: the job restarts from its last completed checkpoint.`
          : "restart-strategy.type is none (Freshet's default): the job fails for good. SET 'restart-strategy.type' = 'fixed-delay' to watch it restart."}
        {scripted && <> Scripted faults: {scripted}.</>}
      </div>
    </div>
  );
}
