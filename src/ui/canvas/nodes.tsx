import { memo, useEffect, useRef, useState } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { WRITE_SOURCE_HANDLE, WRITE_TARGET_HANDLE } from './handles';
import type { JobInfo, LakeTableMetrics, Layer, TableInfo } from '../../engine/api';
import { useCanvasStore, useSimStore, useStudio } from '../studio/context';
import { ConnectorIcon } from '../ConnectorIcon';
import { Breakable } from '../Breakable';
import { formatCount, formatDuration } from '../format';
import type { LaneId } from './graph';
import '../jobs/jobs.css';
import { LineageColumns } from '../lineage/LineageView';
import { backpressureLevel, LEVEL_LABEL, operatorColour, percentOfSecond, type BackpressureLevel } from '../jobs/backpressure';

export type LaneNode = Node<{ label: string; lane: LaneId; height: number; target: boolean }, 'lane'>;
export type TableNode = Node<{ table: TableInfo; lane: LaneId; layer: Layer; overridden: boolean }, 'table'>;
export type JobNode = Node<{ job: JobInfo }, 'job'>;

export const LaneNodeView = memo(function LaneNodeView({ data }: NodeProps<LaneNode>) {
  return (
    <div className={`lane lane-${data.lane} ${data.target ? 'drop-target' : ''}`} data-testid={`canvas.lane.${data.lane}`} style={{ height: data.height }}>
      <div className="lane-title" title={data.label}>
        {data.label}
      </div>
    </div>
  );
});

function TableBadge({ name }: { name: string }) {
  const m = useSimStore((s) => s.latest?.tables.find((t) => t.name === name) ?? null);
  if (!m) return <div className="node-badge idle">no data yet</div>;
  const fresh = m.freshnessMs;
  const tone = fresh === null ? 'idle' : fresh < 60_000 ? 'good' : fresh < 600_000 ? 'warn' : 'bad';
  return (
    <div className="node-badge" data-testid="canvas.node.badge">
      <span className="badge-rows">{formatCount(m.rows)} rows</span>
      <span className={`badge-fresh ${tone}`} title="Freshness: virtual now minus the newest visible event time">
        ◷ {formatDuration(fresh)}
      </span>
      {m.lake && <LakeBadgeRow lake={m.lake} />}
    </div>
  );
}

/** A lake table's commits so far and the rows its writers hold until the next checkpoint commits them. */
function LakeBadgeRow({ lake }: { lake: LakeTableMetrics }) {
  return (
    <span className="badge-lake">
      {/* Keyed on the count so a new commit re-runs the highlight. */}
      <span key={lake.snapshots} className={`badge-snapshots ${lake.snapshots > 0 ? 'arrived' : ''}`} data-testid="canvas.node.snapshots" title="Snapshots committed (one per completed checkpoint that had data)">
        {formatCount(lake.snapshots)} snapshot{lake.snapshots === 1 ? '' : 's'}
      </span>
      <span className={`badge-pending ${lake.pendingRows > 0 ? 'on' : ''}`} data-testid="canvas.node.pending" title="Records written to open files (data rows and delete records; an upsert writes both), waiting for the next completed checkpoint to commit them">
        {formatCount(lake.pendingRows)} waiting
      </span>
    </span>
  );
}

/** The name edited in place (F2): Enter renames every reference, Escape or leaving cancels. */
function RenameInput({ name }: { name: string }) {
  const studio = useStudio();
  const endRename = () => studio.canvas.getState().endRename();
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const busy = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const commit = async () => {
    if (busy.current) return;
    busy.current = true;
    const err = await studio.actions.renameTable(name, value);
    busy.current = false;
    if (err) setError(err);
    else endRename();
  };
  return (
    <span className="node-rename nodrag" title={error ?? 'Enter renames the table everywhere; Escape cancels'}>
      <input
        ref={ref}
        className={`node-rename-input ${error ? 'bad' : ''}`}
        data-testid="canvas.node.rename"
        value={value}
        aria-label={`New name for ${name}`}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') void commit();
          else if (e.key === 'Escape') endRename();
        }}
        onBlur={endRename}
      />
      {error && (
        <span className="node-rename-error" data-testid="canvas.node.rename.error">
          {error}
        </span>
      )}
    </span>
  );
}

