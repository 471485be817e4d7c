// Stand-in for src/engine/index.ts while the engine is being written: vite.config.ts aliases it
// only when the real module does not exist. It compiles nothing and refuses to simulate.
import type { CompileResult, Simulation, SimulationOptions } from '../engine/api';

export function compile(script: string): CompileResult {
  const end = { offset: script.length, line: 1, column: 1 };
  return {
    ok: false,
    pipeline: { tables: [], jobs: [], settings: {} },
    diagnostics: [
      {
        severity: 'info',
        code: 'engine-missing',
        message: 'The engine is not part of this build yet.',
        span: { start: { offset: 0, line: 1, column: 1 }, end },
      },
    ],
  };
}

export function createSimulation(_script: string, _options: SimulationOptions): Simulation {
  throw new Error('The engine is not part of this build yet.');
}
