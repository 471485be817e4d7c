// The whole-script editor, for the views that move its cursor (Problems, canvas) and set markers,
// and the models that hold one statement of the script (per-job editors), for the language
// services. One registry per studio. Type-only Monaco imports: the canvas uses this module and
// must not pull Monaco into the shell.
import type { monaco } from './monaco';

type ScriptEditor = monaco.editor.IStandaloneCodeEditor;

/** The script around an embedded model's text: what comes before and after it. */
export interface EmbeddedContext {
  prefix: string;
  suffix: string;
}

export class EditorRegistry {
  private scriptEditor: ScriptEditor | null = null;
  private readonly waiters: ((e: ScriptEditor) => void)[] = [];
  /** Embedded models by model URI: the script around their text, null when the statement is gone. */
  private readonly embedded = new Map<string, () => EmbeddedContext | null>();

  registerScriptEditor(editor: ScriptEditor): void {
    this.scriptEditor = editor;
    editor.onDidDispose(() => {
      if (this.scriptEditor === editor) this.scriptEditor = null;
    });
    for (const w of this.waiters.splice(0)) w(editor);
  }

  getScriptEditor(): ScriptEditor | null {
    return this.scriptEditor;
  }

  /** Resolves once the script editor is mounted (immediately when it is). */
  whenScriptEditor(): Promise<ScriptEditor> {
    const ed = this.scriptEditor;
    return ed ? Promise.resolve(ed) : new Promise((r) => this.waiters.push(r));
  }

  /**
   * Resolves once the script editor shows `script` (a change made elsewhere is applied by a React
   * effect, a moment after the store has it), so offsets of `script` are valid in its model.
   * Gives up after two seconds (resolves null).
   */
  async whenScriptShows(script: string): Promise<ScriptEditor | null> {
    const ed = await this.whenScriptEditor();
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
  async selectInScript(script: string, range: { offset: number; length: number }, focus = false): Promise<void> {
    const ed = await this.whenScriptShows(script);
    const model = ed?.getModel();
    if (!ed || !model) return;
    const s = model.getPositionAt(range.offset);
    const e = model.getPositionAt(range.offset + range.length);
    ed.setSelection({ startLineNumber: s.lineNumber, startColumn: s.column, endLineNumber: e.lineNumber, endColumn: e.column });
    ed.revealRangeInCenterIfOutsideViewport({ startLineNumber: s.lineNumber, startColumn: s.column, endLineNumber: e.lineNumber, endColumn: e.column });
    if (focus) ed.focus();
  }

  /** Registers a model that holds one statement of the script (the per-job editor). Returns the disposer. */
  registerEmbeddedModel(model: monaco.editor.ITextModel, context: () => EmbeddedContext | null): () => void {
    const key = model.uri.toString();
    this.embedded.set(key, context);
    return () => {
      if (this.embedded.get(key) === context) this.embedded.delete(key);
    };
  }

  /** The script around an embedded model, or null for the script's own model (or a gone statement). */
  embeddedContext(model: monaco.editor.ITextModel): EmbeddedContext | null {
    return this.embedded.get(model.uri.toString())?.() ?? null;
  }
}
