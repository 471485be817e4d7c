// The query console: SQL over the simulation's tables in DuckDB-wasm, and its history.
import { createStore } from 'zustand/vanilla';
import type { QueryResult, TableSource } from '../query/duckdb';

/** Runs SQL over the tables `source` offers (DuckDB-wasm in the studio). */
export type QueryRunner = (sql: string, source: TableSource | null) => Promise<QueryResult>;

/** DuckDB-wasm and Arrow load with the first query, not with the studio. */
const duckdbRunner: QueryRunner = async (sql, source) => (await import('../query/duckdb')).runQuery(sql, source);

export interface HistoryEntry {
  sql: string;
  at: number;
  ok: boolean;
  rows: number | null;
  elapsedMs: number;
}

export interface QueryState {
  sql: string;
  running: boolean;
  result: QueryResult | null;
  error: string | null;
  history: HistoryEntry[];
}

export interface QueryActions {
  setSql(sql: string): void;
  run(source: TableSource | null): Promise<void>;
  /** Put `sql` in the editor and run it (the history's re-run). */
  rerun(sql: string, source: TableSource | null): Promise<void>;
}

export type QueryStore = QueryState & QueryActions;

export const createQueryStore = (runQuery: QueryRunner = duckdbRunner) => createStore<QueryStore>()((set, get) => ({
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
