// A read-only side-by-side diff of two scripts (Monaco's diff editor, bundled locally), with Flink
// SQL highlighting. The Export dialog shows the script against its Flink SQL, the Versions dialog
// one version against another. `focus` scrolls both sides to a pair of lines and marks them.
import { useEffect, useRef } from 'react';
import { monaco } from '../editor/monaco';
import { FLINK_SQL, THEME } from '../editor/flinkSql';

export interface DiffFocus {
  /** 1-based lines; the sides are scrolled independently so each shows its own line. */
  originalLine: number;
  modifiedLine: number;
}

export interface DiffViewProps {
  original: string;
  modified: string;
  testId: string;
  focus?: DiffFocus | null;
  /** Folds long runs of unchanged lines (versions: the changes are what one looks for). */
  collapseUnchanged?: boolean;
}

/**
 * Scrolls both sides to a pair of lines. The diff editor keeps the two sides' scroll in step:
 * reveal the modified side, then the original in its own editor once the step has settled.
 */
function reveal(diff: monaco.editor.IStandaloneDiffEditor, focus: DiffFocus): void {
  diff.getModifiedEditor().revealLineInCenter(focus.modifiedLine, monaco.editor.ScrollType.Immediate);
  requestAnimationFrame(() => diff.getOriginalEditor().revealLineInCenterIfOutsideViewport(focus.originalLine, monaco.editor.ScrollType.Immediate));
}

export function DiffView({ original, modified, testId, focus, collapseUnchanged = false }: DiffViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  const focusRef = useRef<DiffFocus | null>(null);
  const marks = useRef<{ original: monaco.editor.IEditorDecorationsCollection; modified: monaco.editor.IEditorDecorationsCollection } | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const diff = monaco.editor.createDiffEditor(el, {
      theme: THEME,
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      // The dialogs are wide enough; a narrow window still gets two columns, as asked for.
      useInlineViewWhenSpaceIsLimited: false,
      minimap: { enabled: false },
      fontSize: 12,
      lineHeight: 18,
      fontFamily: "'JetBrains Mono', 'Fira Code', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
      scrollBeyondLastLine: false,
      renderOverviewRuler: false,
      wordWrap: 'on',
      diffWordWrap: 'on',
      fixedOverflowWidgets: true,
      padding: { top: 4 },
      hideUnchangedRegions: { enabled: collapseUnchanged, contextLineCount: 3, minimumLineCount: 6 },
    });
    const originalModel = monaco.editor.createModel(original, FLINK_SQL);
    const modifiedModel = monaco.editor.createModel(modified, FLINK_SQL);
    // A view model of our own, so closing can cancel a diff still being computed: the models
    // disposed under a running computation make Monaco throw "no diff result available".
    const viewModel = diff.createViewModel({ original: originalModel, modified: modifiedModel });
    diff.setModel(viewModel);
    editorRef.current = diff;
    marks.current = { original: diff.getOriginalEditor().createDecorationsCollection(), modified: diff.getModifiedEditor().createDecorationsCollection() };
    // A resize moves the view: keep the focused change on screen.
    const relayout = diff.getModifiedEditor().onDidLayoutChange(() => {
      if (focusRef.current) reveal(diff, focusRef.current);
    });
    return () => {
      relayout.dispose();
      editorRef.current = null;
      marks.current = null;
      diff.setModel(null);
      viewModel.dispose();
      diff.dispose();
      originalModel.dispose();
      modifiedModel.dispose();
    };
    // The models are created once; the effects below update their text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const m = editorRef.current?.getModel();
    if (m && m.original.getValue() !== original) m.original.setValue(original);
  }, [original]);
  useEffect(() => {
    const m = editorRef.current?.getModel();
    if (m && m.modified.getValue() !== modified) m.modified.setValue(modified);
  }, [modified]);

  useEffect(() => {
    const diff = editorRef.current;
    const m = marks.current;
    if (!diff || !m) return;
    if (!focus) {
      m.original.clear();
      m.modified.clear();
      return;
    }
    const mark = (line: number) => [{ range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: 'diff-focus-line', linesDecorationsClassName: 'diff-focus-gutter' } }];
    m.original.set(mark(focus.originalLine));
    m.modified.set(mark(focus.modifiedLine));
    reveal(diff, focus);
  }, [focus]);
  focusRef.current = focus ?? null;

  return <div className="diff-view" data-testid={testId} ref={host} />;
}
