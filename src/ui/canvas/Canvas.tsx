import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useShallow } from 'zustand/react/shallow';
import { useCompileStore } from '../store/compile';
import { useProjectStore, type NodePosition } from '../store/project';
import { useSimStore } from '../store/sim';
import { useUiStore } from '../store/ui';
import { buildModel, layerOverrides, laneAt, withLayer, TABLE_W, type CanvasModel } from './graph';
import { JOB_H, TABLE_H, autoLayout } from './layout';
import { nodeTypes } from './nodes';
import { connectTables, deleteSelection } from './actions';
import { changeSidecar } from '../editor/history';
import { useEditorTabs } from '../editor/editorStore';
import { useCanvasStore } from './canvasStore';
import { DeleteDialog } from './DeleteDialog';
import { fitCanvas, MIN_FIT_ZOOM } from './fit';
import './canvas.css';

function useLayout(model: CanvasModel | null) {
  const [auto, setAuto] = useState<Record<string, NodePosition>>({});
  const key = model ? [...model.tables.map((t) => t.id + t.lane), ...model.edges.map((e) => e.id)].join('|') : '';
  useEffect(() => {
    if (!model) return;
    let cancelled = false;
    void autoLayout(model).then((p) => {
      if (!cancelled) setAuto(p);
    });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return auto;
}

function CanvasInner() {
  const pipeline = useCompileStore((s) => s.pipeline);
  const positions = useProjectStore((s) => s.positions);
  const { selection, select } = useUiStore(useShallow((s) => ({ selection: s.selection, select: s.select })));
  const playing = useSimStore((s) => s.playing);
  const overrides = useMemo(() => layerOverrides(positions), [positions]);
  const model = useMemo(() => (pipeline ? buildModel(pipeline, overrides) : null), [pipeline, overrides]);
  const auto = useLayout(model);
  const [dragging, setDragging] = useState<Record<string, NodePosition>>({});
  const lastDrag = useRef<Record<string, NodePosition>>({});
  // Sizes React Flow measured, handed back with every node object we build: a node object without
  // them is measured again (hidden until then), and under load that left the canvas blank.
  const measured = useRef<Record<string, { width: number; height: number }>>({});
  const flow = useReactFlow();
  const pane = useRef<HTMLDivElement>(null);
  // The lanes span the whole graph: their extent is what fit view frames (known before any node
  // is measured, so a fit right after a layout frames the right area).
  const extent = useRef({ x: 0, y: 0, width: 0, height: 0 });
  const fit = useCallback((duration = 0) => fitCanvas(flow, pane.current, extent.current, duration), [flow]);

  const nodes: Node[] = useMemo(() => {
    if (!model) return [];
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
    const sized = (id: string) => (measured.current[id] ? { measured: measured.current[id] } : {});
    const last = model.lanes[model.lanes.length - 1];
    extent.current = { x: 0, y: 0, width: last ? last.x + last.width : 0, height: bottom };
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
    const isSel = (kind: 'table' | 'job', id: string) =>
      selection?.kind === kind && (kind === 'table' ? selection.kind === 'table' && selection.name === id : selection.kind === 'job' && selection.id === id);
    return [
      ...lanes,
      ...model.tables.map((t) => ({
        id: t.id,
        ...sized(t.id),
        type: 'table',
        position: pos(t.id),
        data: { table: t.table, lane: t.lane, layer: t.layer, overridden: t.overridden },
        selected: isSel('table', t.table.name),
      })),
      ...model.jobs.map((j) => ({
        id: j.id,
        ...sized(j.id),
        type: 'job',
        position: pos(j.id),
        data: { job: j.job },
        selected: isSel('job', j.job.id),
      })),
    ];
  }, [model, positions, auto, dragging, selection]);

  const edges: Edge[] = useMemo(
    () =>
      model?.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        animated: playing,
        className: `edge-${e.kind}`,
      })) ?? [],
    [model, playing],
  );

  /** A drag ended: keep the node's y; a table dropped into another layer's lane takes that layer. */
  const dropped = useCallback(
    (id: string, at: NodePosition) => {
      const all = useProjectStore.getState().positions;
      const entry: NodePosition = { ...all[id], x: at.x, y: at.y };
      const t = model?.tables.find((x) => x.id === id);
      if (t && model) {
        const lane = laneAt(model.lanes, at.x + TABLE_W / 2);
        if (lane && lane.id !== t.lane) {
          const layer = withLayer(t.table, lane.id);
          if (layer === undefined) delete entry.layer;
          else entry.layer = layer;
          const next = model.lanes.find((l) => l.id === lane.id);
          if (next) entry.x = next.tableX;
        }
      }
      // A job's lane is its sink's: only its y matters.
      changeSidecar({ ...all, [id]: entry });
    },
    [model],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      for (const c of changes) {
        if (c.type === 'position') {
          const p = c.position;
          if (c.dragging && p) {
            lastDrag.current[c.id] = p;
            setDragging((d) => ({ ...d, [c.id]: p }));
          } else if (c.dragging === false) {
            const final = p ?? lastDrag.current[c.id];
            delete lastDrag.current[c.id];
            setDragging((d) => {
              const { [c.id]: _done, ...rest } = d;
              return rest;
            });
            if (final) dropped(c.id, final);
          }
        } else if (c.type === 'dimensions' && c.dimensions) {
          measured.current[c.id] = c.dimensions;
        } else if (c.type === 'select' && c.selected) {
          const [kind, ...rest] = c.id.split(':');
          const id = rest.join(':');
          if (kind === 'table') select({ kind: 'table', name: id });
          else if (kind === 'job') {
            select({ kind: 'job', id });
            useEditorTabs.getState().openJob(id, false);
          }
        }
      }
    },
    [select, dropped],
  );

  const onConnect = useCallback((c: Connection) => {
    if (c.source?.startsWith('table:') && c.target?.startsWith('table:')) {
      void connectTables(c.source.slice(6), c.target.slice(6));
    }
  }, []);

  /** Lays everything out again by layer (lane overrides kept) and saves the positions. */
  const relayout = useCallback(async () => {
    if (!model) return;
    const laid = await autoLayout(model);
    const all = useProjectStore.getState().positions;
    const next: Record<string, NodePosition> = {};
    for (const [id, p] of Object.entries(laid)) next[id] = all[id]?.layer ? { ...p, layer: all[id].layer } : p;
    // Overrides of tables not on the canvas now (a statement being fixed) are kept.
    for (const [id, p] of Object.entries(all)) if (p.layer && !next[id]) next[id] = p;
    changeSidecar(next);
    setTimeout(() => fit(200), 60);
  }, [fit, model]);

  // F2 renames the selected table in place, on its node.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F2') return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.closest('.monaco-editor'))) return;
      const sel = useUiStore.getState().selection;
      if (sel?.kind !== 'table') return;
      e.preventDefault();
      useCanvasStore.getState().startRename(sel.name);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Fit the view when nodes come or go (first layout, a table added or deleted, another project).
  const nodeCount = Object.keys(auto).length;
  useEffect(() => {
    if (nodeCount) {
      const t = setTimeout(() => fit(150), 30);
      return () => clearTimeout(t);
    }
    return undefined;
  }, [nodeCount, fit]);

  return (
    <div className="canvas" data-testid="canvas" ref={pane}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onConnect={onConnect}
        onPaneClick={() => select(null)}
        onNodesDelete={() => void deleteSelection()}
        deleteKeyCode={null}
        minZoom={0.2}
        maxZoom={1.75}
        proOptions={{ hideAttribution: true }}
        colorMode="dark"
        fitView
        fitViewOptions={{ padding: '14px', minZoom: MIN_FIT_ZOOM }}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1} color="#2a2f37" />
        <MiniMap pannable zoomable className="minimap" style={{ width: 150, height: 90 }} maskColor="rgba(15,18,22,0.6)" nodeColor={(n) => (n.type === 'lane' ? 'transparent' : n.type === 'job' ? '#6366f1' : '#3b82f6')} />
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton onClick={() => fit(200)} title="Fit view" aria-label="fit view">
            <svg viewBox="0 0 32 30" aria-hidden="true">
              <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
            </svg>
          </ControlButton>
        </Controls>
      </ReactFlow>
      <div className="canvas-tools">
        <button className="btn small" data-testid="canvas.layout" onClick={() => void relayout()} title="Auto-layout by layer (elkjs)">
          ⇶ Auto-layout
        </button>
        <button className="btn small" data-testid="canvas.fit" onClick={() => fit(200)} title="Fit view">
          ⤢ Fit
        </button>
      </div>
      <DeleteDialog />
      {model && model.tables.length === 0 && (
        <div className="canvas-empty muted">
          <span>
            No tables yet. Add one from the palette, or write a <code>CREATE TABLE</code> in the editor.
          </span>
        </div>
      )}
    </div>
  );
}

export function Canvas() {
  return (
    <ReactFlowProvider>
      <CanvasInner />
    </ReactFlowProvider>
  );
}
