// A thin React wrapper over a Monaco editor. The model is created once; value changes from
// outside are applied as an edit (pushEditOperations) so the cursor and the undo stack survive.
import { useEffect, useRef } from 'react';
import { monaco } from './monaco';
import { FLINK_SQL, THEME } from './flinkSql';

export interface CodeEditorProps {
  value: string;
  onChange?(value: string): void;
  language?: string;
  testId: string;
  onMount?(editor: monaco.editor.IStandaloneCodeEditor): void;
  options?: monaco.editor.IStandaloneEditorConstructionOptions;
  /** Bumps when the value changed outside the editor and must be applied. */
  externalRevision?: number;
  /**
   * `edit`: apply an outside change as its own undoable edit; `merge`: as an edit that joins the
   * previous one when it came within a second (typing in the per-job editor); `reset`: replace
   * the model and its undo stack.
   */
  applyMode?: 'edit' | 'merge' | 'reset';
}

export function CodeEditor({ value, onChange, language = FLINK_SQL, testId, onMount, options, externalRevision, applyMode = 'edit' }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const applying = useRef(false);
  const lastMerge = useRef(0);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const editor = monaco.editor.create(el, {
      value,
      language,
      theme: THEME,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineHeight: 19,
      fontFamily: "'JetBrains Mono', 'Fira Code', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      tabSize: 2,
      fixedOverflowWidgets: true,
      padding: { top: 6 },
      bracketPairColorization: { enabled: false },
      guides: { indentation: false },
      ...options,
    });
    editorRef.current = editor;
    const sub = editor.onDidChangeModelContent(() => {
      if (!applying.current) onChangeRef.current?.(editor.getValue());
    });
    onMount?.(editor);
    return () => {
      sub.dispose();
      editor.getModel()?.dispose();
      editor.dispose();
      editorRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || model.getValue() === value) return;
    applying.current = true;
    try {
      if (applyMode === 'reset') {
        model.setValue(value);
      } else {
        // Replace only the changed middle so the cursor and folding elsewhere stay put.
        const old = model.getValue();
        let a = 0;
        while (a < old.length && a < value.length && old[a] === value[a]) a++;
        let b = 0;
        while (b < old.length - a && b < value.length - a && old[old.length - 1 - b] === value[value.length - 1 - b]) b++;
        const start = model.getPositionAt(a);
        const end = model.getPositionAt(old.length - b);
        const merge = applyMode === 'merge' && performance.now() - lastMerge.current < 1000;
        lastMerge.current = applyMode === 'merge' ? performance.now() : 0;
        if (!merge) editor.pushUndoStop();
        model.pushEditOperations(
          editor.getSelections() ?? [],
          [{ range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: value.slice(a, value.length - b) }],
          () => null,
        );
        if (applyMode !== 'merge') editor.pushUndoStop();
      }
    } finally {
      applying.current = false;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, externalRevision]);

  // `nokey`: React Flow ignores keys typed here (Monaco types through EditContext, not a textarea,
  // so React Flow would take Space for panning and swallow it).
  return <div className="code-editor nokey" data-testid={testId} ref={host} />;
}
