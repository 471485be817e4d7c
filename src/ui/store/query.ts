import { create } from 'zustand';
import type { QueryResult, TableSource } from '../query/duckdb';

export interface HistoryEntry {
  sql: string;
  at: number;
  ok: boolean;
  rows: number | null;
  elapsedMs: number;
}

interface QueryState {
  sql: string;
  running: boolean;
  result: QueryResult | null;
  error: string | null;
  history: HistoryEntry[];
}

interface QueryActions {
  setSql(sql: string): void;
  run(source: TableSource | null): Promise<void>;
  /** Put `sql` in the editor and run it (the history's re-run). */
  rerun(sql: string, source: TableSource | null): Promise<void>;
}

export const useQueryStore = create<QueryState & QueryActions>()((set, get) => ({
  sql: 'SELECT 42 AS answer',
  running: false,
  result: null,
  error: null,
  history: [],
  setSql: (sql) => set({ sql }),
  async rerun(sql, source) {
    if (get().running) return;
    set({ sql });
    await get().run(source);
  },
  async run(source) {
    const sql = get().sql.trim();
    if (!sql || get().running) return;
    set({ running: true, error: null });
    const at = Date.now();
    try {
      // DuckDB-wasm and Arrow load with the first query, not with the studio.
      const { runQuery } = await import('../query/duckdb');
      const result = await runQuery(sql, source);
      set((s) => ({
        running: false,
        result,
        history: [{ sql, at, ok: true, rows: result.rows.length, elapsedMs: result.elapsedMs }, ...s.history].slice(0, 100),
      }));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      set((s) => ({
        running: false,
        error: message,
        history: [{ sql, at, ok: false, rows: null, elapsedMs: Date.now() - at }, ...s.history].slice(0, 100),
      }));
    }
  },
}));
