// The query console: DuckDB-wasm over the simulation's tables (loaded as Arrow IPC before each
// query). Schema sidebar (click inserts a name), editor (Ctrl+Enter runs), results grid, errors
// inline, history (click re-fills, ▶ re-runs).
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ColumnInfo, TableInfo } from '../../engine/api';
import { useCompileStore, useQueryStore, useSimStore, useStudio } from '../studio/context';
import { CodeEditor } from '../editor/CodeEditor';
import { monaco } from '../editor/monaco';
import { QUERY_SQL } from '../editor/flinkSql';
import { registerLanguageServices } from '../editor/languageServices';
import { ResultGrid } from '../panels/ResultGrid';
import type { TableSource } from './duckdb';


const NO_TABLES: TableInfo[] = [];

/** The columns a query sees: changelog topics and files carry each record's row kind as `_kind`. */
function queryColumns(t: TableInfo): { name: string; type: string }[] {
  const opts = Object.fromEntries(Object.entries(t.options).map(([k, v]) => [k.toLowerCase(), v]));
  const format = opts['format'] ?? opts['value.format'] ?? '';
  const kind =
    t.connector === 'upsert-kafka' ||
    // A print table reads as its printed changes; with a primary key, as its current rows by key.
    (t.connector === 'print' && t.primaryKey.length === 0) ||
    ((t.connector === 'kafka' || t.connector === 'filesystem') && /^(changelog-json|debezium-json)$/.test(format));
  const cols = t.columns.map((c) => ({ name: c.name, type: c.type }));
  return kind ? [{ name: '_kind', type: 'STRING' }, ...cols] : cols;
}

function needsQuotes(name: string): boolean {
  return !/^[a-z_][a-z0-9_]*$/.test(name);
}

/** Columns of one table, each a button that inserts its name. */
function ColumnList({ columns, onInsert }: { columns: { name: string; type: string }[]; onInsert(text: string): void }) {
  return (
    <div className="schema-columns">
      {columns.map((c) => (
        <button key={c.name} className="schema-column" title={`Insert ${c.name}`} data-testid="query.schema.column" onClick={() => onInsert(needsQuotes(c.name) ? `"${c.name}"` : c.name)}>
          <span className="schema-col-name">{c.name}</span>
          <span className="schema-col-type">{c.type.toLowerCase()}</span>
        </button>
      ))}
    </div>
  );
}

/**
 * The metadata tables of the simulation's lake tables (`ods_orders$snapshots`, ...), grouped by
 * table. They exist once a simulation is loaded; their columns are read when first shown.
 */
function useMetadataTables(): { names: string[]; columnsOf(name: string): Promise<ColumnInfo[]> } {
  const engine = useStudio().engine;
  const loaded = useSimStore((s) => s.state !== 'empty');
  const revision = useSimStore((s) => s.loadedRevision);
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    if (!loaded) {
      setNames([]);
      return;
    }
    let live = true;
    void engine.metadataTableNames().then((n) => live && setNames(n), () => live && setNames([]));
    return () => {
      live = false;
    };
  }, [engine, loaded, revision]);
  return { names, columnsOf: async (name) => (await engine.readTable(name)).columns };
}

function MetadataTables({ table, names, columnsOf, onInsert }: { table: string; names: string[]; columnsOf(name: string): Promise<ColumnInfo[]>; onInsert(text: string): void }) {
  const [open, setOpen] = useState<Record<string, ColumnInfo[] | null>>({});
  const prefix = `${table}$`.toLowerCase();
  const own = names.filter((n) => n.toLowerCase().startsWith(prefix));
  if (own.length === 0) {
    return (
      <div className="schema-meta-hint muted small" data-testid="query.schema.metadataHint">
        $snapshots, $files, … appear once the simulation runs
      </div>
    );
  }
  return (
    <div className="schema-meta" data-testid="query.schema.metadata" data-table={table}>
      {own.map((n) => {
        const cols = open[n];
        const expanded = n in open;
        return (
          <div key={n} className="schema-table" data-testid="query.schema.metaTable" data-name={n}>
            <div className="schema-table-row schema-meta-row">
              <button
                className="schema-toggle"
                aria-expanded={expanded}
                aria-label={`${expanded ? 'Hide' : 'Show'} columns of ${n}`}
                onClick={() => {
                  if (expanded) {
                    setOpen(({ [n]: _gone, ...rest }) => rest);
                    return;
                  }
                  setOpen((o) => ({ ...o, [n]: null }));
                  void columnsOf(n).then((c) => setOpen((o) => (n in o ? { ...o, [n]: c } : o)));
                }}
              >
                {expanded ? '▾' : '▸'}
              </button>
              <button
                className="schema-name"
                title={n.toLowerCase().endsWith('$changelog') ? `Insert "${n}" (every change the print sink wrote, with its row kind; ${table} itself is the current row per key)` : `Insert "${n}" (an Iceberg metadata table)`} data-testid="query.schema.insertMetaTable" onClick={() => onInsert(`"${n}"`)}>
                <span className="schema-meta-name">${n.slice(prefix.length)}</span>
              </button>
            </div>
            {expanded && (cols ? <ColumnList columns={cols} onInsert={onInsert} /> : <div className="muted small schema-meta-hint">loading…</div>)}
          </div>
        );
      })}
    </div>
  );
}

