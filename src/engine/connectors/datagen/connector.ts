// The `datagen` connector: spec.ts, store.ts (generators, reader), and its checks here.
import type { Connector } from '../connector';
import { DATAGEN_SPEC } from './spec';
import { datagenPlan, DatagenTable } from './store';

export const datagen: Connector = {
  spec: DATAGEN_SPEC,
  // Planning the generators checks every field option without generating a row.
  validateTable: (def) => void datagenPlan(def, 0),
  validateRead: () => {},
  readEnds: (def) => Number.isFinite(datagenPlan(def, 0).total),
  createStore: (ctx) => new DatagenTable(ctx),
};
