// Following the lineage graph from one column: upstream (what it derives from) or downstream
// (what uses it), over any number of jobs. A reached column's transformations compose along each
// path by OpenLineage's merge rule; the walk is a work list that revisits a column only when a
// new path brings it a transformation it did not have (a bit mask only grows, so it ends, cycles
// through a table a job both reads and writes included).
import { refKey } from './deps';
import { fromTransformations, IDENTITY, mergeSets, toTransformations, type CodeSet } from './transformations';
import type { ColumnLineageEdge, ColumnLineageGraph, ColumnRef, DatasetLineageEdge, LineageTrace } from './types';

interface Index {
  /** Canonical table name and its columns, by lower-case table name. */
  tables: Map<string, { name: string; columns: string[] }>;
  into: Map<string, number[]>;
  outOf: Map<string, number[]>;
  /** Dataset edges by the table they steer, and by their column. */
  datasetInto: Map<string, number[]>;
  datasetOutOf: Map<string, number[]>;
  edgeCodes: CodeSet[];
  datasetCodes: CodeSet[];
}

const indexes = new WeakMap<ColumnLineageGraph, Index>();

function push(m: Map<string, number[]>, key: string, i: number): void {
  const list = m.get(key);
  if (list) list.push(i);
  else m.set(key, [i]);
}

function indexOf(graph: ColumnLineageGraph): Index {
  const known = indexes.get(graph);
  if (known) return known;
  const index: Index = {
    tables: new Map(graph.tables.map((t) => [t.name.toLowerCase(), t])),
    into: new Map(),
    outOf: new Map(),
    datasetInto: new Map(),
    datasetOutOf: new Map(),
    edgeCodes: graph.edges.map((e) => fromTransformations(e.transformations)),
    datasetCodes: graph.datasetEdges.map((e) => fromTransformations(e.transformations)),
  };
  graph.edges.forEach((e, i) => {
    push(index.into, refKey(e.to.table, e.to.column), i);
    push(index.outOf, refKey(e.from.table, e.from.column), i);
  });
  graph.datasetEdges.forEach((e, i) => {
    push(index.datasetInto, e.table, i);
    push(index.datasetOutOf, refKey(e.from.table, e.from.column), i);
  });
  indexes.set(graph, index);
  return index;
}

/** The column as the graph spells it (names match in any case), or null when there is none. */
export function findColumn(graph: ColumnLineageGraph, table: string, column: string): ColumnRef | null {
  const t = indexOf(graph).tables.get(table.toLowerCase());
  const c = t?.columns.find((x) => x.toLowerCase() === column.toLowerCase());
  return t && c !== undefined ? { table: t.name, column: c } : null;
}

interface Reached {
  ref: ColumnRef;
  depth: number;
  codes: CodeSet;
  jobs: Set<string>;
}

function trace(graph: ColumnLineageGraph, table: string, column: string, direction: 'upstream' | 'downstream'): LineageTrace | null {
  const root = findColumn(graph, table, column);
  if (!root) return null;
  const index = indexOf(graph);
  const reached = new Map<string, Reached>();
  const edgesUsed = new Set<number>();
  const datasetUsed = new Set<number>();
  const queue: { ref: ColumnRef; codes: CodeSet; depth: number }[] = [{ ref: root, codes: 1 << IDENTITY, depth: 0 }];
  const reach = (ref: ColumnRef, codes: CodeSet, depth: number, job: string | null) => {
    const key = refKey(ref.table, ref.column);
    const had = reached.get(key);
    if (!had) {
      reached.set(key, { ref, depth, codes, jobs: new Set(job === null ? [] : [job]) });
      queue.push({ ref, codes, depth });
      return;
    }
    if (job !== null) had.jobs.add(job);
    had.depth = Math.min(had.depth, depth);
    const fresh = codes & ~had.codes;
    if (fresh) {
      had.codes |= fresh;
      queue.push({ ref, codes: fresh, depth });
    }
  };
  for (let q = 0; q < queue.length; q++) {
    const { ref, codes, depth } = queue[q]!;
    const key = refKey(ref.table, ref.column);
    if (direction === 'upstream') {
      for (const i of index.into.get(key) ?? []) {
        const e = graph.edges[i]!;
        edgesUsed.add(i);
        reach(e.from, mergeSets(codes, index.edgeCodes[i]!), depth + 1, e.job);
      }
      for (const i of index.datasetInto.get(ref.table) ?? []) {
        const e = graph.datasetEdges[i]!;
        datasetUsed.add(i);
        reach(e.from, mergeSets(codes, index.datasetCodes[i]!), depth + 1, e.job);
      }
    } else {
      for (const i of index.outOf.get(key) ?? []) {
        const e = graph.edges[i]!;
        edgesUsed.add(i);
        reach(e.to, mergeSets(index.edgeCodes[i]!, codes), depth + 1, e.job);
      }
      for (const i of index.datasetOutOf.get(key) ?? []) {
        const e = graph.datasetEdges[i]!;
        datasetUsed.add(i);
        const steered = index.tables.get(e.table.toLowerCase());
        for (const c of steered?.columns ?? []) reach({ table: e.table, column: c }, mergeSets(index.datasetCodes[i]!, codes), depth + 1, e.job);
      }
    }
  }
  const columns = [...reached.values()]
    .sort((a, b) => a.depth - b.depth)
    .map((r) => ({ ...r.ref, depth: r.depth, transformations: toTransformations(r.codes), jobs: [...r.jobs].sort() }));
  const edges: ColumnLineageEdge[] = [...edgesUsed].sort((a, b) => a - b).map((i) => graph.edges[i]!);
  const datasetEdges: DatasetLineageEdge[] = [...datasetUsed].sort((a, b) => a - b).map((i) => graph.datasetEdges[i]!);
  const tables = new Set([root.table, ...columns.map((c) => c.table)]);
  const jobs = new Set([...edges, ...datasetEdges].flatMap((e) => (e.job === null ? [] : [e.job])));
  return { root, direction, columns, edges, datasetEdges, tables: [...tables], jobs: [...jobs].sort() };
}

/** Every column `table.column` derives from, over every job upstream; null for an unknown column. */
export function upstreamOf(graph: ColumnLineageGraph, table: string, column: string): LineageTrace | null {
  return trace(graph, table, column, 'upstream');
}

/** Every column that uses `table.column`, over every job downstream; null for an unknown column. */
export function downstreamOf(graph: ColumnLineageGraph, table: string, column: string): LineageTrace | null {
  return trace(graph, table, column, 'downstream');
}
