// The studio: its stores and actions over one injected engine. React views read it through
// StudioProvider (context.tsx); tests drive the same object without React (TestStudio). Nothing
// here is a module singleton: two studios on a page (or in a test file) share no state.
import type { StoreApi } from 'zustand/vanilla';
import type { EngineClient } from '../engine/client';
import { createProjectStore, type ProjectStore } from '../store/project';
import { createCompileStore, type CompileStore } from '../store/compile';
import { createSimStore, type SimStore } from '../store/sim';
import { createUiStore, type UiStore } from '../store/ui';
import { createQueryStore, type QueryRunner, type QueryStore } from '../store/query';
import { createCanvasStore, type CanvasStore } from '../canvas/canvasStore';
import { createCanvasActions, type CanvasActions } from '../canvas/actions';
import { createEditorTabsStore, type EditorTabsStore } from '../editor/editorStore';
import { EditorRegistry } from '../editor/editorRegistry';
import { History } from '../editor/history';
import { createDialogs, type Dialogs } from '../project/dialog';
import { createProjects, type Projects } from '../project/projects';
import type { ProjectStorage } from '../project/storage';
import { createLineageStore, type LineageStore } from '../lineage/lineageStore';
import { createExportDialogStore, type ExportDialogStore } from '../export/exportStore';
import { createVersions, type VersionsStore } from '../project/versions';
import { memoryVersionStorage, type VersionStorage } from '../project/versionsStorage';
import { createCompareStore, type CompareStore } from '../compare/compareStore';
import type { RefreshClock } from '../store/refreshClock';

export interface StudioDeps {
  /** The engine: the worker in the browser, an in-process EngineHost in tests. */
  engine: EngineClient;
  /** Where projects are kept (IndexedDB in the browser). */
  storage: ProjectStorage;
  /** Runs the query console's SQL (DuckDB-wasm, loaded on the first query, by default). */
  runQuery?: QueryRunner;
  /** Where project versions are kept (IndexedDB in the browser; in memory when not given). */
  versionStorage?: VersionStorage;
  /** Wall time for the stores' refresh throttling (TestStudio passes the play loops' manual clock). */
  refreshClock?: RefreshClock;
  /** A second engine for compared runs (another worker in the browser); none: no comparing. */
  compareEngine?: EngineClient;
}

export interface Studio {
  engine: EngineClient;
  project: StoreApi<ProjectStore>;
  compile: StoreApi<CompileStore>;
  sim: StoreApi<SimStore>;
  ui: StoreApi<UiStore>;
  query: StoreApi<QueryStore>;
  /** Canvas-only state: the table renamed in place, the delete dialog's question. */
  canvas: StoreApi<CanvasStore>;
  editorTabs: StoreApi<EditorTabsStore>;
  /** The mounted script editor and per-job editor models (Monaco, registered by the views). */
  editors: EditorRegistry;
  /** One undo history for script text and layout. */
  history: History;
  dialogs: Dialogs;
  projects: Projects;
  /** The column whose lineage is shown (canvas highlight, inspector list). */
  lineage: StoreApi<LineageStore>;
  /** Script edits from the canvas, the palette and the inspector. */
  actions: CanvasActions;
  /** The Export dialog (Flink SQL for a real cluster, the report, the diff). */
  exporter: StoreApi<ExportDialogStore>;
  /** Named versions of the open project and the Versions dialog. */
  versions: StoreApi<VersionsStore>;
  /** Run B of a comparison, following the simulation store's run A. */
  compare: StoreApi<CompareStore>;
  /** Compiles the current script (the views call it 250 ms after the last change). */
  compileNow(): Promise<void>;
}

export function createStudio(deps: StudioDeps): Studio {
  const { engine } = deps;
  const project = createProjectStore();
  const compile = createCompileStore(engine);
  const ui = createUiStore();
  const sim = createSimStore({ engine, project, compile, ui, ...(deps.refreshClock ? { clock: deps.refreshClock } : {}) });
  const query = createQueryStore(deps.runQuery);
  const canvas = createCanvasStore();
  const editorTabs = createEditorTabsStore(ui);
  const editors = new EditorRegistry();
  const history = new History(project, editors);
  const dialogs = createDialogs();
  const projects = createProjects({ storage: deps.storage, project, sim, ui, dialogs });
  const lineage = createLineageStore({ engine, project, compile });
  const actions = createCanvasActions({ engine, project, compile, sim, ui, canvas, editorTabs, editors });
  const exporter = createExportDialogStore(engine, project);
  const versions = createVersions({ storage: deps.versionStorage ?? memoryVersionStorage(), engine, project, ui, projects: projects.store });
  const compare = createCompareStore({ engineA: engine, engine: deps.compareEngine ?? null, sim, project, ui, ...(deps.refreshClock ? { clock: deps.refreshClock } : {}) });
  return {
    engine,
    project,
    compile,
    sim,
    ui,
    query,
    canvas,
    editorTabs,
    editors,
    history,
    dialogs,
    projects,
    lineage,
    actions,
    exporter,
    versions,
    compare,
    compileNow() {
      const p = project.getState();
      return compile.getState().compile(p.script, p.revision, p.fileName);
    },
  };
}
