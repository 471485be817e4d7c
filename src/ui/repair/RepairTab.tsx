// The Repair tab: the talk's section 3 in one place. Left, a repair (MERGE INTO or INSERT
// OVERWRITE) run once as a batch job at the current virtual time against the live tables, with
// its downstream impact measured beside a second statement (the same fix as INSERT OVERWRITE).
// Right, query fluctuation: the reads a dashboard polling each serving table gets wrong.
import { useMemo, useState } from 'react';
import type uPlot from 'uplot';
import type { RepairReply } from '../../workers/protocol';
import { useSimStore, useStudio } from '../studio/context';
import { UPlotChart } from '../panels/UPlotChart';
import { buildSeries } from '../panels/metricsSeries';
import { useThrottled } from '../panels/useThrottled';
import { formatCount, formatDuration, formatVirtualTime } from '../format';
import { impactRows, statementHead } from './impactRows';
import { fluctuationRows, pickWrongReads } from './fluctuationSeries';
import './repair.css';

const MERGE_PLACEHOLDER = `MERGE INTO target AS t
USING (SELECT ...) AS s
ON t.id = s.id
WHEN MATCHED THEN UPDATE SET ...;`;

const OVERWRITE_PLACEHOLDER = `-- the same fix as INSERT OVERWRITE:
INSERT OVERWRITE target
SELECT ... FROM target;`;

