// Two runs on one chart: each run's series built as for one run, then joined on one x axis
// (virtual seconds; the runs' snapshots need not fall on the same instants). A's lines solid, B's
// dashed in the same colour, so a line and its twin read as a pair. Pure.
import uPlot from 'uplot';
import type { MetricsSnapshot } from '../../engine/api';
import { buildSeries } from '../panels/metricsSeries';

export interface SeriesStyle {
  /** Index into the chart palette. */
  colour: number;
  dashed: boolean;
}

export interface OverlaySet {
  labels: string[];
  data: uPlot.AlignedData;
  styles: SeriesStyle[];
}

type Pick = (s: MetricsSnapshot) => [string, number | null][];

/** One run's series, or A's and B's overlaid when `b` is given. */
export function overlaySeries(a: readonly MetricsSnapshot[], b: readonly MetricsSnapshot[] | null, pick: Pick, max = 400): OverlaySet {
  const sa = buildSeries(a, pick, max);
  if (b === null) {
    return { labels: sa.labels, data: [sa.x, ...sa.ys] as uPlot.AlignedData, styles: sa.labels.map((_, i) => ({ colour: i, dashed: false })) };
  }
  const sb = buildSeries(b, pick, max);
  // One colour per base label across both runs.
  const colourOf = new Map<string, number>();
  for (const l of [...sa.labels, ...sb.labels]) if (!colourOf.has(l)) colourOf.set(l, colourOf.size);
  const tables: uPlot.AlignedData[] = [];
  if (sa.x.length > 0) tables.push([sa.x, ...sa.ys] as uPlot.AlignedData);
  if (sb.x.length > 0) tables.push([sb.x, ...sb.ys] as uPlot.AlignedData);
  const labels = [...(sa.x.length > 0 ? sa.labels.map((l) => `A ${l}`) : []), ...(sb.x.length > 0 ? sb.labels.map((l) => `B ${l}`) : [])];
  const styles = [
    ...(sa.x.length > 0 ? sa.labels.map((l) => ({ colour: colourOf.get(l)!, dashed: false })) : []),
    ...(sb.x.length > 0 ? sb.labels.map((l) => ({ colour: colourOf.get(l)!, dashed: true })) : []),
  ];
  const data: uPlot.AlignedData = tables.length === 0 ? [[]] : tables.length === 1 ? tables[0]! : uPlot.join(tables);
  return { labels, data, styles };
}
