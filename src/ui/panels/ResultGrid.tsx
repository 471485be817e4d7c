// A virtualized grid for query results and table data: only visible rows are in the DOM.
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export function formatCell(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
  return String(v);
}

const ROW_HEIGHT = 22;

export function ResultGrid({ columns, rows, testId, rowClass }: { columns: string[]; rows: unknown[][]; testId: string; rowClass?: (i: number) => string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const template = `48px repeat(${Math.max(columns.length, 1)}, minmax(110px, 1fr))`;
  return (
    <div className="grid" data-testid={testId} ref={scroller}>
      <div className="grid-head" style={{ gridTemplateColumns: template }}>
        <div className="grid-cell idx">#</div>
        {columns.map((c) => (
          <div key={c} className="grid-cell" title={c}>
            {c}
          </div>
        ))}
      </div>
      <div style={{ height: v.getTotalSize(), position: 'relative' }}>
        {v.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={item.key}
              className={`grid-row ${rowClass?.(item.index) ?? ''}`}
              data-testid="grid.row"
              style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <div className="grid-cell idx">{item.index + 1}</div>
              {row.map((cell, j) => (
                <div key={j} className={`grid-cell ${cell === null ? 'null' : typeof cell === 'number' ? 'num' : ''}`}>
                  {formatCell(cell)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
