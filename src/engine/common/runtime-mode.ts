// `execution.runtime-mode`: Flink's STREAMING (the default) or BATCH. Three places act on it (the
// planner allows INSERT OVERWRITE, compile requires bounded inputs, the simulation runs jobs one
// after another and writes final results); they read it through this one rule.
export const RUNTIME_MODE_KEY = 'execution.runtime-mode';

/** Whether a `SET 'execution.runtime-mode'` value (undefined: not set) selects batch mode. */
export function isBatchRuntimeMode(value: string | undefined): boolean {
  return (value ?? '').trim().toLowerCase() === 'batch';
}
