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
  useViewport,
  type Connection,
  type Edge,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useShallow } from 'zustand/react/shallow';
import type { NodePosition } from '../store/project';
import { useCompileStore, useProjectStore, useSimStore, useStudio, useUiStore } from '../studio/context';
import { buildModel, layerOverrides, laneAt, withLayer, TABLE_W, type CanvasModel } from './graph';
import { autoLayout } from './layout';
import { canvasEdges, canvasNodes } from './canvasNodes';
import { nodeTypes } from './nodes';
import { DeleteDialog } from './DeleteDialog';
import { fitCanvas, MIN_FIT_ZOOM } from './fit';
import './canvas.css';
import { LineageBar, useLineageHighlight } from '../lineage/LineageView';
import { applyLineage } from '../lineage/highlight';

function useLayout(model: CanvasModel | null, heights: Record<string, number>) {
  const [auto, setAuto] = useState<Record<string, NodePosition>>({});
  const key = model ? [...model.tables.map((t) => t.id + t.lane), ...model.edges.map((e) => e.id), ...Object.entries(heights).map(([id, h]) => id + h)].join('|') : '';
  useEffect(() => {
    if (!model) return;
    let cancelled = false;
    void autoLayout(model, heights).then((p) => {
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
  const studio = useStudio();
  const pipeline = useCompileStore((s) => s.pipeline);
  const positions = useProjectStore((s) => s.positions);
  const { selection, select } = useUiStore(useShallow((s) => ({ selection: s.selection, select: s.select })));
  const playing = useSimStore((s) => s.playing);
  const overrides = useMemo(() => layerOverrides(positions), [positions]);
  const model = useMemo(() => (pipeline ? buildModel(pipeline, overrides) : null), [pipeline, overrides]);
  // Rendered node heights (to 4 px): the layout stacks a job above its table by its real height.
  const [heights, setHeights] = useState<Record<string, number>>({});
  const auto = useLayout(model, heights);
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
    const built = canvasNodes(model, { positions, auto, dragging, selection, measured: measured.current });
    extent.current = built.extent;
    return built.nodes;
  }, [model, positions, auto, dragging, selection]);

  const flowEdges: Edge[] = useMemo(() => (model ? canvasEdges(model, playing) : []), [model, playing]);
  // A traced column (picked in the inspector) lights its path and dims the rest.
  const lineage = useLineageHighlight();
  const lit = useMemo(() => applyLineage(nodes, flowEdges, lineage), [nodes, flowEdges, lineage]);
  const edges = lit.edges;

  // The minimap only when part of the graph is out of view: over a graph that fits, it would
  // only cover nodes.
  const viewport = useViewport();
  const paneW = pane.current?.clientWidth ?? 0;
  const paneH = pane.current?.clientHeight ?? 0;
  const e = extent.current;
  const allInView =
    paneW > 0 &&
    e.x * viewport.zoom + viewport.x >= -1 &&
    e.y * viewport.zoom + viewport.y >= -1 &&
    (e.x + e.width) * viewport.zoom + viewport.x <= paneW + 1 &&
    (e.y + e.height) * viewport.zoom + viewport.y <= paneH + 1;

  /** A drag ended: keep the node's y; a table dropped into another layer's lane takes that layer. */
  const dropped = useCallback(
    (id: string, at: NodePosition) => {
      const all = studio.project.getState().positions;
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
      studio.history.changeSidecar({ ...all, [id]: entry });
    },
    [studio, model],
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
          if (!c.id.startsWith('lane:')) {
            const h = Math.ceil(c.dimensions.height / 4) * 4;
            setHeights((prev) => (prev[c.id] === h ? prev : { ...prev, [c.id]: h }));
          }
        } else if (c.type === 'select' && c.selected) {
          const [kind, ...rest] = c.id.split(':');
          const id = rest.join(':');
          if (kind === 'table') select({ kind: 'table', name: id });
          else if (kind === 'job') {
            select({ kind: 'job', id });
            studio.editorTabs.getState().openJob(id, false);
          }
        }
      }
    },
    [studio, select, dropped],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (c.source?.startsWith('table:') && c.target?.startsWith('table:')) {
        void studio.actions.connectTables(c.source.slice(6), c.target.slice(6));
      }
    },
    [studio],
  );

  /** Lays everything out again by layer (lane overrides kept) and saves the positions. */
  const relayout = useCallback(async () => {
    if (!model) return;
    const laid = await autoLayout(model, heights);
    const all = studio.project.getState().positions;
    const next: Record<string, NodePosition> = {};
    for (const [id, p] of Object.entries(laid)) next[id] = all[id]?.layer ? { ...p, layer: all[id].layer } : p;
    // Overrides of tables not on the canvas now (a statement being fixed) are kept.
    for (const [id, p] of Object.entries(all)) if (p.layer && !next[id]) next[id] = p;
    studio.history.changeSidecar(next);
    setTimeout(() => fit(200), 60);
  }, [studio, fit, model, heights]);

  // F2 renames the selected table in place, on its node.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F2') return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.closest('.monaco-editor'))) return;
      const sel = studio.ui.getState().selection;
      if (sel?.kind !== 'table') return;
      e.preventDefault();
      studio.canvas.getState().startRename(sel.name);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [studio]);

  // Fit the view when the set of nodes changes (first layout, a table added, deleted or renamed,
  // a script pasted over another, another project), and when the lanes' extent changes width: a
  // layout sidecar that arrives after the first fit (a reload) moves tables between lanes and
  // widens them, which a stale fit would cut off. Never while the user is dragging a node.
  const nodeSet = Object.keys(auto).sort().join('|');
  const extentWidth = Math.round(extent.current.width);
  useEffect(() => {
    if (!nodeSet) return undefined;
    const t = setTimeout(() => {
      if (Object.keys(lastDrag.current).length === 0) fit(150);
    }, 30);
    return () => clearTimeout(t);
  }, [nodeSet, extentWidth, fit]);

  return (
    <div className="canvas" data-testid="canvas" ref={pane}>
      <ReactFlow
        nodes={lit.nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onConnect={onConnect}
        onPaneClick={() => select(null)}
        onNodesDelete={() => void studio.actions.deleteSelection()}
        deleteKeyCode={null}
        minZoom={0.2}
        maxZoom={1.75}
        proOptions={{ hideAttribution: true }}
        colorMode="dark"
        fitView
        fitViewOptions={{ padding: '14px', minZoom: MIN_FIT_ZOOM }}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1} color="#2a2f37" />
        {!allInView && <MiniMap pannable zoomable className="minimap" style={{ width: 150, height: 90 }} maskColor="rgba(15,18,22,0.6)" nodeColor={(n) => (n.type === 'lane' ? 'transparent' : n.type === 'job' ? '#6366f1' : '#3b82f6')} />}
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
      <LineageBar />
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
