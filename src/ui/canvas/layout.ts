// Auto-layout with elkjs: layered, left to right, one partition per lane column (jobs, then
// tables) so lanes keep their order. Elk orders nodes vertically to limit crossings; then each
// lane is one column, every table below the jobs that write it.
import ELK from 'elkjs/lib/elk.bundled.js';
import { LANE_HEADER, TABLE_W, JOB_W, TABLE_H, JOB_H, LAKE_ROW_H, type CanvasModel } from './graph';

const elk = new ELK();
/** Vertical room between a job and the table it writes, and between one table and the next job or table. */
const JOB_TO_TABLE = 14;
const BETWEEN_TABLES = 26;

/**
 * Positions for every table and job. `heights` are the nodes' rendered heights where known (a job
 * whose operator chain wraps is taller than JOB_H); the defaults stand in before the first render.
 */
export async function autoLayout(model: CanvasModel, heights: Record<string, number> = {}): Promise<Record<string, { x: number; y: number }>> {
  const tableHeight = (t: CanvasModel['tables'][number]) => heights[t.id] ?? TABLE_H + (t.table.connector === 'iceberg' ? LAKE_ROW_H : 0);
  const jobHeight = (id: string) => heights[id] ?? JOB_H;
  const laneIndex = new Map(model.lanes.map((l) => [l.id, l.index]));
  const children = [
    ...model.jobs.map((j) => ({
      id: j.id,
      width: JOB_W,
      height: jobHeight(j.id),
      layoutOptions: { 'elk.partitioning.partition': String((laneIndex.get(j.lane) ?? 0) * 2) },
    })),
    ...model.tables.map((t) => ({
      id: t.id,
      width: TABLE_W,
      // A lake table's badge has a second row (snapshots, rows waiting for the next commit).
      height: tableHeight(t),
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
  // Elk orders each lane's tables to limit crossings; then every lane is stacked as one column:
  // each table with the jobs that write it directly above it.
  const elkY = new Map((graph.children ?? []).map((c) => [c.id, c.y ?? 0]));
  const byElk = (a: { id: string }, b: { id: string }) => (elkY.get(a.id) ?? 0) - (elkY.get(b.id) ?? 0);
  const out: Record<string, { x: number; y: number }> = {};
  for (const lane of model.lanes) {
    let y = LANE_HEADER + 14;
    const tables = model.tables.filter((t) => t.lane === lane.id).sort(byElk);
    const placed = new Set<string>();
    for (const t of tables) {
      const writers = model.jobs.filter((j) => j.lane === lane.id && j.job.sinkTable.toLowerCase() === t.table.name.toLowerCase()).sort(byElk);
      for (const j of writers) {
        out[j.id] = { x: lane.jobX, y };
        placed.add(j.id);
        y += jobHeight(j.id) + JOB_TO_TABLE;
      }
      out[t.id] = { x: lane.tableX, y };
      y += tableHeight(t) + BETWEEN_TABLES;
    }
    // A job whose sink is not on the canvas (the script is being fixed) goes below the rest.
    for (const j of model.jobs.filter((x) => x.lane === lane.id && !placed.has(x.id)).sort(byElk)) {
      out[j.id] = { x: lane.jobX, y };
      y += jobHeight(j.id) + BETWEEN_TABLES;
    }
  }
  return out;
}
