// Which windows a time falls in, as Flink's window assigners compute them
// (flink-table-runtime, operators/window/tvf/slicing/SliceAssigners and
// TimeWindow.getWindowStartWithOffset): aligned windows start at multiples of their slide
// shifted by the offset. `firstSliceEnd` is the end of the smallest slice holding the time:
// Flink's slicing operators drop a record as late when that slice has fired.
import type { WindowSpec } from '../../plan/graph';

export interface Window {
  start: number;
  end: number;
}

/** Java's floorMod for the (positive) window sizes here. */
function floorMod(a: number, b: number): number {
  const m = a % b;
  return m < 0 ? m + b : m;
}

/** TimeWindow.getWindowStartWithOffset. */
export function windowStart(ts: number, offset: number, size: number): number {
  return ts - floorMod(ts - offset, size);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The windows `ts` belongs to, in increasing end order (SESSION: the row's own [ts, ts + gap)). */
export function assignWindows(w: WindowSpec, ts: number): Window[] {
  switch (w.kind) {
    case 'TUMBLE': {
      const start = windowStart(ts, w.offsetMs, w.sizeMs);
      return [{ start, end: start + w.sizeMs }];
    }
    case 'HOP': {
      const out: Window[] = [];
      const lastStart = windowStart(ts, w.offsetMs, w.slideMs);
      for (let start = lastStart; start > ts - w.sizeMs; start -= w.slideMs) out.push({ start, end: start + w.sizeMs });
      return out.reverse();
    }
    case 'CUMULATE': {
      const out: Window[] = [];
      const start = windowStart(ts, w.offsetMs, w.sizeMs);
      const lastEnd = start + w.sizeMs;
      for (let end = windowStart(ts, w.offsetMs, w.slideMs) + w.slideMs; end <= lastEnd; end += w.slideMs) out.push({ start, end });
      return out;
    }
    case 'SESSION':
      return [{ start: ts, end: ts + w.sizeMs }];
  }
}

/** The end of the slice holding `ts`: once the watermark reaches it minus 1, `ts` is late. */
export function firstSliceEnd(w: WindowSpec, ts: number): number {
  const slice = w.kind === 'HOP' ? gcd(w.sizeMs, w.slideMs) : w.kind === 'CUMULATE' ? w.slideMs : w.sizeMs;
  if (w.kind === 'SESSION') return ts + w.sizeMs;
  return windowStart(ts, w.offsetMs, slice) + slice;
}

/** Flink's window property `window_time`: the window's last millisecond. */
export function windowTime(end: number): number {
  return end - 1;
}
