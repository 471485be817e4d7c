// Projects in this browser: load the last project at start, autosave every change, new / open /
// rename / delete, import and export. One per studio; the storage is injected (IndexedDB in the
// browser).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { InputFiles, ProjectStore } from '../store/project';
import type { SimStore } from '../store/sim';
import type { UiStore } from '../store/ui';
import { CSV_EXAMPLE, EXAMPLE_FILE, EXAMPLE_SCRIPT, LAKE_EXAMPLE_FILE, LAKE_EXAMPLE_SCRIPT } from './example';
import { parseProjectBytes, slug, toProjectFile } from './projectFile';
import type { Dialogs } from './dialog';
import type { ProjectMeta, ProjectStorage } from './storage';

export interface ProjectsState {
  ready: boolean;
  list: ProjectMeta[];
  saving: boolean;
  lastSaved: number | null;
  /** Why the last save failed (IndexedDB unavailable, quota), until a save succeeds. */
  saveError: string | null;
}

export interface ProjectsDeps {
  storage: ProjectStorage;
  project: StoreApi<ProjectStore>;
  sim: StoreApi<SimStore>;
  ui: StoreApi<UiStore>;
  dialogs: Dialogs;
}

export type Projects = ReturnType<typeof createProjects>;

/** The script a new project starts with. */
const NEW_PROJECT_SCRIPT = "SET 'execution.checkpointing.interval' = '30s';\n";

/** A project made with New and never edited: nothing would be lost if it went away. */
export function isUntouchedNewProject(p: { name: string; script: string; positions: Record<string, unknown> }): boolean {
  return /^Untitled( \d+)?$/.test(p.name) && p.script === NEW_PROJECT_SCRIPT && Object.keys(p.positions).length === 0;
}

