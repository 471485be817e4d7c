// Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y inside a Monaco editor run the studio's one history (history.ts),
// so undo in an editor also undoes canvas changes, in the order they were made.
import { monaco } from './monaco';
import { redo, undo } from './history';

export function bindHistoryKeys(editor: monaco.editor.IStandaloneCodeEditor): void {
  const { KeyMod, KeyCode } = monaco;
  editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyZ, undo);
  editor.addCommand(KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyZ, redo);
  editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyY, redo);
}
