// Named versions of the open project: save, list, compare any two (or one with the script as it is
// now), restore. Restoring first saves the current state as an automatic version, and applies the
// old script as an edit, so both the version list and Ctrl+Z take it back. The summary of a
// comparison comes from compiling both scripts in the engine worker (versionsDiff.ts).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineClient } from '../engine/client';
import type { ProjectStore } from '../store/project';
import type { UiStore } from '../store/ui';
import type { ProjectsState } from './projects';
import { describePipeline, diffPipelines, type VersionSummary } from './versionsDiff';
import type { ProjectVersion, VersionStorage } from './versionsStorage';

/** The id that stands for the project as it is now, in a comparison. */
export const CURRENT = 'current';

export interface Comparison {
  /** Ids compared: `before` is the left side, `after` the right. */
  before: string;
  after: string;
  beforeLabel: string;
  afterLabel: string;
  beforeScript: string;
  afterScript: string;
  /** Null when either script does not compile; `problem` says which. */
  summary: VersionSummary | null;
  problem: string | null;
}

export interface VersionsState {
  open: boolean;
  /** The open project's versions, newest first. */
  list: ProjectVersion[];
  comparison: Comparison | null;
  /** The two ids being compared, set as soon as they are picked (the comparison follows). */
  picked: { before: string; after: string } | null;
  comparing: boolean;
}

