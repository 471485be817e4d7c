// Auto-layout with elkjs: layered, left to right, one partition per lane column (jobs, then
// tables) so lanes keep their order. Elk orders nodes vertically to limit crossings; x snaps to
// the lane.
import ELK from 'elkjs/lib/elk.bundled.js';
import { LANE_HEADER, TABLE_W, JOB_W, TABLE_H, JOB_H, LAKE_ROW_H, type CanvasModel } from './graph';

const elk = new ELK();

export async function autoLayout(model: CanvasModel): Promise<Record<string, { x: number; y: number }>> {
  const laneIndex = new Map(model.lanes.map((l) => [l.id, l.index]));
  const children = [
    ...model.jobs.map((j) => ({
      id: j.id,
      width: JOB_W,
      height: JOB_H,
      layoutOptions: { 'elk.partitioning.partition': String((laneIndex.get(j.lane) ?? 0) * 2) },
    })),
    ...model.tables.map((t) => ({
      id: t.id,
      width: TABLE_W,
      // A lake table's badge has a second row (snapshots, rows waiting for the next commit).
      height: TABLE_H + (t.table.connector === 'iceberg' ? LAKE_ROW_H : 0),
      layoutOptions: { 'elk.partitioning.partition': String((laneIndex.get(t.lane) ?? 0) * 2 + 1) },
    })),
  ];
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.partitioning.activate': 'true',
      'elk.spacing.nodeNode': '20',
      'elk.layered.spacing.nodeNodeBetweenLayers': '20',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children,
    edges: model.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const out: Record<string, { x: number; y: number }> = {};
  const minY = Math.min(0, ...(graph.children ?? []).map((c) => c.y ?? 0));
  for (const c of graph.children ?? []) {
    const job = model.jobs.find((j) => j.id === c.id);
    const table = model.tables.find((t) => t.id === c.id);
    const lane = model.lanes.find((l) => l.id === (job ?? table)!.lane)!;
    out[c.id] = {
      x: job ? lane.jobX : lane.tableX,
      y: LANE_HEADER + 14 + (c.y ?? 0) - minY,
    };
  }
  return out;
}
