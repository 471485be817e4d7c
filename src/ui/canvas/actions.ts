// Canvas actions that edit the script. Each edit is one of the engine's edit services, run in
// the engine worker (src/ui/project/edits.ts); the result goes through the project store, which
// the script editor applies as one undoable Monaco edit (see editor/history.ts).
import type { Layer } from '../../engine/api';
import type { EditReply } from '../../workers/protocol';
import { useCompileStore } from '../store/compile';
import { useProjectStore } from '../store/project';
import { useSimStore } from '../store/sim';
import { useUiStore } from '../store/ui';
import { deleteJobEdit, deleteTableEdit, namesInScript, paletteTableSpec, renamePositions } from '../project/edits';
import type { PaletteConnector } from '../project/templates';
import { selectInScript } from '../editor/editorRegistry';
import { useEditorTabs } from '../editor/editorStore';
import { engine } from '../engine/client';
import { useCanvasStore } from './canvasStore';

export { undo, redo } from '../editor/history';

/**
 * Applies an edit's new script when the script did not change while the worker worked on it.
 * Returns the new script, or null (with a message in the status bar) when it did not apply.
 */
function apply(before: string, r: EditReply, what: string): string | null {
  if (!r.ok) {
    useUiStore.getState().showToast(`Could not ${what}: ${r.message}`, 'error');
    return null;
  }
  const project = useProjectStore.getState();
  if (project.script !== before) {
    useUiStore.getState().showToast(`The script changed while the studio tried to ${what}; try again.`, 'error');
    return null;
  }
  project.setScript(r.script, 'canvas');
  return r.script;
}

/** Adds a `CREATE TABLE` for a palette connector in a layer; it shows on the canvas and in the editor. */
export async function addTable(layer: Exclude<Layer, 'OTHER'>, connector: PaletteConnector): Promise<string | null> {
  const script = useProjectStore.getState().script;
  const existing = [...(useCompileStore.getState().pipeline?.tables.map((t) => t.name) ?? []), ...namesInScript(script)];
  const spec = paletteTableSpec(layer, connector, existing);
  const r = await engine().edit(script, { op: 'addTable', spec });
  const out = apply(script, r, `add table ${spec.name}`);
  if (!out || !r.ok) return null;
  useUiStore.getState().select({ kind: 'table', name: spec.name });
  if (r.selection) void selectInScript(out, r.selection);
  return spec.name;
}

/** Writes `INSERT INTO dst SELECT ... FROM src` and opens it, selected, in the script editor. */
export async function connectTables(src: string, dst: string): Promise<void> {
  if (src.toLowerCase() === dst.toLowerCase()) return;
  const script = useProjectStore.getState().script;
  const r = await engine().edit(script, { op: 'connectTables', source: src, target: dst });
  const out = apply(script, r, `connect ${src} to ${dst}`);
  if (!out || !r.ok) return;
  useUiStore.getState().setBottomTab('editor');
  useEditorTabs.getState().showScript();
  if (r.selection) void selectInScript(out, r.selection, true);
}

/** Renames a table and every reference to it. Returns an error sentence, or null when done. */
export async function renameTable(from: string, to: string): Promise<string | null> {
  const name = to.trim();
  if (name === from) return null;
  const project = useProjectStore.getState();
  const script = project.script;
  const r = await engine().edit(script, { op: 'renameTable', from, to: name });
  if (!r.ok) return r.message.charAt(0).toUpperCase() + r.message.slice(1) + '.';
  if (apply(script, r, `rename ${from}`) === null) return 'The script changed meanwhile; try again.';
  project.setPositions(renamePositions(useProjectStore.getState().positions, from, name));
  useUiStore.getState().select({ kind: 'table', name });
  return null;
}

/** Rows the table held in the last run (0 when nothing ran). */
async function rowsOf(name: string): Promise<number> {
  const sim = useSimStore.getState();
  const rows = sim.latest?.tables.find((m) => m.name === name)?.rows ?? 0;
  if (rows > 0 || sim.state === 'empty') return rows;
  return (await engine().readTable(name)).rows.length;
}

/**
 * Deletes the selected table or job. A table that holds data, or that other statements still
 * read, is deleted only after the user confirms in the delete dialog, which lists those readers.
 */
export async function deleteSelection(): Promise<void> {
  const sel = useUiStore.getState().selection;
  if (!sel) return;
  const script = useProjectStore.getState().script;
  if (sel.kind === 'job') {
    if (apply(script, await deleteJobEdit(engine(), script, sel.id), `delete ${sel.id}`) !== null) useUiStore.getState().select(null);
    return;
  }
  const name = sel.name;
  // The edit is pure: run it first to learn which statements would still read the table.
  const preview = await engine().edit(script, { op: 'deleteTable', name });
  if (!preview.ok) {
    useUiStore.getState().showToast(`Could not delete ${name}: ${preview.message}`, 'error');
    return;
  }
  const rows = await rowsOf(name);
  const readers = preview.readers ?? [];
  const writers = useCompileStore.getState().pipeline?.jobs.filter((j) => j.sinkTable.toLowerCase() === name.toLowerCase()) ?? [];
  let alsoReaders = false;
  if (rows > 0 || readers.length > 0) {
    const answer = await useCanvasStore.getState().askDelete({ table: name, rows, readers, writers: writers.map((j) => `${j.id} (${j.name})`) });
    if (!answer.ok) return;
    alsoReaders = answer.alsoReaders;
  }
  const now = useProjectStore.getState().script;
  const r = alsoReaders ? await deleteTableEdit(engine(), now, name, true) : now === script ? preview : await engine().edit(now, { op: 'deleteTable', name });
  if (apply(now, r, `delete ${name}`) !== null) useUiStore.getState().select(null);
}

/** Opens a job's statement in the per-job editor (and the Editor tab). */
export function editJob(jobId: string): void {
  useEditorTabs.getState().openJob(jobId, true);
}
