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
import type { StoreApi } from 'zustand/vanilla';
import type { NodePosition, ProjectStore } from '../store/project';
import type { EditorRegistry } from './editorRegistry';

type Positions = Record<string, NodePosition>;

interface SidecarEntry {
  version: number;
  before: Positions;
  after: Positions;
}

export class History {
  private readonly undoStack: SidecarEntry[] = [];
  private readonly redoStack: SidecarEntry[] = [];
  private currentModelId: string | null = null;

  constructor(
    private readonly project: StoreApi<ProjectStore>,
    private readonly editors: EditorRegistry,
  ) {}

  private scriptModel() {
    const model = this.editors.getScriptEditor()?.getModel() ?? null;
    if (model && model.id !== this.currentModelId) {
      // Another model (the editor was remounted): tags of the old one mean nothing.
      this.currentModelId = model.id;
      this.clear();
    }
    return model;
  }

  /** Forget the sidecar history (another project was loaded; Monaco's stack was reset too). */
  clear(): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
  }

  /** A new text edit (not an undo or redo) ends the sidecar redo chain, as it ends Monaco's. */
  onTextEdited(): void {
    this.redoStack.length = 0;
  }

  /** Changes the layout sidecar as one undoable step. */
  changeSidecar(next: Positions): void {
    const store = this.project.getState();
    const before = store.positions;
    if (before === next) return;
    const model = this.scriptModel();
    if (model) {
      this.undoStack.push({ version: model.getAlternativeVersionId(), before, after: next });
      if (this.undoStack.length > 200) this.undoStack.shift();
      this.redoStack.length = 0;
    }
    store.setPositions(next);
  }

  undo(): void {
    const model = this.scriptModel();
    if (!model) return;
    const top = this.undoStack.at(-1);
    if (top && top.version === model.getAlternativeVersionId()) {
      this.undoStack.pop();
      this.redoStack.push(top);
      this.project.getState().setPositions(top.before);
      return;
    }
    void model.undo();
  }

  redo(): void {
    const model = this.scriptModel();
    if (!model) return;
    const top = this.redoStack.at(-1);
    if (top && top.version === model.getAlternativeVersionId()) {
      this.redoStack.pop();
      this.undoStack.push(top);
      this.project.getState().setPositions(top.after);
      return;
    }
    void model.redo();
  }
}
