// Project lifecycle: restore the last project from IndexedDB at start, autosave every change,
// new / open / rename / delete, import and export.
import { useProjectStore } from '../store/project';
import { useSimStore } from '../store/sim';
import { useUiStore } from '../store/ui';
import { EXAMPLE_FILE, EXAMPLE_SCRIPT } from './example';
import { parseProjectFile, toProjectFile } from './projectFile';
import { currentProjectId, deleteProject, listProjects, loadProject, newProjectId, saveProject, type ProjectMeta } from './storage';
import { create } from 'zustand';

interface ProjectsState {
  ready: boolean;
  list: ProjectMeta[];
  saving: boolean;
  lastSaved: number | null;
}

export const useProjectsStore = create<ProjectsState>()(() => ({ ready: false, list: [], saving: false, lastSaved: null }));

async function refreshList() {
  useProjectsStore.setState({ list: await listProjects() });
}

async function saveNow() {
  const p = useProjectStore.getState();
  useProjectsStore.setState({ saving: true });
  try {
    await saveProject({ id: p.id, name: p.name, fileName: p.fileName, script: p.script, positions: p.positions, updatedAt: Date.now() });
    useProjectsStore.setState({ saving: false, lastSaved: Date.now() });
    await refreshList();
  } catch (e) {
    useProjectsStore.setState({ saving: false });
    useUiStore.getState().showToast(`Could not save to IndexedDB: ${e instanceof Error ? e.message : String(e)}`, 'error');
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

async function switchTo(p: { id: string; name: string; fileName: string; script: string; positions: Record<string, { x: number; y: number }> }) {
  await flushSave();
  await useSimStore.getState().clear();
  useProjectStore.getState().load(p);
  useUiStore.getState().select(null);
  await saveNow();
}

export async function newProject(): Promise<void> {
  const n = useProjectsStore.getState().list.length + 1;
  await switchTo({ id: newProjectId(), name: `Untitled ${n}`, fileName: `untitled-${n}.sql`, script: "SET 'execution.checkpointing.interval' = '30s';\n", positions: {} });
}

export async function newFromExample(): Promise<void> {
  await switchTo({ id: newProjectId(), name: 'Orders pipeline', fileName: EXAMPLE_FILE, script: EXAMPLE_SCRIPT, positions: {} });
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

export function renameProject(name: string): void {
  const clean = name.trim();
  if (!clean) return;
  useProjectStore.setState({ name: clean });
}

export async function removeProject(id: string): Promise<void> {
  const meta = useProjectsStore.getState().list.find((m) => m.id === id);
  if (!window.confirm(`Delete project “${meta?.name ?? id}” from this browser? This cannot be undone.`)) return;
  await deleteProject(id);
  await refreshList();
  if (id === useProjectStore.getState().id) {
    const next = useProjectsStore.getState().list[0];
    if (next) await openProject(next.id);
    else await newFromExample();
  }
}

/** Import a .sql script or a .freshet.json project as a new project. Refuses bad files whole. */
export async function importFile(file: File): Promise<boolean> {
  let text: string;
  try {
    text = await file.text();
  } catch {
    useUiStore.getState().showToast(`${file.name} could not be read; nothing was changed.`, 'error');
    return false;
  }
  const parsed = parseProjectFile(file.name, text);
  if (!parsed.ok) {
    useUiStore.getState().showToast(parsed.message, 'error');
    return false;
  }
  await switchTo({ id: newProjectId(), ...parsed.project });
  useUiStore.getState().showToast(`Imported ${file.name}.`);
  return true;
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
  const slug = p.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'project';
  download(`${slug}.freshet.json`, toProjectFile(p), 'application/json');
}
