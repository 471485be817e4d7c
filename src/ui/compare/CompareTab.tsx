// The Compare tab: what run B changes (its script, editable, and the lines it differs in), the
// summary of differences (freshness, lag, scans, checkpoints, restarts, heap, state, rows: A and
// B side by side, the better one marked), and the charts that tell the two apart, overlaid.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCompileStore, useProjectStore, useSimStore, useStudio } from '../studio/context';
import type { MetricsSnapshot } from '../../engine/api';
import { useThrottled } from '../panels/useThrottled';
import { UPlotChart } from '../panels/UPlotChart';
import { CHARTS } from '../panels/metricsSeries';
import { formatDuration, formatDurationShort, formatVirtualTime } from '../format';
import { SourceCharts } from '../jobs/SourceCharts';
import { useCompareStore } from './useCompare';
import { presets } from './presets';
import { compareRuns, headline } from './summary';
import { lineDiff } from './lineDiff';
import { overlaySeries } from './overlay';
import { useStaggered } from './useStaggered';
import './compare.css';

const seconds = (v: number) => formatDuration(v * 1000);
const secondsAxis = (v: number) => formatDurationShort(v * 1000);

function NotComparing() {
  const studio = useStudio();
  const script = useProjectStore((s) => s.script);
  const seed = useSimStore((s) => s.seed);
  const choices = presets(script, seed);
  return (
    <div className="compare-empty" data-testid="compare.empty">
      <p className="muted">
        Run a variant of this script (B) beside it (A): the same seed unless you change it, on one virtual clock, in a second engine worker. Every chart then overlays
        A (solid) and B (dashed), and this tab lists what differs.
      </p>
      <div className="compare-empty-choices">
        {choices.map((p) => (
          <button key={p.id} className="btn" data-testid={`compare.start.${p.id}`} title={p.detail} onClick={() => void studio.compare.getState().start(p.variant)}>
            ⇄ {p.title}
          </button>
        ))}
      </div>
    </div>
  );
}

