// A virtualized grid for query results and table data: only the visible rows are in the DOM, so
// 100k rows scroll like 10. Cells are formatted by the column's SQL type: DECIMAL(p, s) with
// exactly s decimals, numbers right-aligned, NULL shown apart from the text 'NULL', timestamps
// as the engine's strings, row kinds (+I -U +U -D) coloured.
import { memo, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface GridColumn {
  name: string;
  /** SQL type (Flink's or DuckDB's spelling); formats and aligns the column. */
  type?: string;
}

type Kind = 'decimal' | 'integer' | 'float' | 'timestamp' | 'boolean' | 'rowkind' | 'text';

interface ColumnFormat {
  kind: Kind;
  /** Decimal places for DECIMAL(p, s). */
  scale: number;
}

const INTEGER = /^(TINYINT|SMALLINT|INT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|INT8|INT16|INT32|INT64|UINT8|UINT16|UINT32|UINT64)\b/;
const FLOAT = /^(FLOAT|DOUBLE|REAL|FLOAT16|FLOAT32|FLOAT64)\b/;

export function columnFormat(name: string, type: string | undefined): ColumnFormat {
  if (name === '_kind') return { kind: 'rowkind', scale: 0 };
  const t = (type ?? '').trim().toUpperCase();
  const dec = /^(?:DECIMAL|NUMERIC)\s*(?:\(\s*\d+\s*(?:,\s*(\d+)\s*)?\))?/.exec(t);
  if (dec) return { kind: 'decimal', scale: Number(dec[1] ?? 0) };
  if (INTEGER.test(t)) return { kind: 'integer', scale: 0 };
  if (FLOAT.test(t)) return { kind: 'float', scale: 0 };
  if (/^(TIMESTAMP|DATE|TIME)/.test(t)) return { kind: 'timestamp', scale: 0 };
  if (/^(BOOLEAN|BOOL)\b/.test(t)) return { kind: 'boolean', scale: 0 };
  return { kind: 'text', scale: 0 };
}

/** A decimal with exactly `scale` places; strings (wide decimals) are padded or cut, not rounded through a double. */
export function formatDecimal(v: number | string | bigint, scale: number): string {
  if (typeof v === 'number') return Number.isFinite(v) ? v.toFixed(scale) : String(v);
  const s = String(v).trim();
  const m = /^(-?\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return s;
  if (scale === 0) return m[1]!;
  return `${m[1]}.${(m[2] ?? '').padEnd(scale, '0').slice(0, scale)}`;
}

export function formatCell(v: unknown, fmt?: ColumnFormat): string {
  if (v === null || v === undefined) return 'NULL';
  if (fmt?.kind === 'decimal' && (typeof v === 'number' || typeof v === 'string' || typeof v === 'bigint')) return formatDecimal(v, fmt.scale);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
  if (typeof v === 'object') {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

function isNumeric(fmt: ColumnFormat, v: unknown): boolean {
  return fmt.kind === 'decimal' || fmt.kind === 'integer' || fmt.kind === 'float' || (fmt.kind === 'text' && (typeof v === 'number' || typeof v === 'bigint'));
}

const ROW_KIND_CLASS: Record<string, string> = { '+I': 'kind-pI', '-U': 'kind-mU', '+U': 'kind-pU', '-D': 'kind-mD' };

export function rowKindClass(kind: unknown): string {
  return ROW_KIND_CLASS[String(kind)] ?? '';
}

function minWidth(fmt: ColumnFormat, name: string): number {
  const label = Math.min(Math.max(name.length * 7.5 + 24, 70), 220);
  switch (fmt.kind) {
    case 'rowkind':
      return 56;
    case 'timestamp':
      return Math.max(label, 190);
    case 'integer':
    case 'boolean':
      return Math.max(label, 80);
    case 'decimal':
    case 'float':
      return Math.max(label, 100);
    default:
      return Math.max(label, 130);
  }
}

const ROW_HEIGHT = 22;

interface Props {
  columns: GridColumn[];
  rows: unknown[][];
  testId: string;
}

export const ResultGrid = memo(function ResultGrid({ columns, rows, testId }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 16 });
  // The row-number column fits the largest row number (100000 needs six digits).
  const idxWidth = Math.max(40, String(rows.length).length * 7.5 + 18);
  const layout = useMemo(() => {
    const formats = columns.map((c) => columnFormat(c.name, c.type));
    const widths = formats.map((f, i) => minWidth(f, columns[i]!.name));
    const template = `${idxWidth}px ${widths.map((w, i) => (formats[i]!.kind === 'rowkind' ? `${w}px` : `minmax(${w}px, 1fr)`)).join(' ')}`;
    return { formats, template, total: idxWidth + widths.reduce((a, b) => a + b, 0) };
  }, [columns, idxWidth]);
  const { formats, template, total } = layout;
  return (
    <div className="grid" data-testid={testId} data-rows={rows.length} ref={scroller} role="table" aria-rowcount={rows.length + 1}>
      <div className="grid-inner" style={{ minWidth: total }}>
        <div className="grid-head" role="row" style={{ gridTemplateColumns: template }}>
          <div className="grid-cell idx" role="columnheader">
            #
          </div>
          {columns.map((c, j) => (
            <div
              key={`${c.name}-${j}`}
              role="columnheader"
              className={`grid-cell head ${isNumeric(formats[j]!, rows[0]?.[j]) ? 'num' : ''}`}
              title={c.type ? `${c.name} ${c.type}` : c.name}
              data-testid="grid.head"
            >
              <span className="col-name">{c.name}</span>
              {c.type && <span className="col-type">{c.type.toLowerCase()}</span>}
            </div>
          ))}
        </div>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={item.key}
                className="grid-row"
                role="row"
                data-testid="grid.row"
                data-index={item.index}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                <div className="grid-cell idx">{item.index + 1}</div>
                {row.map((cell, j) => {
                  const fmt = formats[j] ?? { kind: 'text', scale: 0 };
                  const cls =
                    cell === null || cell === undefined
                      ? 'null'
                      : fmt.kind === 'rowkind'
                        ? `rowkind ${rowKindClass(cell)}`
                        : isNumeric(fmt, cell)
                          ? 'num'
                          : fmt.kind === 'timestamp'
                            ? 'ts'
                            : '';
                  const text = formatCell(cell, fmt);
                  return (
                    <div key={j} className={`grid-cell ${cls}`} role="cell" title={text.length > 14 ? text : undefined}>
                      {text}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
});
