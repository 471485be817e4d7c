import { useCompileStore, useProjectStore, useStudio } from '../studio/context';
import type { Studio } from '../studio/createStudio';
import type { Diagnostic } from '../../engine/api';

export function goToDiagnostic(studio: Studio, d: Diagnostic): void {
  studio.ui.getState().setBottomTab('editor');
  void studio.editors.whenScriptEditor().then((ed) => {
    const pos = { lineNumber: d.span.start.line, column: d.span.start.column };
    ed.setSelection({
      startLineNumber: d.span.start.line,
      startColumn: d.span.start.column,
      endLineNumber: d.span.end.line,
      endColumn: d.span.end.column,
    });
    ed.revealPositionInCenter(pos);
    ed.focus();
  });
}

export function Problems() {
  const studio = useStudio();
  const diagnostics = useCompileStore((s) => s.diagnostics);
  const fileName = useProjectStore((s) => s.fileName);
  if (diagnostics.length === 0) {
    return (
      <div className="problems empty muted" data-testid="problems.empty">
        ✓ No problems in {fileName}.
      </div>
    );
  }
  return (
    <ul className="problems" data-testid="problems.list">
      {diagnostics.map((d, i) => (
        <li key={i}>
          <button className={`problem ${d.severity}`} data-testid="problems.item" onClick={() => goToDiagnostic(studio, d)}>
            <span className={`sev sev-${d.severity}`}>{d.severity === 'error' ? '⨯' : d.severity === 'warning' ? '⚠' : 'ℹ'}</span>
            <span className="problem-msg">{d.message}</span>
            <span className="muted small">{d.code}</span>
            <span className="problem-loc muted">
              {fileName}:{d.span.start.line}:{d.span.start.column}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
