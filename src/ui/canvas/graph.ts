// PipelineGraph -> canvas model: lanes by layer, table and job nodes, data-flow edges. Pure.
import type { JobInfo, Layer, PipelineGraph, TableInfo } from '../../engine/api';

export type LaneId = 'SRC' | 'ODS' | 'DIM' | 'DWD' | 'DWS' | 'ADS' | 'OUT';

export interface Lane {
  id: LaneId;
  label: string;
  /** 0-based column. */
  index: number;
}

export const LANE_WIDTH = 430;
export const LANE_HEADER = 34;
export const TABLE_W = 200;
export const JOB_W = 176;
/** Inside a lane: the jobs writing into it on the left, its tables on the right. */
export const JOB_OFFSET = 18;
export const TABLE_OFFSET = JOB_W + JOB_OFFSET + 30;

const LANES: { id: LaneId; label: string }[] = [
  { id: 'SRC', label: 'Sources' },
  { id: 'ODS', label: 'ODS' },
  { id: 'DIM', label: 'DIM' },
  { id: 'DWD', label: 'DWD' },
  { id: 'DWS', label: 'DWS' },
  { id: 'ADS', label: 'ADS' },
  { id: 'OUT', label: 'Sinks' },
];

export interface CanvasModel {
  lanes: Lane[];
  tables: { id: string; table: TableInfo; lane: LaneId }[];
  jobs: { id: string; job: JobInfo; lane: LaneId }[];
  edges: { id: string; source: string; target: string; kind: 'read' | 'write' }[];
}

export const tableNodeId = (name: string) => `table:${name}`;
export const jobNodeId = (id: string) => `job:${id}`;

function laneOfLayer(layer: Layer): LaneId | null {
  return layer === 'OTHER' ? null : layer;
}

export function buildModel(p: PipelineGraph, overrides: Record<string, Layer> = {}): CanvasModel {
  const written = new Set(p.jobs.map((j) => j.sinkTable.toLowerCase()));
  const laneOf = new Map<string, LaneId>();
  for (const t of p.tables) {
    const layer = overrides[t.name] ?? t.layer;
    laneOf.set(t.name.toLowerCase(), laneOfLayer(layer) ?? (written.has(t.name.toLowerCase()) ? 'OUT' : 'SRC'));
  }
  const order = LANES.map((l) => l.id);
  const idx = (l: LaneId) => order.indexOf(l);
  const jobs = p.jobs.map((job) => {
    const sinkLane = laneOf.get(job.sinkTable.toLowerCase()) ?? 'OUT';
    return { id: jobNodeId(job.id), job, lane: sinkLane };
  });
  const used = new Set<LaneId>(['ODS', 'DWD', 'DWS', 'ADS', 'DIM']);
  for (const l of laneOf.values()) used.add(l);
  const lanes = LANES.filter((l) => used.has(l.id)).map((l, i) => ({ ...l, index: i }));
  void idx;
  const edges: CanvasModel['edges'] = [];
  for (const { id, job } of jobs) {
    for (const src of new Set(job.sourceTables)) {
      const t = p.tables.find((x) => x.name.toLowerCase() === src.toLowerCase());
      if (t) edges.push({ id: `${tableNodeId(t.name)}->${id}`, source: tableNodeId(t.name), target: id, kind: 'read' });
    }
    const sink = p.tables.find((x) => x.name.toLowerCase() === job.sinkTable.toLowerCase());
    if (sink) edges.push({ id: `${id}->${tableNodeId(sink.name)}`, source: id, target: tableNodeId(sink.name), kind: 'write' });
  }
  return {
    lanes,
    tables: p.tables.map((table) => ({ id: tableNodeId(table.name), table, lane: laneOf.get(table.name.toLowerCase())! })),
    jobs,
    edges,
  };
}

/** The operator chain as a short label: `Source → Calc → GroupAggregate → Sink`. */
export function operatorChain(job: JobInfo): string {
  return job.operators.map((o) => o.kind).join(' → ');
}
