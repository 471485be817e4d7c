// The canvas's React Flow nodes and edges, built from the canvas model (graph.ts: lanes, tables,
// jobs from the pipeline graph) and where things are: the layout sidecar, the auto-layout, the
// nodes being dragged. Pure, so the studio's tests read the canvas without React.
import type { Edge, Node, Rect } from '@xyflow/react';
import type { NodePosition } from '../store/project';
import type { Selection } from '../store/ui';
import { laneAt, JOB_H, TABLE_H, TABLE_W, type CanvasModel } from './graph';
import { WRITE_SOURCE_HANDLE, WRITE_TARGET_HANDLE } from './handles';

export interface CanvasPlacement {
  /** The layout sidecar: y (and a lane override) per node id the user placed. */
  positions: Record<string, NodePosition>;
  /** The auto-layout's positions, for nodes the user never placed. */
  auto: Record<string, { x: number; y: number }>;
  /** Nodes being dragged now, where the pointer has them. */
  dragging: Record<string, NodePosition>;
  selection: Selection;
  /** Sizes React Flow measured, handed back with every node object built (see Canvas.tsx). */
  measured: Record<string, { width: number; height: number }>;
}

/** The nodes (lanes first, then tables, then jobs) and the lanes' extent, which fit view frames. */
export function canvasNodes(model: CanvasModel, place: CanvasPlacement): { nodes: Node[]; extent: Rect } {
  const { positions, auto, dragging, selection, measured } = place;
  // A node's x is its lane's column (tables and jobs each have one); y is free.
  const column = new Map<string, number>();
  for (const t of model.tables) column.set(t.id, model.lanes.find((l) => l.id === t.lane)?.tableX ?? 0);
  for (const j of model.jobs) column.set(j.id, model.lanes.find((l) => l.id === j.lane)?.jobX ?? 0);
  const pos = (id: string) => {
    if (dragging[id]) return dragging[id];
    const y = positions[id]?.y ?? auto[id]?.y ?? 0;
    return { x: column.get(id) ?? 0, y };
  };
  let bottom = 320;
  for (const n of [...model.tables, ...model.jobs]) bottom = Math.max(bottom, pos(n.id).y + Math.max(TABLE_H, JOB_H) + 40);
  // While a table is dragged, the lane under it lights up: dropping it there sets its layer.
  const draggedTable = Object.keys(dragging).find((id) => id.startsWith('table:'));
  const target = draggedTable ? laneAt(model.lanes, dragging[draggedTable]!.x + TABLE_W / 2) : null;
  const sized = (id: string) => (measured[id] ? { measured: measured[id] } : {});
  const last = model.lanes[model.lanes.length - 1];
  const extent = { x: 0, y: 0, width: last ? last.x + last.width : 0, height: bottom };
  const lanes: Node[] = model.lanes.map((l) => ({
    id: `lane:${l.id}`,
    ...sized(`lane:${l.id}`),
    type: 'lane',
    position: { x: l.x, y: 0 },
    data: { label: l.label, lane: l.id, height: bottom, target: target?.id === l.id },
    draggable: false,
    selectable: false,
    focusable: false,
    zIndex: -1,
    style: { width: l.width },
  }));
  const nodes: Node[] = [
    ...lanes,
    ...model.tables.map((t) => ({
      id: t.id,
      ...sized(t.id),
      type: 'table',
      position: pos(t.id),
      data: { table: t.table, lane: t.lane, layer: t.layer, overridden: t.overridden },
      selected: selection?.kind === 'table' && selection.name === t.table.name,
    })),
    ...model.jobs.map((j) => ({
      id: j.id,
      ...sized(j.id),
      type: 'job',
      position: pos(j.id),
      data: { job: j.job },
      selected: selection?.kind === 'job' && selection.id === j.job.id,
    })),
  ];
  return { nodes, extent };
}

/** Data-flow edges, animated while the simulation plays. */
export function canvasEdges(model: CanvasModel, playing: boolean): Edge[] {
  return model.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    animated: playing,
    className: `edge-${e.kind}`,
    ...(e.kind === 'write' ? { sourceHandle: WRITE_SOURCE_HANDLE, targetHandle: WRITE_TARGET_HANDLE } : {}),
  }));
}