function SchemaSidebar({ onInsert }: { onInsert(text: string): void }) {
  const tables = useCompileStore((s) => s.pipeline?.tables ?? NO_TABLES);
  const metadata = useMetadataTables();
  const [open, setOpen] = useState<Record<string, boolean>>({});
  return (
    <div className="query-schema" data-testid="query.schema">
      <div className="section-title">Tables</div>
      {tables.length === 0 && <div className="muted small pad">The script defines no tables yet.</div>}
      {tables.map((t) => {
        const expanded = open[t.name] ?? false;
        return (
          <div key={t.name} className="schema-table" data-testid="query.schema.table" data-name={t.name}>
            <div className="schema-table-row">
              <button
                className="schema-toggle"
                aria-expanded={expanded}
                aria-label={`${expanded ? 'Hide' : 'Show'} columns of ${t.name}`}
                onClick={() => setOpen((o) => ({ ...o, [t.name]: !expanded }))}
              >
                {expanded ? '▾' : '▸'}
              </button>
              <button className="schema-name" title={`Insert ${t.name}`} data-testid="query.schema.insertTable" onClick={() => onInsert(needsQuotes(t.name) ? `"${t.name}"` : t.name)}>
                <span className={`layer-dot layer-${t.layer}`} />
                {t.name}
              </button>
            </div>
            {expanded && <ColumnList columns={queryColumns(t)} onInsert={onInsert} />}
            {(t.connector === 'iceberg' || (t.connector === 'print' && t.primaryKey.length > 0 && metadata.names.length > 0)) && <MetadataTables table={t.name} names={metadata.names} columnsOf={metadata.columnsOf} onInsert={onInsert} />}
          </div>
        );
      })}
      <div className="muted small pad schema-hint">Click a name to insert it at the cursor. A lake table’s metadata tables ($snapshots, $files, …) and a keyed print table’s raw log ($changelog) are queried by their quoted name.</div>
    </div>
  );
}

