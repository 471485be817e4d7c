// Which editor the Editor tab shows: the whole script, or the per-job editor over one job's
// statement. No Monaco here: the canvas and the inspector open jobs through this store.
import { create } from 'zustand';
import { useUiStore } from '../store/ui';

export type EditorTabId = 'script' | 'job';

interface EditorTabsState {
  tab: EditorTabId;
  /** The job the per-job editor opened (`job-N` at the time it was opened), null when closed. */
  jobId: string | null;
  /** Bumped on every open, so opening the same job again re-reads its statement. */
  opened: number;
}

interface EditorTabsActions {
  /** Opens a job's statement in the per-job editor; `show` also brings the Editor tab forward. */
  openJob(jobId: string, show: boolean): void;
  closeJob(): void;
  showScript(): void;
  showJob(): void;
}

export const useEditorTabs = create<EditorTabsState & EditorTabsActions>()((set, get) => ({
  tab: 'script',
  jobId: null,
  opened: 0,
  openJob(jobId, show) {
    const ui = useUiStore.getState();
    const visible = ui.bottomTab === 'editor';
    set({ jobId, opened: get().opened + 1, ...(show || visible ? { tab: 'job' as const } : {}) });
    if (show && !visible) ui.setBottomTab('editor');
  },
  closeJob: () => set({ jobId: null, tab: 'script' }),
  showScript: () => set({ tab: 'script' }),
  showJob: () => set((s) => (s.jobId ? { tab: 'job' } : s)),
}));
