// The studio in React: StudioProvider puts one studio in context; the hooks read its stores.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Studio } from './createStudio';
import type { ProjectStore } from '../store/project';
import type { CompileStore } from '../store/compile';
import type { SimStore } from '../store/sim';
import type { UiStore } from '../store/ui';
import type { QueryStore } from '../store/query';
import type { CanvasStore } from '../canvas/canvasStore';
import type { EditorTabsStore } from '../editor/editorStore';
import type { ProjectsState } from '../project/projects';
import type { DialogState } from '../project/dialog';
import type { LineageStore } from '../lineage/lineageStore';
import type { ExportDialogStore } from '../export/exportStore';
import type { VersionsStore } from '../project/versions';

const StudioContext = createContext<Studio | null>(null);

export function StudioProvider({ studio, children }: { studio: Studio; children: ReactNode }) {
  return <StudioContext.Provider value={studio}>{children}</StudioContext.Provider>;
}

export function useStudio(): Studio {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('useStudio outside a StudioProvider');
  return studio;
}

export const useProjectStore = <U,>(selector: (s: ProjectStore) => U): U => useStore(useStudio().project, selector);
export const useCompileStore = <U,>(selector: (s: CompileStore) => U): U => useStore(useStudio().compile, selector);
export const useSimStore = <U,>(selector: (s: SimStore) => U): U => useStore(useStudio().sim, selector);
export const useUiStore = <U,>(selector: (s: UiStore) => U): U => useStore(useStudio().ui, selector);
export const useQueryStore = <U,>(selector: (s: QueryStore) => U): U => useStore(useStudio().query, selector);
export const useCanvasStore = <U,>(selector: (s: CanvasStore) => U): U => useStore(useStudio().canvas, selector);
export const useEditorTabs = <U,>(selector: (s: EditorTabsStore) => U): U => useStore(useStudio().editorTabs, selector);
export const useProjectsStore = <U,>(selector: (s: ProjectsState) => U): U => useStore(useStudio().projects.store, selector);
export const useDialogStore = <U,>(selector: (s: DialogState) => U): U => useStore(useStudio().dialogs.store, selector);
export const useLineageStore = <U,>(selector: (s: LineageStore) => U): U => useStore(useStudio().lineage, selector);
export const useExportStore = <U,>(selector: (s: ExportDialogStore) => U): U => useStore(useStudio().exporter, selector);
export const useVersionsStore = <U,>(selector: (s: VersionsStore) => U): U => useStore(useStudio().versions, selector);
