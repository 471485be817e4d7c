// Engine diagnostics -> Monaco markers on the script model (the compile is already debounced).
import { useEffect } from 'react';
import { useCompileStore, useStudio } from '../studio/context';
import { monaco } from './monaco';
import type { Diagnostic } from '../../engine/api';

const OWNER = 'freshet';

function severity(d: Diagnostic): monaco.MarkerSeverity {
  return d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info;
}

export function useMarkers() {
  const editors = useStudio().editors;
  const diagnostics = useCompileStore((s) => s.diagnostics);
  useEffect(() => {
    void editors.whenScriptEditor().then((ed) => {
      const model = ed.getModel();
      if (!model) return;
      monaco.editor.setModelMarkers(
        model,
        OWNER,
        diagnostics.map((d) => {
          const empty = d.span.end.offset <= d.span.start.offset;
          return {
            severity: severity(d),
            message: d.message,
            code: d.code,
            startLineNumber: d.span.start.line,
            startColumn: d.span.start.column,
            endLineNumber: empty ? d.span.start.line : d.span.end.line,
            endColumn: empty ? d.span.start.column + 1 : d.span.end.column,
          };
        }),
      );
    });
  }, [editors, diagnostics]);
}
