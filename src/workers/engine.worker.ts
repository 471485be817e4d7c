// The engine worker: the engine's public API behind comlink. All logic lives in EngineHost.
import { expose } from 'comlink';
import * as engine from '../engine/index';
import { EngineHost } from './engineHost';
import type { EngineModule } from './protocol';

// `satisfies` checks at build time that the engine offers what the protocol expects
// (compile, simulation, completion, hover and the script edit services).
expose(new EngineHost(engine satisfies EngineModule));
