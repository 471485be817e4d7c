// The studio's handle on the engine: the worker API with every call asynchronous. In the browser
// it is the engine worker behind comlink; in tests it is an EngineHost in the same process (the
// real engine, no worker), so the studio cannot tell the two apart.
import { proxy, wrap } from 'comlink';
import type { EngineWorkerApi } from '../../workers/protocol';

export type EngineClient = {
  [K in keyof EngineWorkerApi]: (...args: Parameters<EngineWorkerApi[K]>) => Promise<Awaited<ReturnType<EngineWorkerApi[K]>>>;
};

/** An engine worker, started on the first call. One per studio, and one more for a compared run. */
export function workerEngine(name = 'freshet-engine'): EngineClient {
  let remote: ReturnType<typeof wrap<EngineWorkerApi>> | null = null;
  const api = () => {
    if (!remote) {
      const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
        type: 'module',
        name,
      });
      remote = wrap<EngineWorkerApi>(worker);
    }
    return remote;
  };
  return {
    compile: (script, fileName) => api().compile(script, fileName),
    complete: (script, offset) => api().complete(script, offset),
    hover: (script, offset) => api().hover(script, offset),
    exportFlinkSql: (script, options) => api().exportFlinkSql(script, options),
    edit: (script, request) => api().edit(script, request),
    readersOf: (script, name) => api().readersOf(script, name),
    statementAt: (script, offset) => api().statementAt(script, offset),
    jobStatementRange: (script, job) => api().jobStatementRange(script, job),
    lineage: (script, table, column) => api().lineage(script, table, column),
    load: (script, options) => api().load(script, options),
    // The listener stays in this thread: the worker calls it back through a comlink proxy.
    subscribe: (listener) => api().subscribe(proxy(listener)),
    play: (speed, runForMs) => api().play(speed, runForMs),
    setSpeed: (speed) => api().setSpeed(speed),
    setHorizon: (ms) => api().setHorizon(ms),
    pause: () => api().pause(),
    step: () => api().step(),
    reset: () => api().reset(),
    tableNames: () => api().tableNames(),
    metadataTableNames: () => api().metadataTableNames(),
    readTable: (name) => api().readTable(name),
    lakeSnapshots: (name) => api().lakeSnapshots(name),
    changelog: (name, limit) => api().changelog(name, limit),
    metricsHistory: () => api().metricsHistory(),
    pipeline: () => api().pipeline(),
    injectFault: (atMs, jobId) => api().injectFault(atMs, jobId),
    repair: (texts, apply) => api().repair(texts, apply),
  };
}

/** The worker API object called in this thread (an EngineHost over the real engine, in tests). */
export function inProcessEngine(host: EngineWorkerApi): EngineClient {
  // Asynchronous like the worker: a caller never sees a result in the same tick, and a throw
  // becomes a rejection.
  const call = async <T>(fn: () => T): Promise<T> => fn();
  return {
    compile: (script, fileName) => call(() => host.compile(script, fileName)),
    complete: (script, offset) => call(() => host.complete(script, offset)),
    hover: (script, offset) => call(() => host.hover(script, offset)),
    exportFlinkSql: (script, options) => call(() => host.exportFlinkSql(script, options)),
    edit: (script, request) => call(() => host.edit(script, request)),
    readersOf: (script, name) => call(() => host.readersOf(script, name)),
    statementAt: (script, offset) => call(() => host.statementAt(script, offset)),
    jobStatementRange: (script, job) => call(() => host.jobStatementRange(script, job)),
    lineage: (script, table, column) => call(() => host.lineage(script, table, column)),
    load: (script, options) => call(() => host.load(script, options)),
    subscribe: (listener) => call(() => host.subscribe(listener)),
    play: (speed, runForMs) => call(() => host.play(speed, runForMs)),
    setSpeed: (speed) => call(() => host.setSpeed(speed)),
    setHorizon: (ms) => call(() => host.setHorizon(ms)),
    pause: () => call(() => host.pause()),
    step: () => call(() => host.step()),
    reset: () => call(() => host.reset()),
    tableNames: () => call(() => host.tableNames()),
    metadataTableNames: () => call(() => host.metadataTableNames()),
    readTable: (name) => call(() => host.readTable(name)),
    lakeSnapshots: (name) => call(() => host.lakeSnapshots(name)),
    changelog: (name, limit) => call(() => host.changelog(name, limit)),
    metricsHistory: () => call(() => host.metricsHistory()),
    pipeline: () => call(() => host.pipeline()),
    injectFault: (atMs, jobId) => call(() => host.injectFault(atMs, jobId)),
    repair: (texts, apply) => call(() => host.repair(texts, apply)),
  };
}
