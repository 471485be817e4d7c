// Canvas actions that edit the script. Every edit goes through the project store, which the
// script editor applies as one undoable Monaco edit.
import { useCompileStore } from '../store/compile';
import { useProjectStore } from '../store/project';
import { useSimStore } from '../store/sim';
import { useUiStore } from '../store/ui';
import { appendStatement } from '../project/templates';
import { VALID_NAME, insertSelectSql, removeSpan, renameIdentifier } from '../project/edits';
import { whenScriptEditor } from '../editor/editorRegistry';
import { engine } from '../engine/client';

function findTable(name: string) {
  return useCompileStore.getState().pipeline?.tables.find((t) => t.name.toLowerCase() === name.toLowerCase()) ?? null;
}

/** Write `INSERT INTO dst SELECT ... FROM src` and open it in the editor. */
export function connectTables(src: string, dst: string): void {
  const s = findTable(src);
  const d = findTable(dst);
  if (!s || !d || s.name === d.name) return;
  const project = useProjectStore.getState();
  const statement = insertSelectSql(s, d);
  const script = appendStatement(project.script, statement);
  project.setScript(script, 'canvas');
  useUiStore.getState().setBottomTab('editor');
  const offset = script.lastIndexOf(statement);
  void whenScriptEditor().then((ed) => {
    const model = ed.getModel();
    if (!model) return;
    const pos = model.getPositionAt(offset);
    ed.revealLineInCenter(pos.lineNumber);
    ed.setPosition({ lineNumber: pos.lineNumber + 1, column: 8 });
    ed.focus();
  });
}

/** Delete the selected table (its CREATE and the jobs that read or write it) or job. */
export async function deleteSelection(): Promise<void> {
  const sel = useUiStore.getState().selection;
  const pipeline = useCompileStore.getState().pipeline;
  if (!sel || !pipeline) return;
  const project = useProjectStore.getState();
  const spans = [];
  if (sel.kind === 'table') {
    const t = findTable(sel.name);
    if (!t) return;
    const rows = useSimStore.getState().latest?.tables.find((m) => m.name === t.name)?.rows ?? 0;
    const holds = rows > 0 || (useSimStore.getState().state !== 'empty' && (await engine().readTable(t.name)).rows.length > 0);
    const jobs = pipeline.jobs.filter((j) => j.sinkTable === t.name || j.sourceTables.includes(t.name));
    const what = jobs.length ? ` and the ${jobs.length} job${jobs.length > 1 ? 's' : ''} that use it` : '';
    if (holds && !window.confirm(`Table ${t.name} holds ${rows} rows. Delete it${what}?`)) return;
    spans.push(t.span, ...jobs.map((j) => j.span));
  } else {
    const j = pipeline.jobs.find((x) => x.id === sel.id);
    if (!j) return;
    spans.push(j.span);
  }
  spans.sort((a, b) => b.start.offset - a.start.offset);
  let script = project.script;
  for (const s of spans) script = removeSpan(script, s);
  project.setScript(script, 'canvas');
  useUiStore.getState().select(null);
}

export function renameTable(from: string, to: string): string | null {
  if (!VALID_NAME.test(to)) return 'A table name is letters, digits and underscores, not starting with a digit.';
  if (findTable(to) && to.toLowerCase() !== from.toLowerCase()) return `A table named ${to} already exists.`;
  const project = useProjectStore.getState();
  project.setScript(renameIdentifier(project.script, from, to), 'canvas');
  const positions = { ...project.positions };
  const old = positions[`table:${from}`];
  if (old) {
    delete positions[`table:${from}`];
    positions[`table:${to}`] = old;
    project.setPositions(positions);
  }
  useUiStore.getState().select({ kind: 'table', name: to });
  return null;
}

/** Undo / redo go through the script editor's undo stack, shared by canvas and editor edits. */
export function undo(): void {
  void whenScriptEditor().then((ed) => ed.trigger('canvas', 'undo', null));
}
export function redo(): void {
  void whenScriptEditor().then((ed) => ed.trigger('canvas', 'redo', null));
}