export function CompareTab({ visible }: { visible: boolean }) {
  const studio = useStudio();
  const active = useCompareStore((s) => s.active);
  const variant = useCompareStore((s) => (visible ? s.variant : null));
  const b = useCompareStore(useShallow((s) => ({ state: s.state, now: s.now, error: s.error, loaded: s.loaded })));
  const a = useSimStore(useShallow((s) => ({ state: s.state, now: s.now, playing: s.playing, seed: s.seed })));
  const script = useProjectStore((s) => (visible ? s.script : ''));
  const throttle = a.playing ? 1000 : 0;
  const historyA = useThrottled(useSimStore((s) => (visible ? s.history : null)), throttle);
  const latestA = useThrottled(useSimStore((s) => (visible ? s.latest : null)), throttle);
  const historyB = useThrottled(useCompareStore((s) => (visible ? s.history : null)), throttle);
  const latestB = useThrottled(useCompareStore((s) => (visible ? s.latest : null)), throttle);
  // The tables jobs write: their freshness is what a change moves (a source's own freshness is its input's).
  const sinks = useCompileStore(useShallow((s) => (s.pipeline?.jobs ?? []).map((j) => j.sinkTable)));
  const sinkKey = sinks.join(',');
  const diff = useMemo(() => (variant ? lineDiff(script, variant.script) : []), [script, variant]);
  const rows = useMemo(() => compareRuns({ history: historyA ?? [], latest: latestA }, { history: historyB ?? [], latest: latestB }), [historyA, latestA, historyB, latestB]);
  const charts = useMemo(
    () =>
      [
        {
          id: 'freshness',
          title: 'Freshness of the tables jobs write',
          unit: 'time',
          pick: (s: MetricsSnapshot) => CHARTS.freshness(s).filter(([name]) => sinkKey.split(',').includes(name)),
          description: 'Virtual now minus the newest event time a reader of each table can see; A solid, B dashed. Lower is fresher.',
        },
        { id: 'lag-seconds', title: 'Source lag', unit: 'time', pick: CHARTS.lagSeconds, description: 'How far behind the newest input each source reads; A solid, B dashed.' },
      ].map((c) => ({ ...c, ...overlaySeries(historyA ?? [], historyB ?? [], c.pick, 400) })),
    [historyA, historyB, sinkKey],
  );
  // The summary first, then the charts one per frame.
  const mounted = useStaggered(charts.length + 1, visible && rows.length > 0);
  if (!visible) return null;
  if (!active || !variant) return <NotComparing />;
  const head = headline(rows);
  const seedNote = variant.seed === a.seed ? `seed ${a.seed} (as A)` : `seed ${variant.seed} (A: ${a.seed})`;
  return (
    <div className="compare-view" data-testid="compare">
      <div className="compare-variant">
        <div className="section-title">Runs</div>
        <div className="compare-runs" data-testid="compare.runs">
          <span className="compare-run">
            <span className="compare-swatch" /> A: this project · {a.state === 'empty' ? 'not run yet' : formatVirtualTime(a.now)}
          </span>
          <span className="compare-run" data-testid="compare.runB" data-state={b.state}>
            <span className="compare-swatch b" /> B: {variant.label} · {b.state === 'empty' ? 'not run yet' : `${formatVirtualTime(b.now)}${b.state === 'failed' ? ' · failed' : ''}`}
          </span>
          <button className="btn small" data-testid="compare.stop.tab" onClick={() => void studio.compare.getState().stop()}>
            Stop comparing
          </button>
        </div>
        {b.error && (
          <div className="job-failure" data-testid="compare.error">
            B: {b.error}
          </div>
        )}
        <div className="section-title">B’s script</div>
        <div className="compare-seed muted small">
          {seedNote}
          <label className="field">
            <span>seed</span>
            <input
              type="number"
              data-testid="compare.seed"
              value={variant.seed}
              style={{ width: 64 }}
              onChange={(e) => studio.compare.getState().editVariant({ seed: Number(e.target.value) || 0 })}
            />
          </label>
        </div>
        <pre className="compare-diff" data-testid="compare.diff">
          {diff.length === 0
            ? 'Same script as A.'
            : diff.map((d, i) => (
                <div key={i} className={d.kind}>
                  {d.kind === 'del' ? `- A ${d.line}: ` : `+ B ${d.line}: `}
                  {d.text}
                </div>
              ))}
        </pre>
        <textarea
          data-testid="compare.script"
          aria-label="Run B's script"
          spellCheck={false}
          value={variant.script}
          onChange={(e) => studio.compare.getState().editVariant({ script: e.target.value })}
        />
        {b.loaded !== null && b.loaded !== variant && <div className="muted small">Edited: B runs the new script when A starts over (↺ Reset, or a new Play from the start).</div>}
      </div>
      <div className="compare-summary">
        <div className="section-title">What differs</div>
        {rows.length === 0 ? (
          <div className="muted" data-testid="compare.waiting">
            Press ▶ Play: A and B run side by side and the differences fill in.
          </div>
        ) : (
          <>
            <div className="compare-head" data-testid="compare.headline">
              {head.better.length > 0 && (
                <div className="better-b" data-testid="compare.better">
                  B ({variant.label}) did better:
                  <ul>
                    {head.better.map((t) => (
                      <li key={t}>{t}</li>
                    ))}
                  </ul>
                </div>
              )}
              {head.worse.length > 0 && (
                <div className="better-a" data-testid="compare.worse">
                  A did better:
                  <ul>
                    {head.worse.map((t) => (
                      <li key={t}>{t}</li>
                    ))}
                  </ul>
                </div>
              )}
              {head.better.length === 0 && head.worse.length === 0 && <div className="muted">No difference so far.</div>}
            </div>
            <table className="compare-table" data-testid="compare.table">
              <thead>
                <tr>
                  <th>metric</th>
                  <th className="num">A</th>
                  <th className="num">B</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className={`better-${r.better ?? 'none'}`} data-testid="compare.row" data-id={r.id} data-better={r.better ?? ''}>
                    <td className="label">{r.label}</td>
                    <td className="num a">{r.aText}</td>
                    <td className="num b">{r.bText}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
      {rows.length > 0 && (
        <div className="compare-charts">
          {charts.slice(0, Math.max(0, mounted - 1)).map((c) => (
            <UPlotChart
              key={c.id}
              testId={`compare.chart.${c.id}`}
              title={c.title}
              unit={c.unit}
              description={c.description}
              series={c.labels}
              data={c.data}
              styles={c.styles}
              format={seconds}
              axisFormat={secondsAxis}
            />
          ))}
        </div>
      )}
      {mounted > charts.length && (
        <div className="compare-sources">
          <div className="section-title">Lake sources (every job)</div>
          <SourceCharts jobId={null} a={{ latest: latestA, history: historyA ?? [] }} b={{ latest: latestB, history: historyB ?? [] }} testPrefix="compare.sources" />
        </div>
      )}
    </div>
  );
}
