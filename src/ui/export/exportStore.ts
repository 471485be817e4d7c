// The Export dialog's state: open or not, the chosen target and Iceberg catalog, and the latest
// export of the current script. The export runs in the engine worker (it compiles the script and
// rewrites it), so a big script never blocks the studio; a newer request makes older replies moot.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExportResult, ExportTarget, IcebergCatalogType } from '../../engine/index';
import type { EngineClient } from '../engine/client';
import type { ProjectStore } from '../store/project';

export interface ExportDialogState {
  open: boolean;
  target: ExportTarget;
  /** The catalog chosen for every lake table; null until the user picks one (each table's own type stands). */
  catalog: IcebergCatalogType | null;
  running: boolean;
  /** The script that was exported (the diff's left side), with the result below. */
  source: string;
  result: ExportResult | null;
  /** The engine failed (not the script): why, in a sentence. */
  failure: string | null;
  /** Index of the report entry the diff shows, or null. */
  selected: number | null;
}

export interface ExportDialogActions {
  /** Opens the dialog and exports the current script. */
  show(): Promise<void>;
  close(): void;
  setTarget(target: ExportTarget): Promise<void>;
  setCatalog(catalog: IcebergCatalogType): Promise<void>;
  select(index: number | null): void;
  /** Exports the current script with the chosen options. */
  run(): Promise<void>;
}

export type ExportDialogStore = ExportDialogState & ExportDialogActions;

export function createExportDialogStore(engine: EngineClient, project: StoreApi<ProjectStore>): StoreApi<ExportDialogStore> {
  let request = 0;
  return createStore<ExportDialogStore>()((set, get) => ({
    open: false,
    target: 'flink-1.20',
    catalog: null,
    running: false,
    source: '',
    result: null,
    failure: null,
    selected: null,
    async show() {
      set({ open: true });
      await get().run();
    },
    close: () => {
      request++;
      set({ open: false, running: false });
    },
    async setTarget(target) {
      set({ target });
      await get().run();
    },
    async setCatalog(catalog) {
      set({ catalog });
      await get().run();
    },
    select: (selected) => set({ selected }),
    async run() {
      const mine = ++request;
      const { script, fileName } = project.getState();
      const { target, catalog } = get();
      set({ running: true, failure: null });
      try {
        const result = await engine.exportFlinkSql(script, { target, ...(catalog ? { icebergCatalogType: catalog } : {}), fileName });
        if (mine !== request) return;
        set({ running: false, source: script, result, selected: null });
      } catch (e) {
        if (mine !== request) return;
        set({ running: false, source: script, result: null, selected: null, failure: e instanceof Error ? e.message : String(e) });
      }
    },
  }));
}
