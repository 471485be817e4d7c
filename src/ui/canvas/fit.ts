// Fit view that keeps the canvas legible: the graph fits the pane when it can at a zoom of at
// least MIN_FIT_ZOOM; a wider graph stays at that zoom, anchored at its left (the sources) and
// top, the rest reachable by panning. Padding is in screen pixels, not a share of the graph.
import type { ReactFlowInstance, Rect } from '@xyflow/react';

export const MIN_FIT_ZOOM = 0.65;
export const MAX_FIT_ZOOM = 1.1;
const PAD = 10;
// Room above the lanes for the Auto-layout / Fit buttons, so they never cover a lane title.
const PAD_TOP = 42;

/** Frames `b` (the lanes' extent, in flow coordinates) in `pane`. */
export function fitCanvas(flow: ReactFlowInstance, pane: HTMLElement | null, b: Rect, duration = 0): void {
  if (!pane) return;
  const w = pane.clientWidth;
  const h = pane.clientHeight;
  if (!b.width || !b.height || !w || !h) return;
  const fits = Math.min(MAX_FIT_ZOOM, (w - 2 * PAD) / b.width, (h - PAD_TOP - PAD) / b.height);
  const zoom = Math.max(MIN_FIT_ZOOM, fits);
  // Centred across when it fits; from the left edge when it does not. Always from the top: the
  // lane headers and the first rows are what matter.
  const x = zoom === fits ? (w - b.width * zoom) / 2 - b.x * zoom : PAD - b.x * zoom;
  const y = PAD_TOP - b.y * zoom;
  void flow.setViewport({ x, y, zoom }, duration ? { duration } : undefined);
}
