// The Snapshots tab: a lake table's commits as a timeline. A strip of bars (records added above
// the line, delete rows written below, one bar per commit at its virtual commit time) over a list
// of commits, newest first, each with its operation, files and records added and removed and the
// delete files every reader must merge after it; the selected commit's whole summary on the right.
// The list is one listbox: arrow keys, Home and End move through commits.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { LakeSnapshotInfo, TableInfo } from '../../engine/api';
import { useCompileStore, useSimStore, useStudio, useUiStore } from '../studio/context';
import { formatClock, formatCount } from '../format';
import { checkpointLabel, delta, snapshotRow, type SnapshotRow } from './snapshotRows';
import { Breakable } from '../Breakable';
import './lake.css';

const NO_TABLES: TableInfo[] = [];
/** Commits listed; older ones stay in the strip and in `$snapshots`. */
const LIST_CAP = 500;

function useLakeTables(): TableInfo[] {
  const tables = useCompileStore((s) => s.pipeline?.tables ?? NO_TABLES);
  return useMemo(() => tables.filter((t) => t.connector === 'iceberg'), [tables]);
}

/** The lake table to show: the one picked here, else the lake table selected on the canvas, else the first. */
function useShownTable(lakeTables: TableInfo[]): string | null {
  const picked = useUiStore((s) => s.snapshotsTable);
  const selected = useUiStore((s) => (s.selection?.kind === 'table' ? s.selection.name : null));
  const names = lakeTables.map((t) => t.name);
  if (picked && names.includes(picked)) return picked;
  if (selected && names.includes(selected)) return selected;
  return names[0] ?? null;
}

