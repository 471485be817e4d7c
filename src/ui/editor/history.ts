// One undo history for canvas and editor edits.
//
// Script text: the script editor's Monaco undo stack holds every change, typed in the script
// editor, typed in a per-job editor, or made on the canvas (applied to the model as an edit, never
// by replacing the model, so the stack survives). Undo and redo anywhere run the model's undo/redo.
//
// Layout sidecar (positions, lane overrides): no text changes, so Monaco cannot hold them. They
// are kept here, each tagged with the model's alternative version id when it was made. That id
// comes back when undo returns the text to that version, so a sidecar change is undone exactly
// when the text is where it was right after it: the two stacks interleave in the order the user
// made the changes.
//
// Type-only Monaco imports: the canvas uses this module and must not pull Monaco into the shell.
import { useProjectStore, type NodePosition } from '../store/project';
import { getScriptEditor } from './editorRegistry';

type Positions = Record<string, NodePosition>;

interface SidecarEntry {
  version: number;
  before: Positions;
  after: Positions;
}

const undoStack: SidecarEntry[] = [];
const redoStack: SidecarEntry[] = [];
let currentModelId: string | null = null;

function scriptModel() {
  const model = getScriptEditor()?.getModel() ?? null;
  if (model && model.id !== currentModelId) {
    // Another model (the editor was remounted): tags of the old one mean nothing.
    currentModelId = model.id;
    clearHistory();
  }
  return model;
}

/** Forget the sidecar history (another project was loaded; Monaco's stack was reset too). */
export function clearHistory(): void {
  undoStack.length = 0;
  redoStack.length = 0;
}

/** A new text edit (not an undo or redo) ends the sidecar redo chain, as it ends Monaco's. */
export function onTextEdited(): void {
  redoStack.length = 0;
}

/** Changes the layout sidecar as one undoable step. */
export function changeSidecar(next: Positions): void {
  const store = useProjectStore.getState();
  const before = store.positions;
  if (before === next) return;
  const model = scriptModel();
  if (model) {
    undoStack.push({ version: model.getAlternativeVersionId(), before, after: next });
    if (undoStack.length > 200) undoStack.shift();
    redoStack.length = 0;
  }
  store.setPositions(next);
}

export function undo(): void {
  const model = scriptModel();
  if (!model) return;
  const top = undoStack.at(-1);
  if (top && top.version === model.getAlternativeVersionId()) {
    undoStack.pop();
    redoStack.push(top);
    useProjectStore.getState().setPositions(top.before);
    return;
  }
  void model.undo();
}

export function redo(): void {
  const model = scriptModel();
  if (!model) return;
  const top = redoStack.at(-1);
  if (top && top.version === model.getAlternativeVersionId()) {
    redoStack.pop();
    undoStack.push(top);
    useProjectStore.getState().setPositions(top.after);
    return;
  }
  void model.redo();
}