export function createProjects({ storage, project, sim, ui, dialogs }: ProjectsDeps) {
  const store = createStore<ProjectsState>()(() => ({ ready: false, list: [], saving: false, lastSaved: null, saveError: null }));
  const toast = (text: string, tone?: 'info' | 'error') => ui.getState().showToast(text, tone);

  async function refreshList() {
    store.setState({ list: await storage.listProjects() });
  }

  async function saveNow() {
    const p = project.getState();
    store.setState({ saving: true });
    try {
      await storage.saveProject({ id: p.id, name: p.name, fileName: p.fileName, script: p.script, positions: p.positions, files: p.files, updatedAt: Date.now() });
      store.setState({ saving: false, lastSaved: Date.now(), saveError: null });
      await refreshList();
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      store.setState({ saving: false, saveError: why });
      toast(`Could not save to IndexedDB: ${why}`, 'error');
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

  async function flushSave(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    await saveNow();
  }

  async function switchTo(
    p: { id: string; name: string; fileName: string; script: string; positions: Record<string, { x: number; y: number }>; files?: InputFiles },
    saveCurrent = true,
  ) {
    if (saveCurrent) await flushSave();
    await sim.getState().clear();
    project.getState().load(p);
    ui.getState().select(null);
    await saveNow();
  }

  /** `base`, or `base 2`, `base 3`... whichever no project in this browser is called yet. */
  function freeName(base: string): string {
    const taken = new Set(store.getState().list.map((p) => p.name));
    if (!taken.has(base)) return base;
    let n = 2;
    while (taken.has(`${base} ${n}`)) n++;
    return `${base} ${n}`;
  }

  async function newFromExample(): Promise<void> {
    await switchTo({ id: storage.newProjectId(), name: freeName('Orders pipeline'), fileName: EXAMPLE_FILE, script: EXAMPLE_SCRIPT, positions: {} });
  }

  /** A new project from the CSV example, its CSV files attached. */
  async function newFromCsvExample(): Promise<void> {
    const { name, ...rest } = CSV_EXAMPLE;
    await switchTo({ id: storage.newProjectId(), name: freeName(name), ...rest, files: { ...rest.files }, positions: {} });
  }

  async function newFromLakeExample(): Promise<void> {
    await switchTo({ id: storage.newProjectId(), name: freeName('Lake sources'), fileName: LAKE_EXAMPLE_FILE, script: LAKE_EXAMPLE_SCRIPT, positions: {} });
  }

  async function refuseImport(message: string) {
    toast(message, 'error');
    await dialogs.notice('Import refused', message);
  }

  function download(name: string, text: string, type: string) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  let started = false;

  return {
    store,
    flushSave,
    newFromExample,
    newFromCsvExample,
    newFromLakeExample,

    /** Ctrl+S: the studio autosaves anyway; this saves at once and says so. */
    async saveShortcut(): Promise<void> {
      await flushSave();
      const { saveError } = store.getState();
      if (!saveError) toast(`Saved “${project.getState().name}” in this browser (changes are also saved as you go).`);
    },

    /** Opens the last project (or the example) and autosaves from then on. Runs once. */
    async init(): Promise<void> {
      if (started) return;
      started = true;
      try {
        const id = await storage.currentProjectId();
        const stored = id ? await storage.loadProject(id) : null;
        if (stored) {
          project.getState().load(stored);
        } else {
          project.getState().load({ id: storage.newProjectId(), name: 'Orders pipeline', fileName: EXAMPLE_FILE, script: EXAMPLE_SCRIPT, positions: {} });
          await saveNow();
        }
        await refreshList();
      } catch (e) {
        toast(`Projects are not saved: IndexedDB is unavailable (${e instanceof Error ? e.message : String(e)})`, 'error');
      }
      store.setState({ ready: true });
      project.subscribe((s, prev) => {
        if (s.script !== prev.script || s.positions !== prev.positions || s.files !== prev.files || s.name !== prev.name || s.id !== prev.id) scheduleSave();
      });
    },

    async newProject(): Promise<void> {
      const name = freeName('Untitled');
      await switchTo({ id: storage.newProjectId(), name, fileName: `${slug(name)}.sql`, script: NEW_PROJECT_SCRIPT, positions: {} });
    },

    async openProject(id: string): Promise<void> {
      if (id === project.getState().id) return;
      const p = await storage.loadProject(id);
      if (!p) {
        toast('That project is gone from this browser.', 'error');
        await refreshList();
        return;
      }
      await switchTo(p);
    },

    /** Rename the open project (saved right away, so the list shows it). Blank names are ignored. */
    async renameProject(name: string): Promise<void> {
      const clean = name.trim().replace(/\s+/g, ' ').slice(0, 120);
      if (!clean || clean === project.getState().name) return;
      // The script's file name follows the project's name (exports and located errors use it).
      project.setState({ name: clean, fileName: `${slug(clean)}.sql` });
      await flushSave();
    },

    /** Delete a project after an in-app confirmation. Resolves true when it was deleted. */
    async removeProject(id: string): Promise<boolean> {
      const meta = store.getState().list.find((m) => m.id === id);
      const name = meta?.name ?? id;
      const current = id === project.getState().id;
      const ok = await dialogs.confirm(
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
      await storage.deleteProject(id);
      await refreshList();
      if (id === project.getState().id) {
        const next = store.getState().list[0];
        if (next) {
          const p = await storage.loadProject(next.id);
          if (p) await switchTo(p, false);
        } else await newFromExample();
      }
      toast(`Deleted “${name}”.`);
      return true;
    },

    /** Import a .sql script or a .freshet.json project as a new project. Refuses bad files whole. */
    async importFile(file: File): Promise<boolean> {
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
      const previous = project.getState();
      await switchTo({ id: storage.newProjectId(), ...parsed.project, name });
      // An untouched "Untitled" project made just before (New, then Import) is replaced, not left behind.
      if (isUntouchedNewProject(previous)) {
        await storage.deleteProject(previous.id);
        await refreshList();
      }
      toast(`Imported ${file.name} as the new project “${name}”.`);
      return true;
    },

    exportSql(): void {
      const p = project.getState();
      download(p.fileName.endsWith('.sql') ? p.fileName : `${p.fileName}.sql`, p.script, 'application/sql');
    },

    exportProject(): void {
      const p = project.getState();
      download(`${slug(p.name)}.freshet.json`, toProjectFile(p), 'application/json');
    },
  };
}
