// What the canvas lights up for a traced column: the tables and jobs on its paths, the canvas
// edges they take, and per table the column names on the path. Pure, from the two traces.
import type { LineageTrace, LineageTransformation } from '../../engine/index';

export type LineageRole = 'root' | 'upstream' | 'downstream';

export interface LineageColumnMark {
  column: string;
  role: LineageRole;
  /** The composed kinds (OpenLineage subtypes), as the trace has them; empty for the root. */
  kinds: string[];
  /** INDIRECT only: the column steers, its value does not flow. */
  control: boolean;
}

export interface LineageHighlight {
  /** By table name: the columns on the path, the root first. */
  tables: Map<string, LineageColumnMark[]>;
  jobs: Set<string>;
  /** Canvas edge ids (`table:a->job:j`, `job:j->table:b`) on the paths. */
  edges: Set<string>;
}

const subtypes = (ts: readonly LineageTransformation[]) => ts.map((t) => t.subtype + (t.masking ? ' (masked)' : ''));

export function lineageHighlight(upstream: LineageTrace, downstream: LineageTrace): LineageHighlight {
  const tables = new Map<string, LineageColumnMark[]>();
  const mark = (table: string, m: LineageColumnMark) => {
    const list = tables.get(table) ?? [];
    if (!list.some((x) => x.column === m.column && x.role === m.role)) list.push(m);
    tables.set(table, list);
  };
  mark(upstream.root.table, { column: upstream.root.column, role: 'root', kinds: [], control: false });
  for (const [trace, role] of [
    [upstream, 'upstream'],
    [downstream, 'downstream'],
  ] as const)
    for (const c of trace.columns) {
      if (c.table === upstream.root.table && c.column === upstream.root.column) continue;
      mark(c.table, { column: c.column, role, kinds: subtypes(c.transformations), control: c.transformations.every((t) => t.type === 'INDIRECT') });
    }
  const jobs = new Set([...upstream.jobs, ...downstream.jobs]);
  const edges = new Set<string>();
  for (const trace of [upstream, downstream]) {
    for (const e of trace.edges) {
      if (e.job === null) continue;
      edges.add(`table:${e.from.table}->job:${e.job}`);
      edges.add(`job:${e.job}->table:${e.to.table}`);
    }
    for (const e of trace.datasetEdges) {
      edges.add(`table:${e.from.table}->job:${e.job}`);
      edges.add(`job:${e.job}->table:${e.table}`);
    }
  }
  return { tables, jobs, edges };
}

/** Marks the canvas's nodes and edges: on the path (`lineage-on`) or dimmed (`lineage-dim`). */
export function applyLineage<N extends { id: string; type?: string; className?: string }, E extends { id: string; className?: string }>(
  nodes: N[],
  edges: E[],
  h: LineageHighlight | null,
): { nodes: N[]; edges: E[] } {
  if (!h) return { nodes, edges };
  const on = (n: N) => (n.id.startsWith('table:') ? h.tables.has(n.id.slice(6)) : n.id.startsWith('job:') ? h.jobs.has(n.id.slice(4)) : null);
  const cls = (base: string | undefined, extra: string) => (base ? `${base} ${extra}` : extra);
  return {
    nodes: nodes.map((n) => {
      const lit = on(n);
      return lit === null ? n : { ...n, className: cls(n.className, lit ? 'lineage-on' : 'lineage-dim') };
    }),
    edges: edges.map((e) => ({ ...e, className: cls(e.className, h.edges.has(e.id) ? 'lineage-edge' : 'lineage-dim'), ...(h.edges.has(e.id) ? { zIndex: 5 } : {}) })),
  };
}
