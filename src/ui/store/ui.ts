// What the studio shows: the bottom tab, the selection, the Data and Snapshots tabs' tables and the toast.
import { createStore } from 'zustand/vanilla';

export type BottomTab = 'editor' | 'metrics' | 'data' | 'snapshots' | 'query' | 'problems';
export type Selection = { kind: 'table'; name: string } | { kind: 'job'; id: string } | null;

export interface UiState {
  bottomTab: BottomTab;
  selection: Selection;
  /** Table shown in the Data tab. */
  dataTable: string | null;
  /** Lake table shown in the Snapshots tab (null: the selected lake table, else the first). */
  snapshotsTable: string | null;
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
  showToast(text: string, tone?: 'info' | 'error'): void;
  clearToast(): void;
}

export type UiStore = UiState & UiActions;

export const createUiStore = () => createStore<UiStore>()((set) => ({
  bottomTab: 'editor',
  selection: null,
  dataTable: null,
  snapshotsTable: null,
  toast: null,
  setBottomTab: (bottomTab) => set({ bottomTab }),
  select: (selection) => set({ selection }),
  setDataTable: (dataTable) => set({ dataTable }),
  showSnapshots: (name) => set({ snapshotsTable: name, bottomTab: 'snapshots' }),
  setSnapshotsTable: (snapshotsTable) => set({ snapshotsTable }),
  showToast: (text, tone = 'info') => set({ toast: { text, tone } }),
  clearToast: () => set({ toast: null }),
}));