export const TableNodeView = memo(function TableNodeView({ data, selected }: NodeProps<TableNode>) {
  const t = data.table;
  const layer = data.layer;
  const renaming = useCanvasStore((s) => s.renaming === t.name);
  return (
    <div className={`node table-node layer-${layer} ${selected ? 'selected' : ''}`} data-testid="canvas.node" data-kind="table" data-name={t.name} data-layer={layer}>
      <Handle type="target" position={Position.Left} />
      {/* Where the job above it (the one that writes it) comes in: see layout.ts. */}
      <Handle type="target" position={Position.Top} id={WRITE_TARGET_HANDLE} isConnectable={false} className="write-handle" />
      <div className="node-head">
        <ConnectorIcon connector={t.connector} />
        {renaming ? (
          <RenameInput name={t.name} />
        ) : (
          <span className="node-name" title={`${t.name} (F2 renames)`}>
            <Breakable text={t.name} />
          </span>
        )}
      </div>
      <div className="node-sub">
        <span className="muted node-connector">{t.connector}</span>
        {t.primaryKey.length > 0 && (
          <span className="pk" title={`Primary key: ${t.primaryKey.join(', ')}`}>
            <span className="pk-tag">PK</span> {t.primaryKey.join(', ')}
          </span>
        )}
        <span
          className={`layer-tag layer-${layer} ${data.overridden ? 'overridden' : ''}`}
          title={data.overridden ? `Moved to ${layer} on the canvas (the name says ${t.layer})` : `Layer from the name prefix`}
        >
          {layer === 'OTHER' ? (data.lane === 'OUT' ? 'SINK' : 'SRC') : layer}
          {data.overridden && '*'}
        </span>
      </div>
      <TableBadge name={t.name} />
      <LineageColumns table={t.name} />
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

/**
 * Each operator's busy and back-pressured ms per second in the latest metrics, as `busy:bp` per
 * operator joined by commas: a string, so a metrics update that changes neither re-renders nothing.
 */
function useOperatorLoadKey(jobId: string): string {
  return useSimStore((s) => {
    if (!s.latest) return '';
    let key = '';
    // In steps of 5% of a second: the colours move visibly, the node re-renders far less often.
    for (const o of s.latest.operators)
      if (o.jobId === jobId) {
        const bp = o.backPressuredTimeMsPerSecond ?? 0;
        key += `${o.operatorId}:${quantize(o.busyTimeMsPerSecond ?? 0)}:${quantize(bp)}:${backpressureLevel(bp)},`;
      }
    return key;
  });
}

const quantize = (ms: number): number => Math.round(ms / 50) * 50;
const RANK: Record<BackpressureLevel, number> = { ok: 0, low: 1, high: 2 };

/** Per operator id: busy and back-pressured ms (in 5% steps) and the status from the exact value. */
function parseLoadKey(key: string): Map<number, { busy: number; bp: number; level: BackpressureLevel }> {
  const out = new Map<number, { busy: number; bp: number; level: BackpressureLevel }>();
  for (const part of key.split(',')) {
    if (!part) continue;
    const [id, busy, bp, level] = part.split(':');
    out.set(Number(id), { busy: Number(busy), bp: Number(bp), level: level as BackpressureLevel });
  }
  return out;
}

function JobThroughput({ jobId, level, hottest }: { jobId: string; level: BackpressureLevel | null; hottest: string | null }) {
  const tp = useSimStore((s) => {
    const ops = s.latest?.operators.filter((o) => o.jobId === jobId) ?? [];
    const sink = ops.find((o) => o.kind === 'Sink');
    return sink ? sink.throughput : ops.length ? Math.max(...ops.map((o) => o.throughput)) : null;
  });
  const status = useSimStore((s) => s.latest?.jobs?.find((j) => j.id === jobId)?.status ?? null);
  return (
    <div className="node-badge" data-testid="canvas.job.throughput">
      {status === 'restarting' || status === 'failed' ? (
        <span className={`job-status status-${status}`} data-testid="canvas.job.status">
          {status}
        </span>
      ) : tp === null ? (
        <span className="muted">idle</span>
      ) : (
        <span>{formatCount(tp)} rec/s</span>
      )}
      {level !== null && status === 'running' && (
        <span className={`bp-chip bp-${level}`} data-testid="canvas.job.backpressure" title={`Backpressure ${LEVEL_LABEL[level]} (Flink: the worst operator's backPressuredTimeMsPerSecond; ≤ 10% OK, ≤ 50% LOW, above HIGH)${hottest ? `; busiest: ${hottest}` : ''}`}>
          BP {LEVEL_LABEL[level]}
        </span>
      )}
      <span className="job-id">{jobId}</span>
    </div>
  );
}

export const JobNodeView = memo(function JobNodeView({ data, selected }: NodeProps<JobNode>) {
  const j = data.job;
  const loads = parseLoadKey(useOperatorLoadKey(j.id));
  let level: BackpressureLevel | null = null;
  let hottest: { kind: string; busy: number } | null = null;
  for (const o of j.operators) {
    const l = loads.get(o.id);
    if (!l) continue;
    if (level === null || RANK[l.level] > RANK[level]) level = l.level;
    if (l.busy >= 100 && (!hottest || l.busy > hottest.busy)) hottest = { kind: o.kind, busy: l.busy };
  }
  const hotText = hottest ? `${hottest.kind} ${percentOfSecond(hottest.busy)} busy` : null;
  return (
    <div className={`node job-node ${selected ? 'selected' : ''} ${level ? `bp-${level}` : ''}`} data-testid="canvas.node" data-kind="job" data-name={j.id} data-backpressure={level ?? ''}>
      <Handle type="target" position={Position.Left} />
      <div className="node-head">
        <span className="job-icon">⚙</span>
        <span className="node-name" title={`${j.name} (${j.id})`}>
          → <Breakable text={j.sinkTable} />
        </span>
      </div>
      <div className="op-chain" title={j.operators.map((o) => o.label).join('\n')}>
        {j.operators.map((o, i) => {
          const l = loads.get(o.id);
          const hot = l !== undefined && hottest !== null && l.busy === hottest.busy && o.kind === hottest.kind;
          return (
            <span key={o.id} className="op-step">
              {i > 0 && <span className="op-arrow">›</span>}
              <span
                className={`op op-${o.kind} ${l ? 'loaded' : ''} ${hot ? 'hot' : ''}`}
                data-testid="canvas.job.op"
                data-level={l?.level ?? ''}
                data-busy={l?.busy ?? ''}
                style={l ? { background: operatorColour(l.busy, l.bp) } : undefined}
                title={l ? `${o.kind}: busy ${percentOfSecond(l.busy)}, backpressured ${percentOfSecond(l.bp)} (${LEVEL_LABEL[l.level]})` : o.label}
              >
                {o.kind}
              </span>
            </span>
          );
        })}
      </div>
      <JobThroughput jobId={j.id} level={level} hottest={hotText} />
      <Handle type="source" position={Position.Bottom} id={WRITE_SOURCE_HANDLE} isConnectable={false} className="write-handle" />
    </div>
  );
});

export const nodeTypes = { lane: LaneNodeView, table: TableNodeView, job: JobNodeView };
