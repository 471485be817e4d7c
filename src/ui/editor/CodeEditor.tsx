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
}

export function CodeEditor({ value, onChange, language = FLINK_SQL, testId, onMount, options, externalRevision }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const applying = useRef(false);

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
      editor.pushUndoStop();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
      editor.pushUndoStop();
    } finally {
      applying.current = false;
    }
  }, [value, externalRevision]);

  return <div className="code-editor" data-testid={testId} ref={host} />;
}
