// Canvas-only UI state: the table being renamed in place (F2) and the delete dialog's question.
import { createStore } from 'zustand/vanilla';
import type { StatementRef } from '../../engine/index';

export interface DeleteQuestion {
  table: string;
  /** Rows the table held in the last run. */
  rows: number;
  /** Statements that would still read it (line and summary). */
  readers: StatementRef[];
  /** Jobs that write it, deleted with it. */
  writers: string[];
}

export interface DeleteAnswer {
  ok: boolean;
  /** Also delete the statements that read the table. */
  alsoReaders: boolean;
}

export interface CanvasState {
  renaming: string | null;
  question: (DeleteQuestion & { answer(a: DeleteAnswer): void }) | null;
}

export interface CanvasActions {
  startRename(table: string): void;
  endRename(): void;
  /** Shows the delete dialog; resolves with the user's answer. */
  askDelete(q: DeleteQuestion): Promise<DeleteAnswer>;
}

export type CanvasStore = CanvasState & CanvasActions;

export const createCanvasStore = () => createStore<CanvasStore>()((set, get) => ({
  renaming: null,
  question: null,
  startRename: (renaming) => set({ renaming }),
  endRename: () => set({ renaming: null }),
  askDelete(q) {
    get().question?.answer({ ok: false, alsoReaders: false });
    return new Promise((resolve) => {
      const question = {
        ...q,
        answer: (a: DeleteAnswer) => {
          set((s) => (s.question === question ? { question: null } : s));
          resolve(a);
        },
      };
      set({ question });
    });
  },
}));
