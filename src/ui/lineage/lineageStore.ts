// The column whose lineage the studio shows (picked in a table's inspector), and its traces from
// the engine. Refreshed when the pipeline changes; cleared when the column is gone or on Escape.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ColumnRef, LineageTrace } from '../../engine/index';
import type { EngineClient } from '../engine/client';
import type { CompileStore } from '../store/compile';
import type { ProjectStore } from '../store/project';

export interface LineageState {
  /** The column traced, as the user picked it; null when none. */
  focus: ColumnRef | null;
  upstream: LineageTrace | null;
  downstream: LineageTrace | null;
  /** Why the focused column has no lineage (the script does not plan, the column is gone). */
  message: string | null;
}

export interface LineageActions {
  show(table: string, column: string): Promise<void>;
  clear(): void;
}

export type LineageStore = LineageState & LineageActions;

export function createLineageStore(deps: { engine: EngineClient; project: StoreApi<ProjectStore>; compile: StoreApi<CompileStore> }): StoreApi<LineageStore> {
  const { engine, project, compile } = deps;
  // Replies arrive out of order when columns are clicked quickly: only the latest request counts.
  let asked = 0;
  const store = createStore<LineageStore>()((set, get) => ({
    focus: null,
    upstream: null,
    downstream: null,
    message: null,
    async show(table, column) {
      const request = ++asked;
      set({ focus: { table, column } });
      const reply = await engine.lineage(project.getState().script, table, column);
      if (request !== asked || get().focus === null) return;
      if (reply.ok) set({ focus: reply.upstream.root, upstream: reply.upstream, downstream: reply.downstream, message: null });
      else set({ upstream: null, downstream: null, message: reply.message });
    },
    clear() {
      asked++;
      set({ focus: null, upstream: null, downstream: null, message: null });
    },
  }));
  // A new pipeline (the script was edited): trace the same column again, or let it go.
  compile.subscribe((s, prev) => {
    const focus = store.getState().focus;
    if (s.pipeline === prev.pipeline || !focus) return;
    const t = s.pipeline?.tables.find((x) => x.name.toLowerCase() === focus.table.toLowerCase());
    if (!t || !t.columns.some((c) => c.name.toLowerCase() === focus.column.toLowerCase())) store.getState().clear();
    else void store.getState().show(focus.table, focus.column);
  });
  return store;
}
