// Project lifecycle: restore the last project from IndexedDB at start, autosave every change,
// new / open / rename / delete, import and export.
import { useProjectStore } from '../store/project';
import { useSimStore } from '../store/sim';
import { useUiStore } from '../store/ui';
import { EXAMPLE_FILE, EXAMPLE_SCRIPT } from './example';
import { parseProjectBytes, slug, toProjectFile } from './projectFile';
import { confirmDialog, noticeDialog } from './dialog';
import { currentProjectId, deleteProject, listProjects, loadProject, newProjectId, saveProject, type ProjectMeta } from './storage';
import { create } from 'zustand';

interface ProjectsState {
  ready: boolean;
  list: ProjectMeta[];
  saving: boolean;
  lastSaved: number | null;
  /** Why the last save failed (IndexedDB unavailable, quota), until a save succeeds. */
  saveError: string | null;
}

export const useProjectsStore = create<ProjectsState>()(() => ({ ready: false, list: [], saving: false, lastSaved: null, saveError: null }));

async function refreshList() {
  useProjectsStore.setState({ list: await listProjects() });
}

async function saveNow() {
  const p = useProjectStore.getState();
  useProjectsStore.setState({ saving: true });
  try {
    await saveProject({ id: p.id, name: p.name, fileName: p.fileName, script: p.script, positions: p.positions, updatedAt: Date.now() });
    useProjectsStore.setState({ saving: false, lastSaved: Date.now(), saveError: null });
    await refreshList();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    useProjectsStore.setState({ saving: false, saveError: why });
    useUiStore.getState().showToast(`Could not save to IndexedDB: ${why}`, 'error');
  }
}

let timer: ReturnType<typeof setTimeout> | null = null;
function scheduleSave() {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void saveNow();
  }, 400);
}

export async function flushSave(): Promise<void> {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  await saveNow();
}

/** Ctrl+S: the studio autosaves anyway; this saves at once and says so. */
export async function saveShortcut(): Promise<void> {
  await flushSave();
  const { saveError } = useProjectsStore.getState();
  if (!saveError) useUiStore.getState().showToast(`Saved “${useProjectStore.getState().name}” in this browser (changes are also saved as you go).`);
}

let started = false;
export async function initProjects(): Promise<void> {
  if (started) return;
  started = true;
  try {
    const id = await currentProjectId();
    const stored = id ? await loadProject(id) : null;
    if (stored) {
      useProjectStore.getState().load(stored);
    } else {
      useProjectStore.getState().load({ id: newProjectId(), name: 'Orders pipeline', fileName: EXAMPLE_FILE, script: EXAMPLE_SCRIPT, positions: {} });
      await saveNow();
    }
    await refreshList();
  } catch (e) {
    useUiStore.getState().showToast(`Projects are not saved: IndexedDB is unavailable (${e instanceof Error ? e.message : String(e)})`, 'error');
  }
  useProjectsStore.setState({ ready: true });
  useProjectStore.subscribe((s, prev) => {
    if (s.script !== prev.script || s.positions !== prev.positions || s.name !== prev.name || s.id !== prev.id) scheduleSave();
  });
}

async function switchTo(p: { id: string; name: string; fileName: string; script: string; positions: Record<string, { x: number; y: number }> }, saveCurrent = true) {
  if (saveCurrent) await flushSave();
  await useSimStore.getState().clear();
  useProjectStore.getState().load(p);
  useUiStore.getState().select(null);
  await saveNow();
}

/** `base`, or `base 2`, `base 3`... whichever no project in this browser is called yet. */
function freeName(base: string): string {
  const taken = new Set(useProjectsStore.getState().list.map((p) => p.name));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

export async function newProject(): Promise<void> {
  const name = freeName('Untitled');
  await switchTo({ id: newProjectId(), name, fileName: `${slug(name)}.sql`, script: "SET 'execution.checkpointing.interval' = '30s';\n", positions: {} });
}

export async function newFromExample(): Promise<void> {
  await switchTo({ id: newProjectId(), name: freeName('Orders pipeline'), fileName: EXAMPLE_FILE, script: EXAMPLE_SCRIPT, positions: {} });
}

export async function openProject(id: string): Promise<void> {
  if (id === useProjectStore.getState().id) return;
  const p = await loadProject(id);
  if (!p) {
    useUiStore.getState().showToast('That project is gone from this browser.', 'error');
    await refreshList();
    return;
  }
  await switchTo(p);
}

/** Rename the open project (saved right away, so the list shows it). Blank names are ignored. */
export async function renameProject(name: string): Promise<void> {
  const clean = name.trim().replace(/\s+/g, ' ').slice(0, 120);
  if (!clean || clean === useProjectStore.getState().name) return;
  useProjectStore.setState({ name: clean });
  await flushSave();
}

/** Delete a project after an in-app confirmation. Resolves true when it was deleted. */
export async function removeProject(id: string): Promise<boolean> {
  const meta = useProjectsStore.getState().list.find((m) => m.id === id);
  const name = meta?.name ?? id;
  const current = id === useProjectStore.getState().id;
  const ok = await confirmDialog(
    `Delete “${name}”?`,
    `The project${current ? ' (open now)' : ''}, its script and its canvas layout are removed from this browser. This cannot be undone; export it first to keep a copy.`,
    { confirmLabel: 'Delete project', danger: true },
  );
  if (!ok) return false;
  if (current && timer) {
    // A pending autosave would write the deleted project back.
    clearTimeout(timer);
    timer = null;
  }
  await deleteProject(id);
  await refreshList();
  if (id === useProjectStore.getState().id) {
    const next = useProjectsStore.getState().list[0];
    if (next) {
      const p = await loadProject(next.id);
      if (p) await switchTo(p, false);
    } else await newFromExample();
  }
  useUiStore.getState().showToast(`Deleted “${name}”.`);
  return true;
}

/** Import a .sql script or a .freshet.json project as a new project. Refuses bad files whole. */
export async function importFile(file: File): Promise<boolean> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    await refuseImport(`${file.name} could not be read. Nothing was changed.`);
    return false;
  }
  const parsed = parseProjectBytes(file.name, bytes);
  if (!parsed.ok) {
    await refuseImport(parsed.message);
    return false;
  }
  const name = freeName(parsed.project.name);
  await switchTo({ id: newProjectId(), ...parsed.project, name });
  useUiStore.getState().showToast(`Imported ${file.name} as the new project “${name}”.`);
  return true;
}

async function refuseImport(message: string) {
  useUiStore.getState().showToast(message, 'error');
  await noticeDialog('Import refused', message);
}

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function exportSql(): void {
  const p = useProjectStore.getState();
  download(p.fileName.endsWith('.sql') ? p.fileName : `${p.fileName}.sql`, p.script, 'application/sql');
}

export function exportProject(): void {
  const p = useProjectStore.getState();
  download(`${slug(p.name)}.freshet.json`, toProjectFile(p), 'application/json');
}
