// The Versions dialog: save the project as a named version, list its versions (name, time, what
// the pipeline holds), compare any two (or one with the project as it is now) as a summary of
// tables, jobs and settings added, removed and changed plus a side-by-side script diff, and
// restore one. Loaded on demand (React.lazy): it brings Monaco's diff editor.
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DiffView } from '../export/DiffView';
import { useProjectStore, useStudio, useVersionsStore } from '../studio/context';
import { CURRENT, type Comparison } from './versions';
import { summaryLine, type VersionChange } from './versionsDiff';
import type { ProjectVersion } from './versionsStorage';
import '../export/export.css';
import './versions.css';

function when(ms: number): string {
  return new Date(ms).toLocaleString([], { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

const MARK: Record<VersionChange['change'], string> = { added: '+', removed: '−', changed: '~' };

function Summary({ comparison }: { comparison: Comparison }) {
  const summary = comparison.summary;
  return (
    <section className="versions-summary" data-testid="versions.summary" aria-label="What changed">
      <div className="versions-summary-line">
        <strong>{summary ? summaryLine(summary) : 'No summary'}</strong>
        <span className="muted small">
          {' '}
          from {comparison.beforeLabel} to {comparison.afterLabel}
        </span>
      </div>
      {comparison.problem && (
        <div className="versions-problem small" role="alert" data-testid="versions.problem">
          {comparison.problem}
        </div>
      )}
      {summary && summary.changes.length > 0 && (
        <ul className="versions-changes">
          {summary.changes.map((c) => (
            <li key={`${c.subject}:${c.name}`} className={`versions-change ${c.change}`} data-testid="versions.change" data-change={c.change} data-subject={c.subject}>
              <span className="versions-change-mark" aria-hidden>
                {MARK[c.change]}
              </span>
              <span className="versions-change-subject muted">{c.subject}</span>
              <code className="versions-change-name">{c.name}</code>
              <span className="versions-change-kind">{c.change}</span>
              {c.details.length > 0 && (
                <ul className="versions-details">
                  {c.details.map((d, i) => (
                    <li key={i}>{d}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function VersionRow({ v, latest, onRestore, onDelete, onCompare }: { v: ProjectVersion; latest: boolean; onRestore(): void; onDelete(): void; onCompare(): void }) {
  return (
    <li className="versions-row" data-testid="versions.row" data-name={v.name}>
      <div className="versions-row-main">
        <span className="versions-row-name">{v.name}</span>
        {v.auto && (
          <span className="versions-auto" title="Saved by the studio before a restore">
            auto
          </span>
        )}
        {latest && <span className="versions-latest muted small">latest</span>}
      </div>
      <div className="muted small">{when(v.createdAt)}</div>
      <div className="small versions-row-summary">{v.summary}</div>
      <div className="versions-row-actions">
        <button type="button" className="btn small" data-testid="versions.compareNow" onClick={onCompare} title="Compare this version with the project as it is now">
          Compare with now
        </button>
        <button type="button" className="btn small" data-testid="versions.restore" onClick={onRestore} title="Make the project this version again (the current state is saved first)">
          Restore
        </button>
        <button type="button" className="btn small icon-text" data-testid="versions.delete" onClick={onDelete} aria-label={`Delete version ${v.name}`} title="Delete this version">
          ✕
        </button>
      </div>
    </li>
  );
}

export default function VersionsDialog() {
  const studio = useStudio();
  const { list, comparison, picked, comparing } = useVersionsStore(
    useShallow((s) => ({ list: s.list, comparison: s.comparison, picked: s.picked, comparing: s.comparing })),
  );
  const projectName = useProjectStore((p) => p.name);
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState('');
  const actions = studio.versions.getState();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) d.showModal();
    d.querySelector<HTMLInputElement>('[data-testid="versions.name"]')?.focus();
    return () => {
      if (d.open) d.close();
    };
  }, []);

  const options = [{ id: CURRENT, label: 'The project now' }, ...list.map((v) => ({ id: v.id, label: `${v.name} · ${when(v.createdAt)}` }))];
  // The picked ids, not the finished comparison's: a second pick right after the first builds on it.
  const before = picked?.before ?? list[0]?.id ?? CURRENT;
  const after = picked?.after ?? CURRENT;
  const nextName = `Version ${list.filter((v) => !v.auto).length + 1}`;

  const remove = async (v: ProjectVersion) => {
    const ok = await studio.dialogs.confirm(`Delete the version “${v.name}”?`, 'The saved version is removed from this browser. The project itself does not change.', {
      confirmLabel: 'Delete version',
      danger: true,
    });
    if (ok) await actions.remove(v.id);
  };

  return (
    <dialog
      ref={ref}
      className="dialog versions-dialog"
      data-testid="versions.dialog"
      // Keys typed in the dialog stay in it: the studio's own keys (Delete deletes the selected
      // table, Ctrl+Z undoes) must not act on the canvas behind the modal.
      onKeyDown={(e) => e.stopPropagation()}
      aria-labelledby="versions-title"
      onCancel={(e) => {
        e.preventDefault();
        actions.close();
      }}
    >
      <header className="export-head">
        <h2 id="versions-title" className="dialog-title">
          Versions of “{projectName}”
        </h2>
        <span className="muted small export-versions">Kept in this browser with the project: script, settings and canvas layout.</span>
        <button type="button" className="btn icon export-close" aria-label="Close" title="Close (Esc)" data-testid="versions.close" onClick={actions.close}>
          ✕
        </button>
      </header>
      <div className="export-body">
        <aside className="export-side versions-side">
          <form
            className="versions-save"
            onSubmit={(e) => {
              e.preventDefault();
              void actions.save(name).then((v) => {
                if (v) setName('');
              });
            }}
          >
            <label className="export-section-title" htmlFor="versions-name">
              Save the project as it is now
            </label>
            <div className="versions-save-row">
              <input id="versions-name" className="versions-name" data-testid="versions.name" placeholder={nextName} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
              <button type="submit" className="btn primary" data-testid="versions.save">
                Save version
              </button>
            </div>
          </form>
          <section aria-labelledby="versions-list-title">
            <h3 id="versions-list-title" className="export-section-title">
              Saved versions <span className="muted">· {list.length}</span>
            </h3>
            {list.length === 0 ? (
              <p className="muted small export-empty" data-testid="versions.empty">
                None yet. Save one before a risky change; you can compare it with later versions and restore it.
              </p>
            ) : (
              <ol className="versions-list" data-testid="versions.list">
                {list.map((v, i) => (
                  <VersionRow
                    key={v.id}
                    v={v}
                    latest={i === 0}
                    onCompare={() => void actions.compare(v.id, CURRENT)}
                    onRestore={() => void actions.restore(v.id)}
                    onDelete={() => void remove(v)}
                  />
                ))}
              </ol>
            )}
          </section>
        </aside>
        <div className="export-diff versions-main">
          <div className="versions-compare" role="group" aria-label="Compare">
            <label className="export-choice">
              <span className="export-choice-label">Compare</span>
              <select className="versions-select" data-testid="versions.before" value={before} onChange={(e) => void actions.compare(e.target.value, after)}>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="export-choice">
              <span className="export-choice-label">with</span>
              <select className="versions-select" data-testid="versions.after" value={after} onChange={(e) => void actions.compare(before, e.target.value)}>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <span className={`export-running muted small ${comparing ? 'on' : ''}`} role="status">
              {comparing ? 'Comparing…' : ''}
            </span>
          </div>
          {comparison ? (
            <>
              <Summary comparison={comparison} />
              <div className="export-diff-heads">
                <span>{comparison.beforeLabel}</span>
                <span>{comparison.afterLabel}</span>
              </div>
              <DiffView original={comparison.beforeScript} modified={comparison.afterScript} testId="versions.diff" collapseUnchanged />
            </>
          ) : (
            <p className="muted versions-hint">Save a version, then compare it with a later one or with the project as it is now.</p>
          )}
        </div>
      </div>
    </dialog>
  );
}
