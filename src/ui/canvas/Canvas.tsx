import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Background,
  BackgroundVariant,
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
import { buildModel, type CanvasModel } from './graph';
import { JOB_H, TABLE_H, autoLayout } from './layout';
import { nodeTypes } from './nodes';
import { connectTables, deleteSelection } from './actions';

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
  const { positions, setPositions } = useProjectStore(useShallow((s) => ({ positions: s.positions, setPositions: s.setPositions })));
  const { selection, select } = useUiStore(useShallow((s) => ({ selection: s.selection, select: s.select })));
  const playing = useSimStore((s) => s.playing);
  const model = useMemo(() => (pipeline ? buildModel(pipeline) : null), [pipeline]);
  const auto = useLayout(model);
  const [dragging, setDragging] = useState<Record<string, NodePosition>>({});
  const flow = useReactFlow();

  const nodes: Node[] = useMemo(() => {
    if (!model) return [];
    const pos = (id: string) => dragging[id] ?? positions[id] ?? auto[id] ?? { x: 0, y: 0 };
    let bottom = 400;
    for (const n of [...model.tables, ...model.jobs]) bottom = Math.max(bottom, pos(n.id).y + Math.max(TABLE_H, JOB_H) + 40);
    const lanes: Node[] = model.lanes.map((l) => ({
      id: `lane:${l.id}`,
      type: 'lane',
      position: { x: l.x, y: 0 },
      data: { label: l.label, lane: l.id, height: bottom },
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
        type: 'table',
        position: pos(t.id),
        data: { table: t.table, lane: t.lane },
        selected: isSel('table', t.table.name),
      })),
      ...model.jobs.map((j) => ({
        id: j.id,
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

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      for (const c of changes) {
        if (c.type === 'position' && c.position) {
          const p = c.position;
          if (c.dragging) setDragging((d) => ({ ...d, [c.id]: p }));
          else {
            setDragging((d) => {
              const { [c.id]: last, ...rest } = d;
              const final = last ?? p;
              setPositions({ ...useProjectStore.getState().positions, [c.id]: final });
              return rest;
            });
          }
        } else if (c.type === 'select' && c.selected) {
          const [kind, ...rest] = c.id.split(':');
          const id = rest.join(':');
          if (kind === 'table') select({ kind: 'table', name: id });
          else if (kind === 'job') select({ kind: 'job', id });
        }
      }
    },
    [select, setPositions],
  );

  const onConnect = useCallback((c: Connection) => {
    if (c.source?.startsWith('table:') && c.target?.startsWith('table:')) {
      connectTables(c.source.slice(6), c.target.slice(6));
    }
  }, []);

  const relayout = useCallback(() => {
    setPositions({});
    setTimeout(() => void flow.fitView({ padding: 0.12, duration: 200 }), 60);
  }, [flow, setPositions]);

  // Fit the view when nodes come or go (first layout, a table added or deleted, another project).
  const nodeCount = Object.keys(auto).length;
  useEffect(() => {
    if (nodeCount) {
      const t = setTimeout(() => void flow.fitView({ padding: 0.12, duration: 150 }), 30);
      return () => clearTimeout(t);
    }
    return undefined;
  }, [nodeCount, flow]);

  return (
    <div className="canvas" data-testid="canvas">
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
        fitViewOptions={{ padding: 0.12 }}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1} color="#2a2f37" />
        <MiniMap pannable zoomable className="minimap" style={{ width: 150, height: 90 }} maskColor="rgba(15,18,22,0.6)" nodeColor={(n) => (n.type === 'lane' ? 'transparent' : n.type === 'job' ? '#6366f1' : '#3b82f6')} />
        <Controls showInteractive={false} />
      </ReactFlow>
      <div className="canvas-tools">
        <button className="btn small" data-testid="canvas.layout" onClick={relayout} title="Auto-layout by layer (elkjs)">
          ⇶ Auto-layout
        </button>
        <button className="btn small" data-testid="canvas.fit" onClick={() => void flow.fitView({ padding: 0.12, duration: 200 })} title="Fit view">
          ⤢ Fit
        </button>
      </div>
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
