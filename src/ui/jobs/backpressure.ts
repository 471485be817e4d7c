// Backpressure and busy time in the words and colours of Flink's web UI. Pure.
// - Status: Flink's REST handler (JobVertexBackPressureHandler.getBackPressureLevel) calls a
//   ratio of back-pressured time <= 0.10 OK, <= 0.5 LOW, above HIGH; the ratio is
//   backPressuredTimeMsPerSecond / 1000.
// - Colour: Flink's job graph (web-dashboard dagre node.component.ts) blends each vertex from its
//   default colour towards red by busy percentage, then towards grey by back-pressured percentage.
//   The same two blends here, from this studio's dark node colour.
import type { OperatorMetrics } from '../../engine/api';

export type BackpressureLevel = 'ok' | 'low' | 'high';

export function backpressureLevel(backPressuredTimeMsPerSecond: number): BackpressureLevel {
  const ratio = backPressuredTimeMsPerSecond / 1000;
  return ratio <= 0.1 ? 'ok' : ratio <= 0.5 ? 'low' : 'high';
}

export const LEVEL_LABEL: Record<BackpressureLevel, string> = { ok: 'OK', low: 'LOW', high: 'HIGH' };

const BASE = [0x25, 0x2b, 0x4a];
const BUSY = [0xc8, 0x3a, 0x3a];
const BACKPRESSURED = [0x5b, 0x61, 0x6b];

function blend(from: number[], to: number[], p: number): number[] {
  return from.map((f, i) => Math.round(f + (to[i]! - f) * p));
}

/** An operator's fill: red as it gets busier, grey as it waits more on output buffers. */
export function operatorColour(busyMs: number, backPressuredMs: number): string {
  let c = BASE;
  if (busyMs > 0) c = blend(c, BUSY, Math.min(busyMs, 1000) / 1000);
  if (backPressuredMs > 0) c = blend(c, BACKPRESSURED, Math.min(backPressuredMs, 1000) / 1000);
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** One operator's task times (ms per virtual second); zeros when the engine did not report them. */
export interface OperatorLoad {
  operatorId: number;
  kind: string;
  busy: number;
  backPressured: number;
  idle: number;
  level: BackpressureLevel;
}

export function operatorLoad(m: OperatorMetrics): OperatorLoad {
  const backPressured = m.backPressuredTimeMsPerSecond ?? 0;
  return {
    operatorId: m.operatorId,
    kind: m.kind,
    busy: m.busyTimeMsPerSecond ?? 0,
    backPressured,
    idle: m.idleTimeMsPerSecond ?? 1000,
    level: backpressureLevel(backPressured),
  };
}

/** A job at a glance: its worst backpressure status and its busiest operator (the bottleneck). */
export interface JobLoad {
  level: BackpressureLevel;
  maxBackPressured: number;
  hottest: OperatorLoad | null;
  operators: OperatorLoad[];
}

/** The hottest operator counts only when it is busy at all (100 ms per second or more). */
const HOT_MS = 100;

export function jobLoad(operators: readonly OperatorMetrics[], jobId: string): JobLoad {
  const ops = operators.filter((o) => o.jobId === jobId).map(operatorLoad);
  let maxBackPressured = 0;
  let hottest: OperatorLoad | null = null;
  for (const o of ops) {
    maxBackPressured = Math.max(maxBackPressured, o.backPressured);
    if (o.busy >= HOT_MS && (!hottest || o.busy > hottest.busy)) hottest = o;
  }
  return { level: backpressureLevel(maxBackPressured), maxBackPressured, hottest, operators: ops };
}

/** `70%` of a second. */
export function percentOfSecond(ms: number): string {
  return `${Math.round(ms / 10)}%`;
}
