import { create } from 'zustand';

export type BottomTab = 'editor' | 'metrics' | 'data' | 'query' | 'problems';
export type Selection = { kind: 'table'; name: string } | { kind: 'job'; id: string } | null;

interface UiState {
  bottomTab: BottomTab;
  selection: Selection;
  /** Table shown in the Data tab. */
  dataTable: string | null;
  /** A transient message in the status bar. */
  toast: { text: string; tone: 'info' | 'error' } | null;
}

interface UiActions {
  setBottomTab(tab: BottomTab): void;
  select(selection: Selection): void;
  setDataTable(name: string | null): void;
  showToast(text: string, tone?: 'info' | 'error'): void;
  clearToast(): void;
}

export const useUiStore = create<UiState & UiActions>()((set) => ({
  bottomTab: 'editor',
  selection: null,
  dataTable: null,
  toast: null,
  setBottomTab: (bottomTab) => set({ bottomTab }),
  select: (selection) => set({ selection }),
  setDataTable: (dataTable) => set({ dataTable }),
  showToast: (text, tone = 'info') => set({ toast: { text, tone } }),
  clearToast: () => set({ toast: null }),
}));
