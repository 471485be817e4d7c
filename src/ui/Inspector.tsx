import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { JobInfo, OperatorMetrics, TableInfo } from '../engine/api';
import { backpressureLevel, LEVEL_LABEL, operatorColour, operatorLoad, percentOfSecond } from './jobs/backpressure';
import { useCompileStore, useLineageStore, useProjectStore, useSimStore, useStudio, useUiStore } from './studio/context';
import type { Studio } from './studio/createStudio';
import { ConnectorIcon } from './ConnectorIcon';
import { Breakable } from './Breakable';
import { InputFileSection } from './InputFileSection';
import './inspector.css';
import { formatBytes, formatCount, formatDuration } from './format';
import { LineageSection } from './lineage/LineageView';

function reveal(studio: Studio, offset: number) {
  studio.ui.getState().setBottomTab('editor');
  void studio.editors.whenScriptEditor().then((ed) => {
    const pos = ed.getModel()?.getPositionAt(offset);
    if (!pos) return;
    ed.revealLineInCenter(pos.lineNumber);
    ed.setPosition(pos);
    ed.focus();
  });
}

/** Keys and their values, two columns (a table's WITH options, the script's settings). */
function KeyValueTable({ entries }: { entries: Record<string, string> }) {
  return (
    <table className="mini-table">
      <tbody>
        {Object.entries(entries).map(([k, v]) => (
          <tr key={k}>
            <td className="kv-key">
              <Breakable text={k} />
            </td>
            <td className="muted">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TableInspector({ t }: { t: TableInfo }) {
  const studio = useStudio();
  const [name, setName] = useState(t.name);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => setName(t.name), [t.name]);
  const m = useSimStore((s) => s.latest?.tables.find((x) => x.name === t.name) ?? null);
  const override = useProjectStore((s) => s.positions[`table:${t.name}`]?.layer);
  const traced = useLineageStore((s) => (s.focus?.table.toLowerCase() === t.name.toLowerCase() ? s.focus.column.toLowerCase() : null));
  const layer = override ?? t.layer;
  const commit = async () => {
    if (name === t.name) return;
    setErr(await studio.actions.renameTable(t.name, name));
  };
  const resetLayer = () => {
    const all = studio.project.getState().positions;
    const { layer: _dropped, ...entry } = all[`table:${t.name}`] ?? { x: 0, y: 0 };
    studio.history.changeSidecar({ ...all, [`table:${t.name}`]: entry });
  };
  return (
    <div className="inspector-body" data-testid="inspector.table">
      <div className="insp-title">
        <ConnectorIcon connector={t.connector} size={18} />
        <input
          className="insp-name"
          data-testid="inspector.name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void commit();
            else if (e.key === 'Escape') setName(t.name);
          }}
          aria-label="Table name"
        />
      </div>
      {err && <div className="inline-error">{err}</div>}
      <dl className="kv">
        <dt>Layer</dt>
        <dd data-testid="inspector.layer">
          <span className={`layer-tag layer-${layer}`}>{layer}</span>
          {override && override !== t.layer && (
            <span className="muted small">
              {' '}
              set on the canvas (the name says {t.layer}){' '}
              <button className="link-btn" data-testid="inspector.layer.reset" onClick={resetLayer}>
                reset
              </button>
            </span>
          )}
        </dd>
        <dt>Connector</dt>
        <dd>{t.connector}</dd>
        <dt>Primary key</dt>
        <dd>{t.primaryKey.length ? t.primaryKey.join(', ') : <span className="muted">none</span>}</dd>
        {t.watermark && (
          <>
            <dt>Watermark</dt>
            <dd>
              <code>{t.watermark.expression}</code>
            </dd>
          </>
        )}
        {m && (
          <>
            <dt>Rows</dt>
            <dd data-testid="inspector.rows">{formatCount(m.rows)}</dd>
            <dt>Freshness</dt>
            <dd>{formatDuration(m.freshnessMs)}</dd>
            <dt>Changes</dt>
            <dd>{formatCount(m.changes)}</dd>
          </>
        )}
      </dl>
      {t.connector === 'iceberg' && <LakeSection t={t} />}
      {t.connector === 'filesystem' && <InputFileSection t={t} />}
      <div className="section-title" title="Click a column to trace its lineage on the canvas">
        Columns <span className="muted small">· click one for its lineage</span>
      </div>
      <table className="mini-table">
        <tbody>
          {t.columns.map((c) => (
            <tr
              key={c.name}
              className={`lineage-pick ${traced === c.name.toLowerCase() ? 'active' : ''}`}
              data-testid="inspector.column"
              data-column={c.name}
              title={`Trace ${c.name}: where it comes from and what uses it`}
              tabIndex={0}
              aria-pressed={traced === c.name.toLowerCase()}
              onClick={() => (traced === c.name.toLowerCase() ? studio.lineage.getState().clear() : void studio.lineage.getState().show(t.name, c.name))}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  e.currentTarget.click();
                }
              }}
            >
              <td>
                {t.primaryKey.includes(c.name) && (
                  <span className="pk-tag" title="primary key">
                    PK
                  </span>
                )}{' '}
                {c.name}
              </td>
              <td className="muted">{c.type}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <LineageSection table={t.name} />
      <div className="section-title">Options</div>
      <KeyValueTable entries={t.options} />
      <div className="insp-actions">
        <button className="btn small" onClick={() => reveal(studio, t.span.start.offset)}>
          Show in editor
        </button>
        <button className="btn small" onClick={() => {
            studio.ui.getState().setDataTable(t.name);
            studio.ui.getState().setBottomTab('data');
          }}>
          View data
        </button>
        <button className="btn small danger" data-testid="inspector.delete" onClick={() => void studio.actions.deleteSelection()}>
          Delete
        </button>
      </div>
    </div>
  );
}

/** A lake table's format, mode and commit state, and the way to its Snapshots view. */
function LakeSection({ t }: { t: TableInfo }) {
  const studio = useStudio();
  const lake = useSimStore((s) => s.latest?.tables.find((x) => x.name === t.name)?.lake ?? null);
  const opts = Object.fromEntries(Object.entries(t.options).map(([k, v]) => [k.toLowerCase(), v]));
  const upsert = (opts['write.upsert.enabled'] ?? '').toLowerCase() === 'true';
  return (
    <div data-testid="inspector.lake">
      <div className="section-title">Lake table</div>
      <dl className="kv lake-kv">
        <dt>Format</dt>
        <dd>Iceberg v{lake?.formatVersion ?? opts['format-version'] ?? '2'}</dd>
        <dt>Writes</dt>
        <dd>{upsert ? `upsert by ${t.primaryKey.join(', ') || 'key'}` : t.primaryKey.length ? 'changelog (deletes by row)' : 'append'}</dd>
        {lake && (
          <>
            <dt>Snapshots</dt>
            <dd data-testid="inspector.lake.snapshots">{formatCount(lake.snapshots)}</dd>
            <dt>Files</dt>
            <dd>
              {formatCount(lake.dataFiles)} data · {formatCount(lake.deleteFiles)} delete
            </dd>
            <dt>Waiting</dt>
            <dd title="Records written to open files (data rows and delete records; an upsert writes both); the next completed checkpoint commits them">{formatCount(lake.pendingRows)} records</dd>
          </>
        )}
      </dl>
      <div className="lake-insp-actions">
        <button className="btn small primary" data-testid="inspector.lake.open" onClick={() => studio.ui.getState().showSnapshots(t.name)}>
          Snapshots
        </button>
      </div>
    </div>
  );
}

const MODE_DOC: Record<string, string> = {
  'insert-only': 'only inserts (+I)',
  retract: 'updates as retraction pairs (-U/+U) and deletes (-D)',
  upsert: 'updates and deletes by key, no -U',
};

/** The table a Source or Sink label names: `TableSourceScan(table=[[cat, db, ods_orders]], ...)`, `Sink(table=[cat.db.t], ...)`. */
function tableOfLabel(label: string): string | null {
  const m = /table=\[\[?([^\]]*)\]/.exec(label);
  if (!m) return null;
  // A scan's path may go on with its push-downs (`..., ods, filter=[...], project=[...]`).
  const parts = m[1]!.split(',');
  const pushed = parts.findIndex((p) => p.includes('='));
  const path = pushed < 0 ? parts.at(-1) : parts[pushed - 1];
  return path?.split('.').at(-1)?.trim() || null;
}

/** Flink's task times of one operator: busy, back-pressured (with its OK / LOW / HIGH status), idle. */
function OperatorLoadLine({ m }: { m: OperatorMetrics }) {
  const load = operatorLoad(m);
  return (
    <div className="op-load muted" data-testid="inspector.operator.load">
      <span title="busyTimeMsPerSecond">
        <span className="op-swatch" style={{ background: operatorColour(load.busy, load.backPressured) }} />
        busy {percentOfSecond(load.busy)}
      </span>
      <span title="backPressuredTimeMsPerSecond: ≤ 10% OK, ≤ 50% LOW, above HIGH">
        backpressured {percentOfSecond(load.backPressured)} <span className={`bp-chip bp-${load.level}`}>{LEVEL_LABEL[load.level]}</span>
      </span>
      <span title="idleTimeMsPerSecond">idle {percentOfSecond(load.idle)}</span>
    </div>
  );
}

function JobInspector({ j }: { j: JobInfo }) {
  const studio = useStudio();
  const ops = useSimStore(useShallow((s) => s.latest?.operators.filter((o) => o.jobId === j.id) ?? []));
  return (
    <div className="inspector-body" data-testid="inspector.job">
      <div className="insp-title">
        <span className="job-icon">⚙</span>
        <span className="insp-heading">{j.name}</span>
      </div>
      <div className="muted small insp-sub">
        {j.id} · reads {j.sourceTables.join(', ') || '–'}
      </div>
      <div className="section-title">Operator graph</div>
      <div className="op-legend muted small" title="How each operator emits changes">
        changelog: <span className="mode mode-insert-only">insert-only</span> <span className="mode mode-retract">retract</span> −U/+U{' '}
        <span className="mode mode-upsert">upsert</span> by key · ×N parallelism
      </div>
      <ol className="op-graph" data-testid="inspector.operators">
        {j.operators.map((o, i) => {
          const m = ops.find((x) => x.operatorId === o.id);
          const prev = j.operators[i - 1];
          const fed = prev !== undefined && o.inputs.includes(prev.id);
          // Inputs other than the operator just above: a join's other side, a union's branches.
          const others = o.inputs.filter((id) => id !== prev?.id || !fed).map((id) => j.operators.findIndex((x) => x.id === id));
          const table = o.kind === 'Source' || o.kind === 'Sink' ? tableOfLabel(o.label) : null;
          return (
            <li
              key={o.id}
              className={`op-card op-${o.kind} ${fed ? 'fed' : ''} ${m && (m.busyTimeMsPerSecond ?? 0) >= 500 ? 'hot' : ''}`}
              data-testid="inspector.operator"
              data-level={m ? backpressureLevel(m.backPressuredTimeMsPerSecond ?? 0) : ''}
            >
              {others.length > 0 && others.every((k) => k >= 0) && (
                <div className="op-inputs muted small">
                  ⤷ {fed ? 'and ' : ''}from {others.map((k) => `#${k + 1} ${j.operators[k]!.kind}${j.operators[k]!.kind === 'Source' ? ' ' + (tableOfLabel(j.operators[k]!.label) ?? '') : ''}`).join(', ')}
                </div>
              )}
              <div className="op-card-head">
                <span className="op-index">#{i + 1}</span>
                <span className="op-kind">{o.kind}</span>
                {table && <span className="op-table">{table}</span>}
                <span className="op-badges">
                  <span className={`mode mode-${o.changelogMode}`} title={`Changelog mode: ${MODE_DOC[o.changelogMode] ?? o.changelogMode}`}>
                    {o.changelogMode}
                  </span>
                  <span className="op-par" title={`Parallelism: ${o.parallelism} task${o.parallelism === 1 ? '' : 's'}`}>
                    ×{o.parallelism}
                  </span>
                </span>
              </div>
              <div className="op-label" title={o.label}>
                {o.label}
              </div>
              {o.hints.length > 0 && (
                <div className="op-hints" data-testid="inspector.operator.hints">
                  {o.hints.map((h, k) => (
                    <code key={k} className="hint-chip">
                      /*+ {h.name}({Object.entries(h.options).map(([key, v]) => `'${key}'='${v}'`).join(', ')}) */
                    </code>
                  ))}
                </div>
              )}
              {m && (
                <div className="op-metrics muted small">
                  {formatCount(m.throughput)} rec/s · in {formatCount(m.recordsIn)} · out {formatCount(m.recordsOut)} · state {formatCount(m.stateRows)} rows / {formatBytes(m.stateBytes)}
                </div>
              )}
              {m && <OperatorLoadLine m={m} />}
            </li>
          );
        })}
      </ol>
      <div className="insp-actions">
        <button className="btn small primary" data-testid="inspector.editJob" onClick={() => studio.actions.editJob(j.id)}>
          Edit SQL
        </button>
        <button className="btn small" data-testid="inspector.jobOverview" onClick={() => studio.ui.getState().showJob(j.id, 'overview')}>
          Overview
        </button>
        <button className="btn small" data-testid="inspector.checkpoints" onClick={() => studio.ui.getState().showJob(j.id, 'checkpoints')}>
          Checkpoints
        </button>
        <button className="btn small" onClick={() => reveal(studio, j.span.start.offset)}>
          Show in script
        </button>
        <button className="btn small danger" onClick={() => void studio.actions.deleteSelection()}>
          Delete job
        </button>
      </div>
    </div>
  );
}

export function Inspector() {
  const selection = useUiStore((s) => s.selection);
  const pipeline = useCompileStore((s) => s.pipeline);
  const settings = pipeline?.settings ?? {};
  let body = null;
  if (selection?.kind === 'table') {
    const t = pipeline?.tables.find((x) => x.name === selection.name);
    if (t) body = <TableInspector t={t} />;
  } else if (selection?.kind === 'job') {
    const j = pipeline?.jobs.find((x) => x.id === selection.id);
    if (j) body = <JobInspector j={j} />;
  }
  return (
    <aside className="inspector" data-testid="inspector">
      <div className="pane-title">Inspector</div>
      {body ?? (
        <div className="inspector-body">
          <div className="muted small pad">Select a table or a job on the canvas.</div>
          <div className="section-title">Pipeline</div>
          <dl className="kv">
            <dt>Tables</dt>
            <dd>{pipeline?.tables.length ?? 0}</dd>
            <dt>Jobs</dt>
            <dd>{pipeline?.jobs.length ?? 0}</dd>
          </dl>
          {Object.keys(settings).length > 0 && (
            <>
              <div className="section-title">Settings</div>
              <KeyValueTable entries={settings} />
            </>
          )}
        </div>
      )}
    </aside>
  );
}
