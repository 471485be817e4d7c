import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ChangelogEntry, TableData, TableInfo } from '../../engine/api';
import { useCompileStore } from '../store/compile';
import { useSimStore } from '../store/sim';
import { useUiStore } from '../store/ui';
import { engine } from '../engine/client';
import { ResultGrid, formatCell } from './ResultGrid';
import { formatClock } from '../format';

const TAIL = 200;
const NO_TABLES: TableInfo[] = [];

export function DataTab({ visible }: { visible: boolean }) {
  const tables = useCompileStore((s) => s.pipeline?.tables ?? NO_TABLES);
  const { dataTable, setDataTable } = useUiStore(useShallow((s) => ({ dataTable: s.dataTable, setDataTable: s.setDataTable })));
  const tick = useSimStore((s) => s.tick);
  const simState = useSimStore((s) => s.state);
  const epochMs = useSimStore((s) => s.epochMs);
  const name = dataTable ?? tables.find((t) => t.layer === 'ADS')?.name ?? tables[0]?.name ?? null;
  const [data, setData] = useState<TableData | null>(null);
  const [log, setLog] = useState<ChangelogEntry[]>([]);
  const [lastFetch, setLastFetch] = useState(0);

  useEffect(() => {
    if (!visible || !name || simState === 'empty') return;
    // Table reads are throttled to once a second while the simulation runs.
    const wait = Math.max(0, 1000 - (performance.now() - lastFetch));
    const t = setTimeout(() => {
      setLastFetch(performance.now());
      void Promise.all([engine().readTable(name), engine().changelog(name, TAIL)]).then(([d, c]) => {
        setData(d);
        setLog(c);
      });
    }, wait);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible, name, tick, simState]);

  if (!visible) return null;
  return (
    <div className="data-tab">
      <div className="data-tables" data-testid="data.tables">
        <div className="section-title">Tables</div>
        {tables.map((t) => (
          <button
            key={t.name}
            className={`data-table-item ${t.name === name ? 'on' : ''}`}
            data-testid={`data.table.${t.name}`}
            onClick={() => setDataTable(t.name)}
          >
            <span className={`layer-dot layer-${t.layer}`} />
            {t.name}
          </button>
        ))}
      </div>
      <div className="data-main">
        {simState === 'empty' || !data ? (
          <div className="empty muted" data-testid="data.empty">
            {simState === 'empty' ? 'No data yet: press ▶ Play to run the simulation.' : 'Loading…'}
          </div>
        ) : (
          <>
            <div className="result-meta muted" data-testid="data.meta">
              {name} · {data.rows.length} visible rows
            </div>
            <ResultGrid testId="data.grid" columns={data.columns.map((c) => c.name)} rows={data.rows} />
          </>
        )}
      </div>
      <div className="changelog" data-testid="data.changelog">
        <div className="section-title">Changelog tail</div>
        <div className="changelog-list">
          {log.length === 0 && <div className="muted small pad">No changes yet.</div>}
          {log
            .slice()
            .reverse()
            .map((e, i) => (
              <div key={i} className={`cl-row kind-${e.kind.replace('+', 'p').replace('-', 'm')}`} data-testid="data.changelog.row">
                <span className="cl-kind">{e.kind}</span>
                <span className="cl-time muted">{formatClock(epochMs, e.time).slice(11)}</span>
                <span className="cl-vals">{e.row.map(formatCell).join(', ')}</span>
              </div>
            ))}
        </div>
      </div>
    </div>
  );
}
