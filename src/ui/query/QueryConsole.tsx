import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useQueryStore } from '../store/query';
import { useSimStore } from '../store/sim';
import { CodeEditor } from '../editor/CodeEditor';
import { monaco } from '../editor/monaco';
import { QUERY_SQL } from '../editor/flinkSql';
import { registerLanguageServices } from '../editor/languageServices';

registerLanguageServices();
import { engine } from '../engine/client';
import { ResultGrid } from '../panels/ResultGrid';
import type { TableSource } from './duckdb';

const source: TableSource = {
  tableNames: () => engine().tableNames(),
  readTable: (name) => engine().readTable(name),
};

export default function QueryConsole() {
  const { sql, running, result, error, history, setSql, run } = useQueryStore(
    useShallow((s) => ({
      sql: s.sql,
      running: s.running,
      result: s.result,
      error: s.error,
      history: s.history,
      setSql: s.setSql,
      run: s.run,
    })),
  );
  const hasSim = useSimStore((s) => s.state !== 'empty');
  const runRef = useRef(() => run(hasSim ? source : null));
  runRef.current = () => run(hasSim ? source : null);

  return (
    <div className="query-console">
      <div className="query-main">
        <div className="query-editor-bar">
          <button
            className="btn primary"
            data-testid="query.run"
            disabled={running}
            onClick={() => void runRef.current()}
            title="Run (Ctrl+Enter)"
          >
            ▶ Run
          </button>
          <span className="muted">Ctrl+Enter runs · tables load from the simulation as Arrow before each query</span>
          <span className="spacer" />
          {running && <span className="muted" data-testid="query.running">running…</span>}
        </div>
        <div className="query-editor">
          <CodeEditor
            testId="query.input"
            language={QUERY_SQL}
            value={sql}
            onChange={setSql}
            options={{ lineNumbers: 'off', folding: false, glyphMargin: false, lineDecorationsWidth: 6 }}
            onMount={(ed) => {
              ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => void runRef.current());
            }}
          />
        </div>
        <div className="query-result" data-testid="query.result">
          {error ? (
            <div className="query-error" data-testid="query.error">
              <span className="badge error">error</span> {error}
            </div>
          ) : result ? (
            <>
              <div className="result-meta muted" data-testid="query.meta">
                {result.rows.length} row{result.rows.length === 1 ? '' : 's'} · {result.elapsedMs.toFixed(1)} ms
                {result.loaded.length > 0 && ` · loaded ${result.loaded.join(', ')}`}
              </div>
              <ResultGrid columns={result.columns.map((c) => c.name)} rows={result.rows} testId="query.grid" />
            </>
          ) : (
            <div className="empty muted">Run a query against DuckDB-wasm. Every table of the running simulation can be queried by name.</div>
          )}
        </div>
      </div>
      <div className="query-history" data-testid="query.history">
        <div className="section-title">History</div>
        {history.length === 0 && <div className="muted small pad">No queries yet.</div>}
        {history.map((h) => (
          <button key={h.at + h.sql} className={`history-item ${h.ok ? '' : 'failed'}`} onClick={() => setSql(h.sql)} title={h.sql}>
            <code>{h.sql}</code>
            <span className="muted small">{h.ok ? `${h.rows} row${h.rows === 1 ? "" : "s"} · ${h.elapsedMs.toFixed(0)} ms` : 'failed'}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
