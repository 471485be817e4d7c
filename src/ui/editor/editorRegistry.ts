// The whole-script editor, for the views that move its cursor (Problems, canvas) and set markers.
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
