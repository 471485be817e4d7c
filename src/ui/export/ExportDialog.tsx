// The Export dialog: the open script as Flink SQL for a real cluster. Target and Iceberg catalog
// on top; the compatibility report and the placeholders on the left (clicking an entry scrolls
// both sides of the diff to it); the script against the exported SQL on the right; copy and
// downloads below. A script with errors shows its located errors instead of a diff.
// Loaded on demand (React.lazy): it brings Monaco's diff editor.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Diagnostic, ExportReportEntry, ExportResult, ExportTarget, IcebergCatalogType } from '../../engine/index';
import { goToDiagnostic } from '../panels/Problems';
import { useExportStore, useProjectStore, useStudio } from '../studio/context';
import { DiffView, type DiffFocus } from './DiffView';
import { downloadText, downloadZip, zipBundle } from './download';
import './export.css';

const TARGETS: { id: ExportTarget; label: string; title: string }[] = [
  { id: 'flink-1.20', label: 'Flink 1.20 (LTS)', title: 'Flink 1.20, the long-term support line: flink-conf.yaml, window TVFs inside TABLE(...)' },
  { id: 'flink-2.x', label: 'Flink 2.x', title: 'Flink 2.0 and 2.1: config.yaml, renamed configuration keys, window TVFs without TABLE(...)' },
];

const CATALOGS: { id: IcebergCatalogType; label: string; title: string }[] = [
  { id: 'hadoop', label: 'Hadoop', title: 'Metadata files in the warehouse directory (HDFS, S3)' },
  { id: 'hive', label: 'Hive', title: 'A Hive metastore keeps the table pointers' },
  { id: 'rest', label: 'REST', title: 'An Iceberg REST catalog service (Polaris, Gravitino, Nessie, Unity...)' },
];

const SEVERITY_DOC: Record<ExportReportEntry['severity'], string> = {
  changed: 'Same behaviour, written the way the target needs it',
  approximated: 'Same rows; timing, parallelism or layout may differ',
  lost: 'Behaviour the simulation had that the target does not: rows may differ',
};

function baseName(fileName: string): string {
  return (fileName.split(/[\\/]/).pop() ?? 'pipeline').replace(/\.sql$/i, '') || 'pipeline';
}

function Seg<T extends string>({ label, items, value, onChange, testId }: { label: string; items: { id: T; label: string; title: string }[]; value: T; onChange(v: T): void; testId: string }) {
  return (
    <div className="export-choice">
      <span className="export-choice-label">{label}</span>
      <div className="seg" role="radiogroup" aria-label={label} data-testid={testId}>
        {items.map((it) => (
          <button
            key={it.id}
            type="button"
            role="radio"
            aria-checked={value === it.id}
            className={`seg-item ${value === it.id ? 'on' : ''}`}
            data-testid={`${testId}.${it.id}`}
            title={it.title}
            onClick={() => onChange(it.id)}
          >
            {it.label}
          </button>
        ))}
      </div>
    </div>
  );
}

