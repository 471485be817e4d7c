// The whole-script editor, for the views that move its cursor (Problems, canvas) and set markers.
// Type-only Monaco imports: the canvas uses this module and must not pull Monaco into the shell.
import type { monaco } from './monaco';

let scriptEditor: monaco.editor.IStandaloneCodeEditor | null = null;
const waiters: ((e: monaco.editor.IStandaloneCodeEditor) => void)[] = [];

export function registerScriptEditor(editor: monaco.editor.IStandaloneCodeEditor): void {
  scriptEditor = editor;
  editor.onDidDispose(() => {
    if (scriptEditor === editor) scriptEditor = null;
  });
  for (const w of waiters.splice(0)) w(editor);
}

export function getScriptEditor(): monaco.editor.IStandaloneCodeEditor | null {
  return scriptEditor;
}

/** Resolves once the script editor is mounted (immediately when it is). */
export function whenScriptEditor(): Promise<monaco.editor.IStandaloneCodeEditor> {
  return scriptEditor ? Promise.resolve(scriptEditor) : new Promise((r) => waiters.push(r));
}

/**
 * Resolves once the script editor shows `script` (a change made elsewhere is applied by a React
 * effect, a moment after the store has it), so offsets of `script` are valid in its model.
 * Gives up after two seconds (resolves null).
 */
export async function whenScriptShows(script: string): Promise<monaco.editor.IStandaloneCodeEditor | null> {
  const ed = await whenScriptEditor();
  const model = ed.getModel();
  if (!model) return null;
  if (model.getValue() === script) return ed;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(null);
    }, 2000);
    const sub = model.onDidChangeContent(() => {
      if (model.getValue() !== script) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(ed);
    });
  });
}

/** Selects a range of `script` in the script editor and scrolls it into view, once the editor shows that script. */
export async function selectInScript(script: string, range: { offset: number; length: number }, focus = false): Promise<void> {
  const ed = await whenScriptShows(script);
  const model = ed?.getModel();
  if (!ed || !model) return;
  const s = model.getPositionAt(range.offset);
  const e = model.getPositionAt(range.offset + range.length);
  ed.setSelection({ startLineNumber: s.lineNumber, startColumn: s.column, endLineNumber: e.lineNumber, endColumn: e.column });
  ed.revealRangeInCenterIfOutsideViewport({ startLineNumber: s.lineNumber, startColumn: s.column, endLineNumber: e.lineNumber, endColumn: e.column });
  if (focus) ed.focus();
}
