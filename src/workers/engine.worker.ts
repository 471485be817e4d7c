// The engine worker: the engine's public API behind comlink. All logic lives in EngineHost.
import { expose } from 'comlink';
import * as engine from '../engine/index';
import { EngineHost } from './engineHost';

expose(new EngineHost(engine));
