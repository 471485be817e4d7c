// Column lineage from the physical plan: the graph of a planned script, and traces over it.
export { buildLineageGraph } from './graph';
export { downstreamOf, findColumn, upstreamOf } from './trace';
export type * from './types';
