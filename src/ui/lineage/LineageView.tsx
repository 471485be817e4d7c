// The lineage views: the column chips a table node shows while a column is traced, the bar over
// the canvas (what is traced, Escape clears), and the inspector's list of upstream and downstream
// columns. They read the lineage store; the canvas and the inspector only place them.
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LineageReach } from '../../engine/index';
import { useLineageStore, useStudio } from '../studio/context';
import { lineageHighlight, type LineageHighlight } from './highlight';
import './lineage.css';

/** The highlight of the traced column, or null when none is traced. */
export function useLineageHighlight(): LineageHighlight | null {
  const { upstream, downstream } = useLineageStore(useShallow((s) => ({ upstream: s.upstream, downstream: s.downstream })));
  return useMemo(() => (upstream && downstream ? lineageHighlight(upstream, downstream) : null), [upstream, downstream]);
}

const ROLE_TITLE = { root: 'the column traced', upstream: 'upstream: it feeds the traced column', downstream: 'downstream: it uses the traced column' };
const MAX_CHIPS = 6;

/** On a table node: the columns of this table on the traced column's path. */
export function LineageColumns({ table }: { table: string }) {
  const h = useLineageHighlight();
  const marks = h?.tables.get(table);
  if (!marks) return null;
  const shown = marks.slice(0, MAX_CHIPS);
  return (
    <div className="lineage-chips" data-testid="canvas.node.lineage">
      {shown.map((m) => (
        <span
          key={`${m.role}:${m.column}`}
          className={`lineage-chip role-${m.role} ${m.control ? 'control' : ''}`}
          data-testid="canvas.lineage.column"
          data-role={m.role}
          title={`${table}.${m.column}: ${ROLE_TITLE[m.role]}${m.kinds.length ? ` (${m.kinds.join(', ')})` : ''}`}
        >
          {m.role === 'upstream' ? '↑ ' : m.role === 'downstream' ? '↓ ' : ''}
          {m.column}
        </span>
      ))}
      {marks.length > MAX_CHIPS && <span className="lineage-chip more">+{marks.length - MAX_CHIPS}</span>}
    </div>
  );
}

/** Over the canvas while a column is traced: what, how far it reaches, and how to clear it. */
export function LineageBar() {
  const studio = useStudio();
  const { focus, upstream, downstream, message } = useLineageStore(useShallow((s) => ({ focus: s.focus, upstream: s.upstream, downstream: s.downstream, message: s.message })));
  useEffect(() => {
    if (!focus) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.closest('.monaco-editor'))) return;
      studio.lineage.getState().clear();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [studio, focus]);
  if (!focus) return null;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  return (
    <div className="lineage-bar" data-testid="canvas.lineage" role="status" title="↑ feeds the traced column, ↓ uses it; a dashed column only steers (a filter, join or group key, window, order or condition): its value does not flow">
      <span className="lineage-bar-title">Lineage</span>
      <code className="lineage-bar-column">
        {focus.table}.{focus.column}
      </code>
      {message ? (
        <span className="muted">{message}</span>
      ) : upstream && downstream ? (
        <span className="lineage-bar-counts">
          <span className="up">↑ {count(upstream.columns.length, 'column')} upstream</span>
          <span className="down">↓ {count(downstream.columns.length, 'column')} downstream</span>
          <span className="muted">{count(new Set([...upstream.jobs, ...downstream.jobs]).size, 'job')}</span>
        </span>
      ) : (
        <span className="muted">tracing…</span>
      )}
      <button className="btn small" data-testid="canvas.lineage.clear" onClick={() => studio.lineage.getState().clear()} title="Clear (Esc)">
        Esc ✕
      </button>
    </div>
  );
}

function ReachList({ title, reach, testId }: { title: string; reach: LineageReach[]; testId: string }) {
  const studio = useStudio();
  return (
    <>
      <div className="lineage-list-title muted small">{title}</div>
      {reach.length === 0 ? (
        <div className="muted small lineage-none">none</div>
      ) : (
        <ul className="lineage-list" data-testid={testId}>
          {reach.map((c) => (
            <li key={`${c.table}.${c.column}`} data-testid="inspector.lineage.item">
              <button className="link-btn" onClick={() => void studio.lineage.getState().show(c.table, c.column)} title="Trace this column">
                {c.table}.{c.column}
              </button>{' '}
              <span className={`lineage-kind ${c.transformations.every((t) => t.type === 'INDIRECT') ? 'control' : ''}`}>{c.transformations.map((t) => t.subtype).join(', ')}</span>{' '}
              <span className="muted small">{c.jobs.join(', ')}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** In a table's inspector, under its columns: the traced column's upstream and downstream. */
export function LineageSection({ table }: { table: string }) {
  const { focus, upstream, downstream, message } = useLineageStore(useShallow((s) => ({ focus: s.focus, upstream: s.upstream, downstream: s.downstream, message: s.message })));
  if (!focus || focus.table.toLowerCase() !== table.toLowerCase()) return null;
  return (
    <div className="lineage-section" data-testid="inspector.lineage">
      <div className="section-title">Lineage of {focus.column}</div>
      {message && <div className="muted small">{message}</div>}
      {upstream && <ReachList title="Derives from (upstream)" reach={upstream.columns} testId="inspector.lineage.upstream" />}
      {downstream && <ReachList title="Used by (downstream)" reach={downstream.columns} testId="inspector.lineage.downstream" />}
    </div>
  );
}
