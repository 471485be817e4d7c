// The studio's handle on the engine worker (comlink). One worker per page.
import { proxy, wrap, type Remote } from 'comlink';
import type { EngineWorkerApi, SimUpdate } from '../../workers/protocol';

let remote: Remote<EngineWorkerApi> | null = null;

export function engine(): Remote<EngineWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'freshet-engine',
    });
    remote = wrap<EngineWorkerApi>(worker);
  }
  return remote;
}

export async function subscribe(listener: (u: SimUpdate) => void): Promise<void> {
  await engine().subscribe(proxy(listener));
}
