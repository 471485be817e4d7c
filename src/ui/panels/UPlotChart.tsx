// A uPlot chart that follows its container's size. Recreated when the series change, fed with
// setData otherwise.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TimeMark } from '../jobs/jobSeries';

// Redraws are queued and run one chart per animation frame, so a metrics update never becomes
// one long main-thread task (canvas drawing is costly, more so without a GPU).
const drawQueue = new Map<uPlot, uPlot.AlignedData>();
let drawing = false;
function scheduleDraw(u: uPlot, data: uPlot.AlignedData) {
  drawQueue.set(u, data);
  if (drawing) return;
  drawing = true;
  const next = () => {
    const first = drawQueue.entries().next();
    if (first.done) {
      drawing = false;
      return;
    }
    const [plot, d] = first.value;
    drawQueue.delete(plot);
    plot.setData(d);
    requestAnimationFrame(next);
  };
  requestAnimationFrame(next);
}

/** Tick steps 1, 2, 5, 10, 20, 50, ... for axes that count things. */
const INTEGER_STEPS = Array.from({ length: 13 }, (_, e) => [1, 2, 5].map((m) => m * 10 ** e)).flat();

const NO_MARKS: readonly TimeMark[] = [];

const PALETTE = ['#60a5fa', '#f59e0b', '#34d399', '#f472b6', '#a78bfa', '#f87171', '#22d3ee', '#facc15', '#94a3b8', '#4ade80'];

export interface ChartProps {
  title: string;
  /** The unit of the y axis, shown beside the title: `records`, `seconds`, `rec/s`, `bytes`. */
  unit: string;
  /** One sentence: what a line is and what is plotted. */
  description: string;
  series: string[];
  /** x (seconds of virtual time) then one array per series. */
  data: uPlot.AlignedData;
  format(v: number): string;
  /** Axis tick labels; defaults to `format`. */
  axisFormat?(v: number): string;
  /** Counts (records, rows, bytes): y ticks only at whole numbers. */
  integer?: boolean;
  testId: string;
  /** Failures and restores, drawn as vertical lines across the plot. */
  marks?: readonly TimeMark[];
  /** Per series: palette colour and a dashed line (a compared run B); default: colour i, solid. */
  styles?: readonly { colour: number; dashed: boolean }[];
}

const MARK_COLOUR: Record<TimeMark['kind'], string> = { failure: '#f87171', restore: '#34d399' };

/** Vertical dashed lines at the marks' x, under the series, labelled at the top. */
function drawMarks(u: uPlot, marks: readonly TimeMark[]): void {
  if (marks.length === 0) return;
  const ctx = u.ctx;
  const { top, height, left, width } = u.bbox;
  ctx.save();
  ctx.lineWidth = Math.max(1, devicePixelRatio);
  ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
  for (const m of marks) {
    const x = Math.round(u.valToPos(m.x, 'x', true));
    if (x < left || x > left + width) continue;
    ctx.strokeStyle = MARK_COLOUR[m.kind];
    // Run B's marks (comparing): dotted and labelled B, so they are told apart from A's.
    ctx.setLineDash(m.run === 'B' ? [1 * devicePixelRatio, 3 * devicePixelRatio] : [4 * devicePixelRatio, 3 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.fillStyle = MARK_COLOUR[m.kind];
    ctx.font = `${10 * devicePixelRatio}px sans-serif`;
    ctx.fillText(`${m.kind === 'failure' ? '✕' : '↻'}${m.run ?? ''}`, x + 3 * devicePixelRatio, top + (m.run ? 23 : 11) * devicePixelRatio);
  }
  ctx.restore();
}

export function UPlotChart({ title, unit, description, series, data, format, axisFormat = format, integer = false, testId, marks = NO_MARKS, styles }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const marksRef = useRef(marks);
  marksRef.current = marks;
  const frame = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const key = series.join('\u0000') + (styles ? styles.map((st) => `${st.colour}${st.dashed ? 'd' : ''}`).join(',') : '');

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const width = Math.max(el.clientWidth, 200);
    const showHidden = (u: uPlot) => {
      // Which series the legend has switched off, for people reading the DOM (and tests).
      frame.current?.setAttribute(
        'data-hidden',
        u.series
          .slice(1)
          .filter((x) => !x.show)
          .map((x) => String(x.label))
          .join('|'),
      );
    };
    const opts: uPlot.Options = {
      width,
      height: Math.max(el.clientHeight - 52, 80),
      cursor: { drag: { x: true, y: false } },
      legend: { live: true },
      // Every metric here is >= 0: the y axis starts at 0 and a flat zero line sits at the bottom.
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] } },
      hooks: { setSeries: [showHidden], draw: [(u) => drawMarks(u, marksRef.current)] },
      axes: [
        {
          stroke: '#8b949e',
          grid: { stroke: '#22272e', width: 1 },
          ticks: { stroke: '#30363d' },
          values: (_u, ticks) => ticks.map((t) => fmtT(t)),
        },
        {
          stroke: '#8b949e',
          grid: { stroke: '#22272e', width: 1 },
          ticks: { stroke: '#30363d' },
          size: 68,
          ...(integer ? { incrs: INTEGER_STEPS } : {}),
          values: (_u, ticks) => ticks.map((t) => axisFormat(t)),
        },
      ],
      series: [
        { label: 'virtual time', value: (_u, v) => (v === null ? '–' : fmtT(v)) },
        ...series.map((label, i) => ({
          label,
          stroke: PALETTE[(styles?.[i]?.colour ?? i) % PALETTE.length],
          ...(styles?.[i]?.dashed ? { dash: [6, 4] } : {}),
          width: 1.5,
          points: { show: false },
          value: (_u: uPlot, v: number | null) => (v === null ? '–' : format(v)),
        })),
      ],
    };
    const u = new uPlot(opts, data, el);
    plot.current = u;
    // The plot area takes what the title and the (wrapping) legend leave.
    const fit = () => {
      const legend = (u.root.querySelector('.u-legend') as HTMLElement | null)?.offsetHeight ?? 0;
      u.setSize({ width: Math.max(el.clientWidth - 2, 200), height: Math.max(el.clientHeight - legend - 6, 80) });
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    return () => {
      ro.disconnect();
      drawQueue.delete(u);
      u.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, title, integer]);

  useEffect(() => {
    if (plot.current) scheduleDraw(plot.current, data);
  }, [data]);

  // New marks redraw with the next data; alone (paused) they queue a redraw of their own.
  const markKey = marks.map((m) => `${m.run ?? ''}${m.kind}@${m.x}`).join(',');
  useEffect(() => {
    if (plot.current && markKey !== '') scheduleDraw(plot.current, data);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [markKey]);

  return (
    <div className="chart" data-testid={testId} data-points={data[0]?.length ?? 0} data-marks={marks.length} data-series={series.join('|')} data-hidden="" ref={frame}>
      <div className="chart-head" title={description}>
        <span className="chart-title">{title}</span>
        <span className="chart-unit">{unit}</span>
        <div className="chart-desc">{description}</div>
      </div>
      <div className="chart-plot" ref={host} />
    </div>
  );
}

function fmtT(sec: number): string {
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(ss).padStart(2, '0')}` : `${m}:${String(ss).padStart(2, '0')}`;
}
