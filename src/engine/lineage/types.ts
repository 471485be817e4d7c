// Column lineage as plain data (the runner prints it, the studio's worker posts it). The kinds of
// dependency are OpenLineage's column lineage facet (spec 1-2-0, ColumnLineageDatasetFacet):
// DIRECT (the value flows: IDENTITY, TRANSFORMATION, AGGREGATION) and INDIRECT (the value only
// steers: JOIN, GROUP_BY, FILTER, SORT, WINDOW, CONDITIONAL), with `masking` for obfuscation.

export type DirectSubtype = 'IDENTITY' | 'TRANSFORMATION' | 'AGGREGATION';
export type IndirectSubtype = 'JOIN' | 'GROUP_BY' | 'FILTER' | 'SORT' | 'WINDOW' | 'CONDITIONAL';

export type LineageTransformation =
  | { type: 'DIRECT'; subtype: DirectSubtype; masking: boolean }
  | { type: 'INDIRECT'; subtype: IndirectSubtype; masking: boolean };

export interface ColumnRef {
  table: string;
  column: string;
}

/** An operator of a job a dependency passes through. */
export interface LineageOperator {
  id: number;
  kind: string;
}

/**
 * One input column of one output column, in one job: the value of `from` flows into `to`
 * (DIRECT) or steers it (INDIRECT, e.g. a CASE condition or an OVER window's PARTITION BY).
 * `job` is null for a computed column of a table (`c AS expr`), filled by the table's readers.
 */
export interface ColumnLineageEdge {
  from: ColumnRef;
  to: ColumnRef;
  job: string | null;
  /** Distinct, DIRECT before INDIRECT. */
  transformations: LineageTransformation[];
  /** The job's operators between the read of `from` and the write of `to`, in plan order. */
  operators: LineageOperator[];
}

/**
 * A column that decides which rows a job writes to `table` (a WHERE, a join key, a GROUP BY key,
 * a window's time attribute, a Top-N's order): OpenLineage's dataset-level INDIRECT lineage. It
 * steers every column of the table the job writes, so it is kept once per job, not per column.
 */
export interface DatasetLineageEdge {
  from: ColumnRef;
  table: string;
  job: string;
  transformations: LineageTransformation[];
  operators: LineageOperator[];
}

export interface LineageTable {
  name: string;
  columns: string[];
}

export interface LineageJob {
  id: string;
  name: string;
  sinkTable: string;
  sourceTables: string[];
}

/** The whole script's column lineage: one hop per edge (a job or a computed column). */
export interface ColumnLineageGraph {
  tables: LineageTable[];
  jobs: LineageJob[];
  edges: ColumnLineageEdge[];
  datasetEdges: DatasetLineageEdge[];
}

/** A column reached from the traced one, with how it relates over every path found. */
export interface LineageReach extends ColumnRef {
  /** Hops on the shortest path (1: read or written by the same job). */
  depth: number;
  /** The composed transformations over all paths (OpenLineage's merge rule per path). */
  transformations: LineageTransformation[];
  /** Jobs on the paths. */
  jobs: string[];
}

/** Every column upstream (or downstream) of one column, and the hops that lead there. */
export interface LineageTrace {
  root: ColumnRef;
  direction: 'upstream' | 'downstream';
  columns: LineageReach[];
  /** The hops followed: column edges, then dataset edges. */
  edges: ColumnLineageEdge[];
  datasetEdges: DatasetLineageEdge[];
  /** Tables and jobs on the paths (the root's table included). */
  tables: string[];
  jobs: string[];
}
