// Which editor the Editor tab shows: the whole script, or the per-job editor over one job's
// statement. No Monaco here: the canvas and the inspector open jobs through this store.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { UiStore } from '../store/ui';

export type EditorTabId = 'script' | 'job';

export interface EditorTabsState {
  tab: EditorTabId;
  /** The job the per-job editor opened (`job-N` at the time it was opened), null when closed. */
  jobId: string | null;
  /** Bumped on every open, so opening the same job again re-reads its statement. */
  opened: number;
}

export interface EditorTabsActions {
  /** Opens a job's statement in the per-job editor; `show` also brings the Editor tab forward. */
  openJob(jobId: string, show: boolean): void;
  closeJob(): void;
  showScript(): void;
  showJob(): void;
}

export type EditorTabsStore = EditorTabsState & EditorTabsActions;

/** `ui`: opening a job with `show` brings the Editor tab forward there. */
export const createEditorTabsStore = (ui: StoreApi<UiStore>) => createStore<EditorTabsStore>()((set, get) => ({
  tab: 'script',
  jobId: null,
  opened: 0,
  openJob(jobId, show) {
    const visible = ui.getState().bottomTab === 'editor';
    set({ jobId, opened: get().opened + 1, ...(show || visible ? { tab: 'job' as const } : {}) });
    if (show && !visible) ui.getState().setBottomTab('editor');
  },
  closeJob: () => set({ jobId: null, tab: 'script' }),
  showScript: () => set({ tab: 'script' }),
  showJob: () => set((s) => (s.jobId ? { tab: 'job' } : s)),
}));
