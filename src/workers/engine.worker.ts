// The engine worker: the engine's public API behind comlink. All logic lives in EngineHost.
import { expose } from 'comlink';
import * as engine from '../engine/index';
import { EngineHost } from './engineHost';
import type { EngineModule } from './protocol';

// Completion and hover are used when src/engine/index.ts exports them.
expose(new EngineHost(engine as unknown as EngineModule));
