// Canvas actions that edit the script. Each edit is one of the engine's edit services, run in
// the engine (src/ui/project/edits.ts); the result goes through the project store, which the
// script editor applies as one undoable Monaco edit (see editor/history.ts).
import type { StoreApi } from 'zustand/vanilla';
import type { Layer } from '../../engine/api';
import type { EditReply } from '../../workers/protocol';
import type { EngineClient } from '../engine/client';
import type { CompileStore } from '../store/compile';
import type { ProjectStore } from '../store/project';
import type { SimStore } from '../store/sim';
import type { UiStore } from '../store/ui';
import { deleteJobEdit, deleteTableEdit, namesInScript, paletteTableSpec, renamePositions, type LakeChoice } from '../project/edits';
import type { PaletteConnector } from '../project/templates';
import type { EditorRegistry } from '../editor/editorRegistry';
import type { EditorTabsStore } from '../editor/editorStore';
import type { CanvasStore } from './canvasStore';

export interface CanvasActionsDeps {
  engine: EngineClient;
  project: StoreApi<ProjectStore>;
  compile: StoreApi<CompileStore>;
  sim: StoreApi<SimStore>;
  ui: StoreApi<UiStore>;
  canvas: StoreApi<CanvasStore>;
  editorTabs: StoreApi<EditorTabsStore>;
  editors: EditorRegistry;
}

export type CanvasActions = ReturnType<typeof createCanvasActions>;

export function createCanvasActions({ engine, project, compile, sim, ui, canvas, editorTabs, editors }: CanvasActionsDeps) {
  /**
   * Applies an edit's new script when the script did not change while the engine worked on it.
   * Returns the new script, or null (with a message in the status bar) when it did not apply.
   */
  function apply(before: string, r: EditReply, what: string): string | null {
    if (!r.ok) {
      ui.getState().showToast(`Could not ${what}: ${r.message}`, 'error');
      return null;
    }
    const current = project.getState();
    if (current.script !== before) {
      ui.getState().showToast(`The script changed while the studio tried to ${what}; try again.`, 'error');
      return null;
    }
    current.setScript(r.script, 'canvas');
    return r.script;
  }

  /** Rows the table held in the last run (0 when nothing ran). */
  async function rowsOf(name: string): Promise<number> {
    const s = sim.getState();
    const rows = s.latest?.tables.find((m) => m.name === name)?.rows ?? 0;
    if (rows > 0 || s.state === 'empty') return rows;
    return (await engine.readTable(name)).rows.length;
  }

  return {
    /**
     * Adds a `CREATE TABLE` for a palette connector in a layer; it shows on the canvas and in the
     * editor. `lake` is the format version and key of an Iceberg table (default v2, keyed, upsert).
     */
    async addTable(layer: Exclude<Layer, 'OTHER'>, connector: PaletteConnector, lake?: LakeChoice): Promise<string | null> {
      const script = project.getState().script;
      const existing = [...(compile.getState().pipeline?.tables.map((t) => t.name) ?? []), ...namesInScript(script)];
      const spec = paletteTableSpec(layer, connector, existing, lake);
      const r = await engine.edit(script, { op: 'addTable', spec });
      const out = apply(script, r, `add table ${spec.name}`);
      if (!out || !r.ok) return null;
      ui.getState().select({ kind: 'table', name: spec.name });
      if (r.selection) void editors.selectInScript(out, r.selection);
      return spec.name;
    },

    /** Writes `INSERT INTO dst SELECT ... FROM src` and opens it, selected, in the script editor. */
    async connectTables(src: string, dst: string): Promise<void> {
      if (src.toLowerCase() === dst.toLowerCase()) return;
      const script = project.getState().script;
      const r = await engine.edit(script, { op: 'connectTables', source: src, target: dst });
      const out = apply(script, r, `connect ${src} to ${dst}`);
      if (!out || !r.ok) return;
      ui.getState().setBottomTab('editor');
      editorTabs.getState().showScript();
      if (r.selection) void editors.selectInScript(out, r.selection, true);
    },

    /** Renames a table and every reference to it. Returns an error sentence, or null when done. */
    async renameTable(from: string, to: string): Promise<string | null> {
      const name = to.trim();
      if (name === from) return null;
      const script = project.getState().script;
      const r = await engine.edit(script, { op: 'renameTable', from, to: name });
      if (!r.ok) return r.message.charAt(0).toUpperCase() + r.message.slice(1) + '.';
      if (apply(script, r, `rename ${from}`) === null) return 'The script changed meanwhile; try again.';
      project.getState().setPositions(renamePositions(project.getState().positions, from, name));
      ui.getState().select({ kind: 'table', name });
      return null;
    },

    /**
     * Deletes the selected table or job. A table that holds data, or that other statements still
     * read, is deleted only after the user confirms in the delete dialog, which lists those readers.
     */
    async deleteSelection(): Promise<void> {
      const sel = ui.getState().selection;
      if (!sel) return;
      const script = project.getState().script;
      if (sel.kind === 'job') {
        if (apply(script, await deleteJobEdit(engine, script, sel.id), `delete ${sel.id}`) !== null) ui.getState().select(null);
        return;
      }
      const name = sel.name;
      // The edit is pure: run it first to learn which statements would still read the table.
      const preview = await engine.edit(script, { op: 'deleteTable', name });
      if (!preview.ok) {
        ui.getState().showToast(`Could not delete ${name}: ${preview.message}`, 'error');
        return;
      }
      const rows = await rowsOf(name);
      const readers = preview.readers ?? [];
      const writers = compile.getState().pipeline?.jobs.filter((j) => j.sinkTable.toLowerCase() === name.toLowerCase()) ?? [];
      let alsoReaders = false;
      if (rows > 0 || readers.length > 0) {
        const answer = await canvas.getState().askDelete({ table: name, rows, readers, writers: writers.map((j) => `${j.id} (${j.name})`) });
        if (!answer.ok) return;
        alsoReaders = answer.alsoReaders;
      }
      const now = project.getState().script;
      const r = alsoReaders ? await deleteTableEdit(engine, now, name, true) : now === script ? preview : await engine.edit(now, { op: 'deleteTable', name });
      if (apply(now, r, `delete ${name}`) !== null) ui.getState().select(null);
    },

    /** Opens a job's statement in the per-job editor (and the Editor tab). */
    editJob(jobId: string): void {
      editorTabs.getState().openJob(jobId, true);
    },
  };
}
