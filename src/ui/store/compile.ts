// The engine's view of the script: diagnostics and the pipeline graph of the latest compile.
import { createStore } from 'zustand/vanilla';
import type { Diagnostic, PipelineGraph } from '../../engine/api';
import type { EngineClient } from '../engine/client';

export interface CompileState {
  diagnostics: Diagnostic[];
  /** The last pipeline that parsed, kept while the script has errors so the canvas stays. */
  pipeline: PipelineGraph | null;
  ok: boolean;
  /** Revision of the script these results belong to. */
  revision: number;
  compiling: boolean;
}

export interface CompileActions {
  compile(script: string, revision: number, fileName: string): Promise<void>;
}

export type CompileStore = CompileState & CompileActions;

export const createCompileStore = (engine: EngineClient) => createStore<CompileStore>()((set, get) => ({
  diagnostics: [],
  pipeline: null,
  ok: false,
  revision: -1,
  compiling: false,
  async compile(script, revision, fileName) {
    set({ compiling: true });
    try {
      const r = await engine.compile(script, fileName);
      if (revision < get().revision) return;
      set({ diagnostics: r.diagnostics, pipeline: r.pipeline ?? get().pipeline, ok: r.ok, revision, compiling: false });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const at = { offset: 0, line: 1, column: 1 };
      set({
        compiling: false,
        ok: false,
        revision,
        diagnostics: [{ severity: 'error', code: 'internal', message: `The engine crashed while compiling: ${message}`, span: { start: at, end: at } }],
      });
    }
  },
}));
