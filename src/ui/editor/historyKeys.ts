// Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y inside a Monaco editor run the studio's one history (history.ts),
// so undo in an editor also undoes canvas changes, in the order they were made.
import { monaco } from './monaco';
import type { History } from './history';

export function bindHistoryKeys(editor: monaco.editor.IStandaloneCodeEditor, history: History): void {
  const { KeyMod, KeyCode } = monaco;
  editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyZ, () => history.undo());
  editor.addCommand(KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyZ, () => history.redo());
  editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyY, () => history.redo());
}