export default function QueryConsole() {
  const studio = useStudio();
  registerLanguageServices(studio);
  // Tables and the lake tables' metadata tables (`"ods_orders$snapshots"`), loaded on demand.
  const source: TableSource = useMemo(
    () => ({
      tableNames: async () => [...(await studio.engine.tableNames()), ...(await studio.engine.metadataTableNames())],
      readTable: (name) => studio.engine.readTable(name),
    }),
    [studio],
  );
  const { sql, running, result, error, history, setSql, run, rerun } = useQueryStore(
    useShallow((s) => ({
      sql: s.sql,
      running: s.running,
      result: s.result,
      error: s.error,
      history: s.history,
      setSql: s.setSql,
      run: s.run,
      rerun: s.rerun,
    })),
  );
  // Before the first Play the pipeline's tables exist only as schemas: a query over them gets an
  // empty result with the right columns (not DuckDB's "table does not exist").
  const schemaOnly: TableSource = useMemo(
    () => ({
      tableNames: async () => (studio.compile.getState().pipeline?.tables ?? []).map((t) => t.name),
      readTable: async (name) => {
        const table = studio.compile.getState().pipeline?.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
        return { columns: table?.columns ?? [], rows: [] };
      },
      withoutData: 'no data yet: the simulation has not run (press ▶ Play or Step)',
    }),
    [studio],
  );
  const hasSim = useSimStore((s) => s.state !== 'empty');
  const runRef = useRef(() => run(hasSim ? source : schemaOnly));
  runRef.current = () => run(hasSim ? source : schemaOnly);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);

  const insert = (text: string) => {
    const ed = editorRef.current;
    if (!ed) return;
    const sel = ed.getSelection() ?? new monaco.Selection(1, 1, 1, 1);
    const model = ed.getModel();
    // A space before the name when it would run into the word before it.
    const before = model ? model.getValueInRange(new monaco.Range(sel.startLineNumber, Math.max(1, sel.startColumn - 1), sel.startLineNumber, sel.startColumn)) : '';
    const pad = before && /[\w"]/.test(before) ? ' ' : '';
    ed.executeEdits('schema', [{ range: sel, text: pad + text, forceMoveMarkers: true }]);
    ed.pushUndoStop();
    ed.focus();
  };

  return (
    <div className="query-console">
      <SchemaSidebar onInsert={insert} />
      <div className="query-main">
        <div className="query-editor-bar">
          <button className="btn primary" data-testid="query.run" disabled={running} onClick={() => void runRef.current()} title="Run (Ctrl+Enter)">
            ▶ Run
          </button>
          <span className="muted query-hint" title="Before a query runs, the tables it names are loaded from the simulation's current state as Arrow IPC.">
            <span className="kbd">Ctrl+Enter</span> runs in DuckDB over the simulation’s current tables
          </span>
          <span className="spacer" />
          {running && (
            <span className="muted" data-testid="query.running">
              running…
            </span>
          )}
        </div>
        <div className="query-editor">
          <CodeEditor
            testId="query.input"
            language={QUERY_SQL}
            value={sql}
            onChange={setSql}
            options={{ lineNumbers: 'off', folding: false, glyphMargin: false, lineDecorationsWidth: 6 }}
            onMount={(ed) => {
              editorRef.current = ed;
              ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => void runRef.current());
            }}
          />
        </div>
        <div className="query-result" data-testid="query.result">
          {error ? (
            <div className="query-error" data-testid="query.error" role="alert">
              <span className="badge error">error</span> {error}
            </div>
          ) : result ? (
            <>
              <div className="result-meta muted" data-testid="query.meta">
                {result.rows.length.toLocaleString('en-US')} row{result.rows.length === 1 ? '' : 's'} · {result.elapsedMs.toFixed(1)} ms
                {result.loaded.length > 0 && !result.note && ` · loaded ${result.loaded.join(', ')} from the simulation`}
                {result.note && (
                  <span data-testid="query.note">
                    {' '}
                    · {result.loaded.join(', ')}: {result.note}
                  </span>
                )}
              </div>
              <ResultGrid columns={result.columns} rows={result.rows} testId="query.grid" />
            </>
          ) : (
            <div className="empty muted">
              {hasSim
                ? 'Query any table of the simulation by name, e.g. SELECT * FROM a table from the list on the left.'
                : 'DuckDB runs here. The pipeline’s tables answer with their columns and no rows until you press ▶ Play.'}
            </div>
          )}
        </div>
      </div>
      <div className="query-history" data-testid="query.history">
        <div className="section-title">History</div>
        {history.length === 0 && <div className="muted small pad">No queries yet. Click an entry to put it back in the editor, ▶ to run it again.</div>}
        {history.map((h) => (
          <div key={h.at + h.sql} className={`history-item ${h.ok ? '' : 'failed'}`} data-testid="query.history.item">
            <button className="history-fill" onClick={() => setSql(h.sql)} title={`Put in the editor:\n${h.sql}`} data-testid="query.history.fill">
              <code>{h.sql}</code>
              <span className="muted small">
                {new Date(h.at).toLocaleTimeString()} · {h.ok ? `${h.rows} row${h.rows === 1 ? '' : 's'} · ${h.elapsedMs.toFixed(0)} ms` : 'failed'}
              </span>
            </button>
            <button
              className="history-run"
              title="Run again"
              aria-label={`Run again: ${h.sql}`}
              data-testid="query.history.rerun"
              disabled={running}
              onClick={() => void rerun(h.sql, hasSim ? source : schemaOnly)}
            >
              ▶
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