function RepairPanel() {
  const studio = useStudio();
  const state = useSimStore((s) => s.state);
  const [repair, setRepair] = useState('');
  const [compare, setCompare] = useState('');
  const [busy, setBusy] = useState<'measure' | 'apply' | null>(null);
  const [reply, setReply] = useState<RepairReply | null>(null);
  const [applied, setApplied] = useState(false);
  const loaded = state !== 'empty';
  const run = async (apply: boolean) => {
    if (busy) return;
    setBusy(apply ? 'apply' : 'measure');
    const r = await studio.engine.repair([repair, compare], apply);
    setBusy(null);
    setReply(r);
    setApplied(apply && r.ok && r.applied?.status === 'finished');
  };
  const comparison = reply?.ok ? reply.comparison : null;
  const rows = comparison ? impactRows(comparison) : [];
  const statements = [repair, compare].filter((t) => t.trim() !== '');
  return (
    <section className="repair-panel" data-testid="repair.panel">
      <div className="repair-head">
        <span className="repair-title">Repair</span>
        <span className="muted small">runs once, as a batch job, at the current virtual time against the live tables; the pipeline goes on</span>
      </div>
      <div className="repair-editors">
        <label className="repair-editor">
          <span className="small muted">Repair: MERGE INTO or INSERT OVERWRITE</span>
          <textarea data-testid="repair.text" spellCheck={false} value={repair} placeholder={MERGE_PLACEHOLDER} onChange={(e) => setRepair(e.target.value)} />
        </label>
        <label className="repair-editor">
          <span className="small muted">Compare with (optional)</span>
          <textarea data-testid="repair.compare" spellCheck={false} value={compare} placeholder={OVERWRITE_PLACEHOLDER} onChange={(e) => setCompare(e.target.value)} />
        </label>
      </div>
      <div className="repair-actions">
        <button
          className="btn small"
          data-testid="repair.measure"
          disabled={!loaded || busy !== null || statements.length === 0}
          title="Run each statement on a copy of the simulation and measure it; the live tables stay as they are"
          onClick={() => void run(false)}
        >
          {busy === 'measure' ? 'Measuring…' : 'Measure impact'}
        </button>
        <button
          className="btn small primary"
          data-testid="repair.run"
          disabled={!loaded || busy !== null || repair.trim() === ''}
          title="Measure, then run the repair once on the live simulation (it pauses first)"
          onClick={() => void run(true)}
        >
          {busy === 'apply' ? 'Running…' : 'Run once'}
        </button>
        {!loaded && <span className="muted small">Press ▶ Play or Step first: a repair runs against a running or paused simulation.</span>}
      </div>
      {reply && !reply.ok && (
        <div className="repair-error" data-testid="repair.error">
          {reply.message}
        </div>
      )}
      {comparison && (
        <div className="repair-result" data-testid="repair.result">
          <div className="small muted" data-testid="repair.summary">
            At {formatVirtualTime(comparison.atMs)} of virtual time, each on its own copy of the simulation, observed for {formatDuration(comparison.observeMs)} ('sim.repair.observe') against the same run without a repair.
            {applied && reply?.ok && <strong data-testid="repair.applied"> The repair ran on the live simulation (now {formatVirtualTime(reply.now)}).</strong>}
          </div>
          <table className="repair-table" data-testid="repair.table">
            <thead>
              <tr>
                <th />
                {comparison.runs.map((r, i) => (
                  <th key={i} title={r.text}>
                    {i === 0 ? 'Repair' : 'Compare'}: <code>{statementHead(r.text)}</code>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>status</td>
                {comparison.runs.map((r, i) => (
                  <td key={i} className={`status-${r.status}`} data-testid={`repair.status.${i}`}>
                    {r.status}
                    {r.error && <div className="small">{r.error}</div>}
                    {r.diagnostics
                      .filter((d) => d.severity === 'error')
                      .map((d, k) => (
                        <div key={k} className="small">
                          {d.span.start.line}:{d.span.start.column} {d.message}
                        </div>
                      ))}
                  </td>
                ))}
              </tr>
              {rows.map((row) => (
                <tr key={row.label} title={row.hint}>
                  <td>{row.label}</td>
                  {row.cells.map((v, i) => (
                    <td key={i} className="num" data-testid={`repair.cell.${row.label}.${i}`}>
                      {v === null ? '–' : formatCount(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {comparison.runs.some((r) => r.readers.length > 0) && (
            <div className="small muted">
              "changes committed" is what every streaming reader of the table must consume; "read" is what its source passed on (a lake changelog read compares snapshots and an upsert-kafka read drops unchanged upserts, so rows written again unchanged cancel out there).
            </div>
          )}
          {comparison.sameResult !== null && (
            <div className="small" data-testid="repair.same">
              {comparison.sameResult
                ? 'Both leave the repaired table with the same rows.'
                : 'They leave the table with different rows: an INSERT OVERWRITE replaces the whole table, including rows the live job committed while it ran.'}
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function FluctuationPanel({ visible }: { visible: boolean }) {
  const playing = useSimStore((s) => s.playing);
  const history = useThrottled(
    useSimStore((s) => s.history),
    playing ? 1000 : 0,
  );
  const latest = useSimStore((s) => s.latest);
  const series = useMemo(() => (visible ? buildSeries(history, pickWrongReads, 400) : null), [history, visible]);
  const rows = fluctuationRows(latest);
  const poll = rows[0]?.pollIntervalMs ?? null;
  return (
    <section className="fluctuation-panel" data-testid="fluctuation.panel">
      <div className="repair-head">
        <span className="repair-title">Query fluctuation</span>
        <span className="muted small">
          reads a dashboard polling each serving table{poll !== null ? ` every ${formatDuration(poll)}` : ''} ('sim.dashboard.poll-interval') gets wrong: a row missing between its -U and +U
        </span>
      </div>
      {rows.length === 0 ? (
        <div className="empty muted small" data-testid="fluctuation.empty">
          No serving table yet (a keyed jdbc, upsert-kafka or lake table), or the simulation has not run.
        </div>
      ) : (
        <>
          <table className="repair-table" data-testid="fluctuation.table">
            <thead>
              <tr>
                <th>table</th>
                <th className="num">wrong reads</th>
                <th className="num">windows</th>
                <th className="num">time missing</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.table} data-testid={`fluctuation.row.${r.table}`}>
                  <td>{r.table}</td>
                  <td className="num" data-testid={`fluctuation.wrong.${r.table}`}>
                    {r.wrongReads.toFixed(2)}
                  </td>
                  <td className="num">{formatCount(r.windows)}</td>
                  <td className="num">{formatDuration(r.missingMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {series && series.labels.length > 0 && (
            <div className="fluctuation-chart">
              <UPlotChart
                testId="fluctuation.chart"
                title="Wrong dashboard reads"
                unit="reads"
                description="Expected wrong reads so far per serving table: time a key was missing / poll interval. DROP_ROW_KIND('kinds' = '-U') before the sink keeps it at zero."
                series={series.labels}
                data={[series.x, ...series.ys] as uPlot.AlignedData}
                format={(v) => v.toFixed(2)}
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}

export function RepairTab({ visible }: { visible: boolean }) {
  return (
    <div className="repair-tab" data-testid="repair.tab">
      <RepairPanel />
      <FluctuationPanel visible={visible} />
    </div>
  );
}
