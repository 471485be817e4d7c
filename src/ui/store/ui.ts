// What the studio shows: the bottom tab, the selection, the Data and Snapshots tabs' tables and the toast.
import { createStore } from 'zustand/vanilla';

export type BottomTab = 'editor' | 'metrics' | 'jobs' | 'data' | 'snapshots' | 'query' | 'repair' | 'problems' | 'compare';
/** The Jobs tab's views of one job, as Flink's web UI splits them. */
export type JobView = 'overview' | 'checkpoints' | 'sources';
export type Selection = { kind: 'table'; name: string } | { kind: 'job'; id: string } | null;

export interface UiState {
  bottomTab: BottomTab;
  selection: Selection;
  /** Table shown in the Data tab. */
  dataTable: string | null;
  /** Lake table shown in the Snapshots tab (null: the selected lake table, else the first). */
  snapshotsTable: string | null;
  /** Job shown in the Jobs tab (null: the selected job, else the first). */
  jobsJob: string | null;
  jobsView: JobView;
  /** A transient message in the status bar. */
  toast: { text: string; tone: 'info' | 'error' } | null;
}

export interface UiActions {
  setBottomTab(tab: BottomTab): void;
  select(selection: Selection): void;
  setDataTable(name: string | null): void;
  /** Shows a lake table's commits in the Snapshots tab. */
  showSnapshots(name: string): void;
  setSnapshotsTable(name: string | null): void;
  /** Shows a job in the Jobs tab, in `view` (default: the view shown last). */
  showJob(id: string, view?: JobView): void;
  setJobsJob(id: string | null): void;
  setJobsView(view: JobView): void;
  showToast(text: string, tone?: 'info' | 'error'): void;
  clearToast(): void;
}

export type UiStore = UiState & UiActions;

export const createUiStore = () => createStore<UiStore>()((set) => ({
  bottomTab: 'editor',
  selection: null,
  dataTable: null,
  snapshotsTable: null,
  jobsJob: null,
  jobsView: 'overview',
  toast: null,
  setBottomTab: (bottomTab) => set({ bottomTab }),
  select: (selection) => set({ selection }),
  setDataTable: (dataTable) => set({ dataTable }),
  showSnapshots: (name) => set({ snapshotsTable: name, bottomTab: 'snapshots' }),
  setSnapshotsTable: (snapshotsTable) => set({ snapshotsTable }),
  showJob: (id, view) => set((s) => ({ jobsJob: id, jobsView: view ?? s.jobsView, bottomTab: 'jobs' })),
  setJobsJob: (jobsJob) => set({ jobsJob }),
  setJobsView: (jobsView) => set({ jobsView }),
  showToast: (text, tone = 'info') => set({ toast: { text, tone } }),
  clearToast: () => set({ toast: null }),
}));