/** The commits of `name`, re-read at most once a second while the simulation runs. */
function useSnapshots(name: string | null, visible: boolean): LakeSnapshotInfo[] | null {
  const engine = useStudio().engine;
  const tick = useSimStore((s) => s.tick);
  const simState = useSimStore((s) => s.state);
  const [data, setData] = useState<{ table: string; snapshots: LakeSnapshotInfo[] } | null>(null);
  const lastFetch = useRef(0);
  useEffect(() => {
    if (!visible || !name || simState === 'empty') return;
    const wait = Math.max(0, 1000 - (performance.now() - lastFetch.current));
    let live = true;
    const t = setTimeout(() => {
      lastFetch.current = performance.now();
      void engine.lakeSnapshots(name).then(
        (snapshots) => live && setData({ table: name, snapshots }),
        () => live && setData({ table: name, snapshots: [] }),
      );
    }, wait);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [engine, visible, name, tick, simState]);
  if (simState === 'empty') return null;
  return data && data.table === name ? data.snapshots : null;
}

function Strip({ rows, selected, onSelect, now }: { rows: SnapshotRow[]; selected: number | null; onSelect(id: number): void; now: number }) {
  const W = 1000;
  const H = 48;
  const mid = 30;
  const end = Math.max(now, rows.at(-1)?.committedAt ?? 0, 1);
  const maxAdd = Math.max(1, ...rows.map((r) => r.addedRecords));
  const maxDel = Math.max(1, ...rows.map((r) => r.addedEqualityDeletes + r.addedPositionDeletes + r.deletedRecords));
  const slot = W / Math.max(rows.length, end / 1000, 1);
  const bar = Math.max(2, Math.min(14, slot * 0.6));
  return (
    <div className="snap-strip" data-testid="snapshots.strip" aria-hidden="true">
      <div className="snap-strip-legend">
        <span>
          <span className="sw" style={{ background: 'var(--good)' }} />
          records added (max {formatCount(maxAdd)})
        </span>
        <span>
          <span className="sw" style={{ background: 'var(--bad)' }} />
          rows deleted: delete files written, data files removed (max {formatCount(maxDel)})
        </span>
        <span className="snap-strip-axis">commit time →</span>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none">
        <line x1="0" x2={W} y1={mid} y2={mid} stroke="var(--border-strong)" strokeWidth="1" vectorEffect="non-scaling-stroke" />
        {rows.map((r) => {
          const x = (r.committedAt / end) * (W - bar);
          const up = (r.addedRecords / maxAdd) * (mid - 4);
          const down = ((r.addedEqualityDeletes + r.addedPositionDeletes + r.deletedRecords) / maxDel) * (H - mid - 2);
          return (
            <g key={r.snapshotId}>
              <rect className={`bar-hit ${selected === r.snapshotId ? 'on' : ''}`} x={x - 2} y={0} width={bar + 4} height={H} onClick={() => onSelect(r.snapshotId)}>
                <title>{`#${r.sequenceNumber} ${r.operation}: +${r.addedRecords} records, ${r.addedEqualityDeletes + r.addedPositionDeletes} delete rows`}</title>
              </rect>
              {up > 0 && <rect className="bar-add" x={x} y={mid - up} width={bar} height={up} pointerEvents="none" />}
              {down > 0 && <rect className="bar-del" x={x} y={mid + 1} width={bar} height={down} pointerEvents="none" />}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** Which lake table the tab shows (a select, so the commits keep the tab's width). */
function TablePicker({ tables, name }: { tables: TableInfo[]; name: string }) {
  const studio = useStudio();
  return (
    <select
      className="snap-picker"
      aria-label="Lake table"
      data-testid="snapshots.table"
      value={name}
      onChange={(e) => studio.ui.getState().setSnapshotsTable(e.target.value)}
    >
      {tables.map((t) => (
        <option key={t.name} value={t.name}>
          {t.name}
        </option>
      ))}
    </select>
  );
}

function Details({ row, epochMs }: { row: SnapshotRow; epochMs: number }) {
  return (
    <div className="snap-details" data-testid="snapshots.details">
      <div className="section-title">Commit #{row.sequenceNumber}</div>
      <div className="snap-details-head small">
        <div>
          <span className={`snap-op op-${row.operation}`}>{row.operation}</span> at <code>{formatClock(epochMs, row.committedAt)}</code>
        </div>
        <div className="muted">
          snapshot <code>{row.snapshotId}</code>
          <br />
          parent {row.parentId === null ? 'none (first commit)' : <code>{row.parentId}</code>}
          <br />
          Flink checkpoint {checkpointLabel(row.checkpointId)}
        </div>
      </div>
      <div className="section-title">Summary</div>
      <table className="mini-table">
        <tbody>
          {Object.entries(row.summary).map(([k, v]) => (
            <tr key={k}>
              <td className="kv-key">
                <Breakable text={k} />
              </td>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SnapshotsTab({ visible }: { visible: boolean }) {
  const lakeTables = useLakeTables();
  const name = useShownTable(lakeTables);
  const snapshots = useSnapshots(name, visible);
  const epochMs = useSimStore((s) => s.epochMs);
  const now = useSimStore((s) => s.now);
  const simState = useSimStore((s) => s.state);
  const lake = useSimStore((s) => (name ? (s.latest?.tables.find((t) => t.name === name)?.lake ?? null) : null));
  const [picked, setPicked] = useState<number | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const rows = useMemo(() => (snapshots ?? []).map(snapshotRow), [snapshots]);
  const listed = useMemo(() => rows.slice(-LIST_CAP).reverse(), [rows]);
  // Without a pick (or when the picked commit is gone: a reset, another table) the newest is shown.
  const current = listed.find((r) => r.snapshotId === picked) ?? listed[0] ?? null;

  useEffect(() => setPicked(null), [name]);
  useEffect(() => {
    if (!current || !listRef.current) return;
    listRef.current.querySelector(`[data-snapshot-id="${current.snapshotId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  if (!visible) return null;

  const move = (e: KeyboardEvent) => {
    if (listed.length === 0) return;
    const at = Math.max(0, listed.findIndex((r) => r.snapshotId === current?.snapshotId));
    const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? listed.length - 1 : e.key === 'PageDown' ? at + 10 : e.key === 'PageUp' ? at - 10 : null;
    if (to === null) return;
    e.preventDefault();
    setPicked(listed[Math.min(listed.length - 1, Math.max(0, to))]!.snapshotId);
  };

  const info = lakeTables.find((t) => t.name === name);
  const version = lake?.formatVersion ?? info?.options['format-version'] ?? '2';
  const upsert = (info?.options['write.upsert.enabled'] ?? '').toLowerCase() === 'true';

  return (
    <div className="snapshots-tab">
      <div className="snapshots-main">
        {!name ? (
          <div className="empty muted" data-testid="snapshots.empty">
            No Iceberg tables in the script. Add one from the palette: it commits a snapshot per completed checkpoint, and its commits show here.
          </div>
        ) : snapshots === null ? (
          <div className="empty muted" data-testid="snapshots.empty">
            {simState === 'empty' ? `No commits yet: press ▶ Play. ${name} commits when a checkpoint completes.` : 'Loading…'}
          </div>
        ) : (
          <>
            <div className="result-meta snap-meta" data-testid="snapshots.meta">
              <TablePicker tables={lakeTables} name={name} />
              <span className="muted">
                Iceberg v{version}
                {upsert ? ', upsert' : ''} · {formatCount(rows.length)} snapshot{rows.length === 1 ? '' : 's'}
                {lake && (
                  <>
                    {' '}
                    · {formatCount(lake.dataFiles)} data + {formatCount(lake.deleteFiles)} delete files ·{' '}
                    <span className={lake.pendingRows > 0 ? 'lake-waiting' : ''} data-testid="snapshots.pending" title="Records written to open files (data rows and delete records; an upsert writes both); the next completed checkpoint commits them">
                      {formatCount(lake.pendingRows)} records waiting to commit
                    </span>
                  </>
                )}
              </span>
            </div>
            {rows.length === 0 ? (
              <div className="empty muted snap-empty" data-testid="snapshots.none">
                No commits yet. A lake table commits when a checkpoint completes
                {' '}(<code>execution.checkpointing.interval</code>); a bounded job commits at its end.
              </div>
            ) : (
              <>
                <Strip rows={rows} selected={current?.snapshotId ?? null} onSelect={setPicked} now={now} />
                <div
                  ref={listRef}
                  className="snap-list"
                  role="listbox"
                  tabIndex={0}
                  aria-label={`Commits of ${name}, newest first`}
                  aria-activedescendant={current ? `snap-${current.snapshotId}` : undefined}
                  data-testid="snapshots.list"
                  onKeyDown={move}
                >
                  <div className="snap-head" aria-hidden="true">
                    <span className="snap-num">seq</span>
                    <span>committed</span>
                    <span>operation</span>
                    <span title="Data files added and removed">data files</span>
                    <span title="Records in the data files added; records of data files removed">records</span>
                    <span title="Rows of the equality (eq) and position (pos) delete files written">delete rows</span>
                    <span title="Delete files added, and delete files live after the commit (every reader merges them)">delete files</span>
                    <span>snapshot id</span>
                  </div>
                  {listed.map((r) => (
                    <div
                      key={r.snapshotId}
                      id={`snap-${r.snapshotId}`}
                      role="option"
                      aria-selected={r.snapshotId === current?.snapshotId}
                      className={`snap-row ${r.snapshotId === current?.snapshotId ? 'on' : ''}`}
                      data-testid="snapshots.row"
                      data-snapshot-id={r.snapshotId}
                      data-operation={r.operation}
                      onClick={() => {
                        setPicked(r.snapshotId);
                        listRef.current?.focus();
                      }}
                    >
                      <span className="snap-num snap-seq">{r.sequenceNumber || '–'}</span>
                      <span title={formatClock(epochMs, r.committedAt)}>{formatClock(epochMs, r.committedAt).slice(11)}</span>
                      <span className={`snap-op op-${r.operation}`}>{r.operation}</span>
                      <span className={r.addedDataFiles || r.removedDataFiles ? '' : 'snap-zero'}>{delta(r.addedDataFiles, r.removedDataFiles)}</span>
                      <span>
                        {r.addedRecords > 0 && <span className="snap-add">+{formatCount(r.addedRecords)}</span>}
                        {r.addedRecords > 0 && r.deletedRecords > 0 && ' '}
                        {r.deletedRecords > 0 && <span className="snap-del">−{formatCount(r.deletedRecords)}</span>}
                        {r.addedRecords === 0 && r.deletedRecords === 0 && <span className="snap-zero">0</span>}
                      </span>
                      <span>
                        {r.addedEqualityDeletes + r.addedPositionDeletes === 0 ? (
                          <span className="snap-zero">0</span>
                        ) : (
                          <span className="snap-del">
                            {[r.addedEqualityDeletes ? `${formatCount(r.addedEqualityDeletes)} eq` : '', r.addedPositionDeletes ? `${formatCount(r.addedPositionDeletes)} pos` : ''].filter(Boolean).join(' · ')}
                          </span>
                        )}
                      </span>
                      <span>
                        {delta(r.addedDeleteFiles, r.removedDeleteFiles)} <span className="muted">→ {formatCount(r.totalDeleteFiles)} live</span>
                      </span>
                      <span className="snap-id">{r.snapshotId}</span>
                    </div>
                  ))}
                  {rows.length > LIST_CAP && (
                    <div className="muted small pad">
                      Showing the newest {LIST_CAP} of {formatCount(rows.length)} commits; query <code>"{name}$snapshots"</code> for all of them.
                    </div>
                  )}
                </div>
              </>
            )}
          </>
        )}
      </div>
      {current && <Details row={current} epochMs={epochMs} />}
    </div>
  );
}