function ReportList({ result, selected, onSelect }: { result: ExportResult; selected: number | null; onSelect(i: number): void }) {
  const count = (s: ExportReportEntry['severity']) => result.report.filter((e) => e.severity === s).length;
  return (
    <section className="export-section" aria-labelledby="export-report-title">
      <h3 id="export-report-title" className="export-section-title">
        Compatibility report <span className="muted">· {result.report.length} changes</span>
      </h3>
      <div className="export-counts">
        {(['changed', 'approximated', 'lost'] as const).map((s) => (
          <span key={s} className={`sev sev-${s}`} title={SEVERITY_DOC[s]} data-testid={`export.count.${s}`}>
            {count(s)} {s}
          </span>
        ))}
      </div>
      {result.report.length === 0 ? (
        <p className="muted small export-empty">Nothing to change: the script runs on {result.target} as it is.</p>
      ) : (
        <ol className="export-report" data-testid="export.report">
          {result.report.map((e, i) => (
            <li key={i}>
              <button
                type="button"
                className={`export-entry ${selected === i ? 'on' : ''}`}
                aria-pressed={selected === i}
                data-testid="export.entry"
                data-severity={e.severity}
                onClick={() => onSelect(i)}
                title="Show this change in both files"
              >
                <span className="export-entry-head">
                  <span className={`sev sev-${e.severity}`} title={SEVERITY_DOC[e.severity]}>
                    {e.severity}
                  </span>
                  <span className="export-entry-stmt">{e.statement}</span>
                </span>
                <span className="export-entry-msg">{e.message}</span>
                <span className="export-entry-lines muted">
                  line {e.sourceLine} → line {e.exportedLine}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Placeholders({ result }: { result: ExportResult }) {
  return (
    <section className="export-section" aria-labelledby="export-ph-title" data-testid="export.placeholders">
      <h3 id="export-ph-title" className="export-section-title">
        Placeholders <span className="muted">· fill in before deploying</span>
      </h3>
      {result.placeholders.length === 0 ? (
        <p className="muted small export-empty">None: the SQL runs as it is.</p>
      ) : (
        <dl className="export-ph">
          {result.placeholders.map((p) => (
            <div key={p.name} className="export-ph-row">
              <dt>
                <code>{'${' + p.name + '}'}</code>
              </dt>
              <dd>
                {p.description}
                <span className="muted small">
                  {' '}
                  · simulated with <code>{p.simulatedValue}</code> · {p.usedBy.join(', ')}
                </span>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {result.artifacts.length > 0 && (
        <>
          <h3 className="export-section-title export-jars-title">Jars for lib/</h3>
          <ul className="export-jars">
            {result.artifacts.map((a) => (
              <li key={a.artifact} title={a.why}>
                <code>
                  {a.artifact}-{a.version}.jar
                </code>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Errors({ diagnostics, fileName, onGo }: { diagnostics: Diagnostic[]; fileName: string; onGo(d: Diagnostic): void }) {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return (
    <div className="export-errors" data-testid="export.errors" role="alert">
      <h3 className="export-errors-title">
        <code>{fileName}</code> has {errors.length === 1 ? 'an error' : `${errors.length} errors`}: fix {errors.length === 1 ? 'it' : 'them'} to export
      </h3>
      <p className="muted small export-errors-hint">Nothing is exported from a script that does not compile. Click an error to show it in the script editor.</p>
      <ul>
        {errors.map((d, i) => (
          <li key={i}>
            <button type="button" className="export-error" data-testid="export.error" onClick={() => onGo(d)} title="Show it in the script editor">
              <span className="export-error-at">
                line {d.span.start.line}, column {d.span.start.column}
              </span>
              <span>{d.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function ExportDialog() {
  const studio = useStudio();
  const s = useExportStore(
    useShallow((x) => ({ target: x.target, catalog: x.catalog, running: x.running, source: x.source, result: x.result, failure: x.failure, selected: x.selected })),
  );
  const fileName = useProjectStore((p) => p.fileName);
  // The catalog type the script's lake tables name (the first one), shown until the user picks one.
  const scriptCatalog = (s.result?.icebergCatalogs[0]?.catalogType as IcebergCatalogType | undefined) ?? null;
  const ref = useRef<HTMLDialogElement>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const actions = studio.exporter.getState();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) d.showModal();
    return () => {
      if (d.open) d.close();
    };
  }, []);

  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), 3000);
    return () => clearTimeout(t);
  }, [notice]);

  const result = s.result;
  const base = baseName(fileName);
  const exportedName = result ? `${base}.${result.target}.sql` : `${base}.sql`;
  const entry = result && s.selected !== null ? (result.report[s.selected] ?? null) : null;
  const focus = useMemo<DiffFocus | null>(() => (entry ? { originalLine: entry.sourceLine, modifiedLine: entry.exportedLine } : null), [entry]);
  const ok = !!result?.ok;

  const copy = async () => {
    if (!result) return;
    try {
      await navigator.clipboard.writeText(result.sql);
      setNotice(`Copied ${result.sql.split('\n').length - 1} lines of Flink SQL.`);
    } catch {
      setNotice('The browser refused the clipboard: download the .sql instead.');
    }
  };
  const reportJson = () =>
    JSON.stringify({ target: result!.target, versions: result!.versions, report: result!.report, placeholders: result!.placeholders, artifacts: result!.artifacts }, null, 2) + '\n';

  return (
    <dialog
      ref={ref}
      className="dialog export-dialog"
      data-testid="export.dialog"
      // Keys typed in the dialog stay in it: the studio's own keys (Delete deletes the selected
      // table, Ctrl+Z undoes) must not act on the canvas behind the modal.
      onKeyDown={(e) => e.stopPropagation()}
      aria-labelledby="export-title"
      onCancel={(e) => {
        e.preventDefault();
        actions.close();
      }}
    >
      <header className="export-head">
        <h2 id="export-title" className="dialog-title">
          Export to Flink
        </h2>
        <span className="muted small export-versions" data-testid="export.versions">
          {result?.versions ?? ''}
        </span>
        <button type="button" className="btn icon export-close" aria-label="Close" title="Close (Esc)" data-testid="export.close" onClick={actions.close}>
          ✕
        </button>
      </header>
      <div className="export-controls">
        <Seg label="Target" items={TARGETS} value={s.target} onChange={(t) => void actions.setTarget(t)} testId="export.target" />
        <Seg label="Iceberg catalog" items={CATALOGS} value={s.catalog ?? scriptCatalog ?? 'hadoop'} onChange={(c) => void actions.setCatalog(c)} testId="export.catalog" />
        <span className="muted small export-catalog-note" data-testid="export.catalogNote">
          {s.catalog === null
            ? scriptCatalog
              ? `As the script's lake tables say (${scriptCatalog}); a choice applies to every lake table.`
              : 'For lake tables, when the script has them.'
            : `Every lake table goes into a ${s.catalog} catalog.`}
        </span>
        <span className={`export-running muted small ${s.running ? 'on' : ''}`} role="status" data-testid="export.status">
          {s.running ? 'Exporting…' : ''}
        </span>
      </div>

      <div className="export-body">
        {s.failure ? (
          <div className="export-errors" role="alert" data-testid="export.failure">
            The engine failed while exporting: {s.failure}
          </div>
        ) : !result ? (
          <div className="export-loading muted">Exporting {fileName}…</div>
        ) : !ok ? (
          <Errors
            diagnostics={result.diagnostics}
            fileName={fileName}
            onGo={(d) => {
              actions.close();
              goToDiagnostic(studio, d);
            }}
          />
        ) : (
          <>
            <aside className="export-side">
              <ReportList result={result} selected={s.selected} onSelect={(i) => actions.select(s.selected === i ? null : i)} />
              <Placeholders result={result} />
            </aside>
            <div className="export-diff">
              <div className="export-diff-heads">
                <span title="What the simulation runs">
                  <code>{fileName}</code> <span className="muted">· Freshet script</span>
                </span>
                <span title="What sql-client.sh -f runs">
                  <code>{exportedName}</code> <span className="muted">· Flink SQL</span>
                </span>
              </div>
              <DiffView original={s.source} modified={result.sql} focus={focus} testId="export.diff" />
            </div>
          </>
        )}
      </div>

      <footer className="dialog-actions export-actions">
        <span className="muted small export-notice" role="status" data-testid="export.notice">
          {notice ?? (ok ? 'The bundle holds the SQL, the Flink configuration file, a README of placeholders and jars, and report.json.' : '')}
        </span>
        <button type="button" className="btn" disabled={!ok} data-testid="export.copy" onClick={() => void copy()}>
          Copy SQL
        </button>
        <button type="button" className="btn" disabled={!ok} data-testid="export.downloadSql" onClick={() => downloadText(exportedName, result!.sql, 'application/sql')}>
          Download .sql
        </button>
        <button
          type="button"
          className="btn"
          disabled={!ok}
          data-testid="export.downloadReport"
          onClick={() => downloadText(`${base}.${result!.target}.report.json`, reportJson(), 'application/json')}
        >
          Download report.json
        </button>
        <button
          type="button"
          className="btn primary"
          disabled={!ok}
          data-testid="export.downloadBundle"
          title="A zip: the SQL, the configuration file, README.md and report.json"
          onClick={() => downloadZip(`${base}-${result!.target}.zip`, zipBundle(`${base}-${result!.target}`, result!.bundle))}
        >
          Download deploy bundle (.zip)
        </button>
      </footer>
    </dialog>
  );
}
