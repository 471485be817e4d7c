import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCompileStore, useProjectStore, useSimStore, useUiStore } from './studio/context';

export function StatusBar() {
  const { toast, clearToast, setTab } = useUiStore(useShallow((s) => ({ toast: s.toast, clearToast: s.clearToast, setTab: s.setBottomTab })));
  const { errors, warnings, compiling, tables, jobs } = useCompileStore(
    useShallow((s) => ({
      errors: s.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: s.diagnostics.filter((d) => d.severity === 'warning').length,
      compiling: s.compiling,
      tables: s.pipeline?.tables.length ?? 0,
      jobs: s.pipeline?.jobs.length ?? 0,
    })),
  );
  const simError = useSimStore((s) => (s.state === 'failed' ? s.error : null));
  const fileName = useProjectStore((s) => s.fileName);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(clearToast, toast.tone === 'error' ? 8000 : 4000);
    return () => clearTimeout(t);
  }, [toast, clearToast]);
  return (
    <footer className="statusbar" data-testid="statusbar">
      <button className="sb-item" onClick={() => setTab('problems')} data-testid="status.problems">
        <span className={errors ? 'sb-err' : ''}>⨯ {errors}</span> <span className={warnings ? 'sb-warn' : ''}>⚠ {warnings}</span>
      </button>
      <span className="sb-item">{fileName}</span>
      <span className="sb-item muted">
        {tables} tables · {jobs} jobs{compiling ? ' · checking…' : ''}
      </span>
      {simError && <span className="sb-item sb-err">job failed: {simError}</span>}
      <span className="spacer" />
      {toast && (
        <span className={`sb-toast ${toast.tone}`} data-testid="status.toast" role="status">
          {toast.text}
        </span>
      )}
      <span className="sb-item muted">Flink SQL · engine in a worker · DuckDB-wasm</span>
    </footer>
  );
}