export interface VersionsActions {
  show(): Promise<void>;
  close(): void;
  /** Saves the project as it is now under `name` (blank: `Version N`); returns the version. */
  save(name: string): Promise<ProjectVersion | null>;
  compare(before: string, after: string): Promise<void>;
  /** Restores a version's script and layout, after saving the current state as an automatic version. */
  restore(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export type VersionsStore = VersionsState & VersionsActions;

export interface VersionsDeps {
  storage: VersionStorage;
  engine: EngineClient;
  project: StoreApi<ProjectStore>;
  ui: StoreApi<UiStore>;
  /** The projects in this browser: a deleted project's versions are deleted with it. */
  projects?: StoreApi<ProjectsState>;
}

function timeLabel(ms: number): string {
  return new Date(ms).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function createVersions({ storage, engine, project, ui, projects }: VersionsDeps): StoreApi<VersionsStore> {
  const toast = (text: string, tone?: 'info' | 'error') => ui.getState().showToast(text, tone);
  let request = 0;

  return createStore<VersionsStore>()((set, get) => {
    async function refresh(): Promise<ProjectVersion[]> {
      const list = (await storage.listVersions(project.getState().id)).slice().sort((a, b) => b.createdAt - a.createdAt);
      set({ list });
      return list;
    }

    async function summaryOf(script: string, fileName: string): Promise<string> {
      try {
        const r = await engine.compile(script, fileName);
        return describePipeline(r.pipeline, r.diagnostics.filter((d) => d.severity === 'error').length);
      } catch {
        return `${script.split('\n').length} lines`;
      }
    }

    async function saveAs(name: string, auto: boolean): Promise<ProjectVersion> {
      const p = project.getState();
      const now = Date.now();
      const version: ProjectVersion = {
        id: `v-${now.toString(36)}-${Math.random().toString(36).slice(2, 7)}`,
        projectId: p.id,
        name,
        createdAt: now,
        auto,
        fileName: p.fileName,
        script: p.script,
        positions: p.positions,
        summary: await summaryOf(p.script, p.fileName),
      };
      await storage.saveVersion(version);
      return version;
    }

    function sideOf(id: string): { label: string; script: string; fileName: string } | null {
      if (id === CURRENT) {
        const p = project.getState();
        return { label: 'The project now', script: p.script, fileName: p.fileName };
      }
      const v = get().list.find((x) => x.id === id);
      return v ? { label: `${v.name} (${timeLabel(v.createdAt)})`, script: v.script, fileName: v.fileName } : null;
    }

    // Another project opened: its versions, not the last one's.
    project.subscribe((s, prev) => {
      if (s.id !== prev.id && get().open) void get().show();
    });

    // A project gone from the list was deleted: its versions go too (they would be unreachable).
    projects?.subscribe((s, prev) => {
      if (s.list === prev.list) return;
      const now = new Set(s.list.map((m) => m.id));
      for (const m of prev.list) if (!now.has(m.id)) void storage.deleteVersions(m.id).catch(() => undefined);
    });

    return {
      open: false,
      list: [],
      comparison: null,
      picked: null,
      comparing: false,

      async show() {
        set({ open: true, comparison: null, picked: null });
        const list = await refresh();
        if (list[0]) await get().compare(list[0].id, CURRENT);
      },

      close: () => {
        request++;
        set({ open: false, comparing: false });
      },

      async save(name) {
        const before = get().list[0] ?? null;
        const clean = name.trim().replace(/\s+/g, ' ').slice(0, 120) || `Version ${get().list.filter((v) => !v.auto).length + 1}`;
        try {
          const v = await saveAs(clean, false);
          await refresh();
          toast(`Saved version “${v.name}”.`);
          await get().compare(before ? before.id : v.id, before ? v.id : CURRENT);
          return v;
        } catch (e) {
          toast(`Could not save the version: ${e instanceof Error ? e.message : String(e)}`, 'error');
          return null;
        }
      },

      async compare(beforeId, afterId) {
        const mine = ++request;
        const a = sideOf(beforeId);
        const b = sideOf(afterId);
        if (!a || !b) return;
        set({ comparing: true, picked: { before: beforeId, after: afterId } });
        let summary: VersionSummary | null = null;
        let problem: string | null = null;
        try {
          const [ra, rb] = await Promise.all([engine.compile(a.script, a.fileName), engine.compile(b.script, b.fileName)]);
          const broken = [
            { label: a.label, r: ra },
            { label: b.label, r: rb },
          ].filter((x) => !x.r.ok);
          if (ra.pipeline && rb.pipeline) summary = diffPipelines(ra.pipeline, rb.pipeline);
          if (broken.length > 0) {
            const first = broken[0]!.r.diagnostics.find((d) => d.severity === 'error');
            problem =
              `${broken.map((x) => x.label).join(' and ')} ${broken.length === 1 ? 'has' : 'have'} errors` +
              (first ? ` (line ${first.span.start.line}: ${first.message})` : '') +
              (summary ? ': the summary covers what compiles.' : ': no summary, only the script diff.');
          }
        } catch (e) {
          problem = `The engine could not compile the versions: ${e instanceof Error ? e.message : String(e)}`;
        }
        if (mine !== request) return;
        set({
          comparing: false,
          comparison: { before: beforeId, after: afterId, beforeLabel: a.label, afterLabel: b.label, beforeScript: a.script, afterScript: b.script, summary, problem },
        });
      },

      async restore(id) {
        const v = get().list.find((x) => x.id === id);
        if (!v) return;
        const p = project.getState();
        if (p.script === v.script && JSON.stringify(p.positions) === JSON.stringify(v.positions)) {
          toast(`The project already is “${v.name}”.`);
          return;
        }
        let auto: ProjectVersion;
        try {
          auto = await saveAs(`Before restoring “${v.name}”`, true);
        } catch (e) {
          // Without the safety copy a restore could lose work: refuse it.
          toast(`Not restored: the current state could not be saved first (${e instanceof Error ? e.message : String(e)}).`, 'error');
          return;
        }
        project.getState().setScript(v.script, 'canvas');
        project.getState().setPositions(v.positions);
        await refresh();
        toast(`Restored “${v.name}”. The state before is saved as “${auto.name}” (Ctrl+Z also undoes it).`);
        await get().compare(auto.id, CURRENT);
      },

      async remove(id) {
        await storage.deleteVersion(project.getState().id, id);
        await refresh();
        const c = get().comparison;
        if (c && (c.before === id || c.after === id)) set({ comparison: null, picked: null });
      },
    };
  });
}
