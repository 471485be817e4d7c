// PipelineGraph -> canvas model: lanes by layer, table and job nodes, data-flow edges. Pure.
import type { JobInfo, Layer, PipelineGraph, TableInfo } from '../../engine/api';

export type LaneId = 'SRC' | 'ODS' | 'DIM' | 'DWD' | 'DWS' | 'ADS' | 'OUT';

export interface Lane {
  id: LaneId;
  label: string;
  /** 0-based column. */
  index: number;
  /** Left edge and width on the canvas; empty lanes are narrow. */
  x: number;
  width: number;
  /** Where the jobs writing into this lane and its tables sit (one column: jobX = tableX). */
  jobX: number;
  tableX: number;
}

// Compact on purpose: the whole bundled example has to fit a 1280 px wide studio at a zoom where
// names, badges and operator chains read without zooming in (see fit.ts). A lane is one column: a
// job sits above the table it writes (layout.ts), so the graph grows down, into the pane's height,
// rather than across (a job column beside each table column made the graph ~3x wider than tall and
// the fit zoom width-bound). Names wrap at underscores and operator chains wrap.
export const LANE_HEADER = 34;
export const TABLE_W = 176;
export const JOB_W = TABLE_W;
/** Heights the auto-layout reserves for a node (the rendered node may grow). */
export const TABLE_H = 84;
export const JOB_H = 92;
/** The extra badge row of a lake table node. */
export const LAKE_ROW_H = 20;
const PAD = 8;
// Wide enough to drop a table into (that sets its layer); the node's centre picks the lane.
const EMPTY_LANE = 56;

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
  /** `layer`: the table's layer on the canvas (its override, else its name's); `overridden` when moved. */
  tables: { id: string; table: TableInfo; lane: LaneId; layer: Layer; overridden: boolean }[];
  jobs: { id: string; job: JobInfo; lane: LaneId }[];
  edges: { id: string; source: string; target: string; kind: 'read' | 'write' }[];
}

export const tableNodeId = (name: string) => `table:${name}`;
export const jobNodeId = (id: string) => `job:${id}`;

function laneOfLayer(layer: Layer): LaneId | null {
  return layer === 'OTHER' ? null : layer;
}

type LayerLane = Exclude<Layer, 'OTHER'>;

/** Connectors Flink has only a sink for. */
const SINK_ONLY_CONNECTORS = new Set(['blackhole', 'print']);
const LAYER_LANES: readonly LaneId[] = ['ODS', 'DIM', 'DWD', 'DWS', 'ADS'];

/** Lane overrides by table name, from the layout sidecar (`table:<name>` entries with a layer). */
export function layerOverrides(positions: Record<string, { layer?: LayerLane }>): Record<string, LayerLane> {
  const out: Record<string, LayerLane> = {};
  for (const [id, p] of Object.entries(positions)) if (id.startsWith('table:') && p.layer) out[id.slice(6)] = p.layer;
  return out;
}

/** The lane under a canvas x (the first or last lane beyond the edges). */
export function laneAt(lanes: Lane[], x: number): Lane | null {
  if (lanes.length === 0) return null;
  for (const l of lanes) if (x >= l.x && x < l.x + l.width) return l;
  return x < lanes[0]!.x ? lanes[0]! : lanes[lanes.length - 1]!;
}

/**
 * The override a table gets when dropped into a lane: that lane's layer, or undefined when the
 * lane is what its name already says (or a Sources/Sinks lane, which no layer names).
 */
export function withLayer(table: TableInfo, lane: LaneId): LayerLane | undefined {
  if (!LAYER_LANES.includes(lane)) return undefined;
  return lane === table.layer ? undefined : (lane as LayerLane);
}

export function buildModel(p: PipelineGraph, overrides: Record<string, LayerLane> = {}): CanvasModel {
  const written = new Set(p.jobs.map((j) => j.sinkTable.toLowerCase()));
  const laneOf = new Map<string, LaneId>();
  for (const t of p.tables) {
    const layer = overrides[t.name] ?? t.layer;
    // A table outside the layers is a sink when a job writes it or its connector only writes
    // (blackhole, print: Flink offers no source for them), else a source.
    const sink = written.has(t.name.toLowerCase()) || SINK_ONLY_CONNECTORS.has(t.connector.toLowerCase());
    laneOf.set(t.name.toLowerCase(), laneOfLayer(layer) ?? (sink ? 'OUT' : 'SRC'));
  }
  const order = LANES.map((l) => l.id);
  const idx = (l: LaneId) => order.indexOf(l);
  const jobs = p.jobs.map((job) => {
    const sinkLane = laneOf.get(job.sinkTable.toLowerCase()) ?? 'OUT';
    return { id: jobNodeId(job.id), job, lane: sinkLane };
  });
  const used = new Set<LaneId>(['ODS', 'DWD', 'DWS', 'ADS', 'DIM']);
  for (const l of laneOf.values()) used.add(l);
  void idx;
  let x = 0;
  const lanes: Lane[] = LANES.filter((l) => used.has(l.id)).map((l, i) => {
    const occupied = [...laneOf.values()].includes(l.id);
    const column = x + PAD;
    const width = occupied ? TABLE_W + 2 * PAD : EMPTY_LANE;
    const lane = { ...l, index: i, x, width, jobX: column, tableX: column };
    x += width;
    return lane;
  });
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
    tables: p.tables.map((table) => ({
      id: tableNodeId(table.name),
      table,
      lane: laneOf.get(table.name.toLowerCase())!,
      layer: overrides[table.name] ?? table.layer,
      overridden: overrides[table.name] !== undefined && overrides[table.name] !== table.layer,
    })),
    jobs,
    edges,
  };
}

/** The operator chain as a short label: `Source → Calc → GroupAggregate → Sink`. */
export function operatorChain(job: JobInfo): string {
  return job.operators.map((o) => o.kind).join(' → ');
}
