// The open project: its script (the one source of truth), where changes came from, and the
// canvas layout sidecar.
import { createStore } from 'zustand/vanilla';
import type { Layer } from '../../engine/api';
import { EXAMPLE_FILE, EXAMPLE_SCRIPT } from '../project/example';

export interface NodePosition {
  x: number;
  y: number;
  /**
   * A table's layer override: the swimlane the user dragged it into on the canvas. Without it
   * the layer follows the name prefix (`ods_`, `dwd_`, ...).
   */
  layer?: Exclude<Layer, 'OTHER'>;
}

/** Where a script change came from, so a view does not re-apply its own edit (`job`: the per-job editor). */
export type EditOrigin = 'editor' | 'canvas' | 'load' | 'job';

export interface ProjectState {
  id: string;
  name: string;
  fileName: string;
  script: string;
  /** Bumped on every script change. */
  revision: number;
  origin: EditOrigin;
  /** Canvas positions by node id (`table:<name>`, `job:<id>`), the sidecar's layout. */
  positions: Record<string, NodePosition>;
  /**
   * Input files of `filesystem` tables, keyed by the table's `'path'` option as written (the
   * simulation reads them as the runner reads files next to the script). A new object on change.
   */
  files: InputFiles;
}

/** File texts by path. */
export type InputFiles = Record<string, string>;

export interface ProjectActions {
  setScript(script: string, origin: EditOrigin): void;
  setPositions(positions: Record<string, NodePosition>): void;
  load(p: { id: string; name: string; fileName: string; script: string; positions: Record<string, NodePosition>; files?: InputFiles }): void;
  /** Attach (text) or remove (null) the input file at `path`. */
  setFile(path: string, text: string | null): void;
}

export type ProjectStore = ProjectState & ProjectActions;

export const createProjectStore = () => createStore<ProjectStore>()((set) => ({
  id: 'example',
  name: 'Orders pipeline',
  fileName: EXAMPLE_FILE,
  script: EXAMPLE_SCRIPT,
  revision: 0,
  origin: 'load',
  positions: {},
  files: {},
  setScript: (script, origin) => set((s) => (s.script === script ? s : { script, origin, revision: s.revision + 1 })),
  setPositions: (positions) => set({ positions }),
  load: (p) => set((s) => ({ ...p, files: p.files ?? {}, origin: 'load', revision: s.revision + 1 })),
  setFile: (path, text) =>
    set((s) => {
      // Own keys only (a path such as '__proto__' is a file name): rebuild from entries.
      const rest = Object.entries(s.files).filter(([p]) => p !== path);
      return { files: Object.fromEntries(text === null ? rest : [...rest, [path, text]]) };
    }),
}));
