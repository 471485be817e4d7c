// The source talk's findings, reproduced from the model (docs/simulation.md, "The talk's
// findings"): the same chain and load on the legacy Iceberg source and on the FLIP-27 source with
// the talk's additions. The scripts differ only in their source settings; the assertions are
// orderings and bounds, so a cost-model change that breaks a finding fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/engine/index';
import type { MetricsSnapshot } from '../../src/engine/api';

function run(name: string): { end: MetricsSnapshot; history: MetricsSnapshot[]; status: string } {
  const script = readFileSync(new URL(`../../examples/lake-sources-${name}.sql`, import.meta.url), 'utf8');
  const sim = createSimulation(script, { seed: 1, fileName: `lake-sources-${name}.sql` });
  const step = sim.runToEnd();
  return { end: sim.metrics(), history: sim.metricsHistory(), status: step.status };
}

const MIN = 60_000;
const freshness = (m: MetricsSnapshot, table: string) => m.tables.find((t) => t.name === table)!.freshnessMs;
const lakeSource = (m: MetricsSnapshot, table: string) => m.sources.find((s) => s.table === table)!.lake!;
const job = (m: MetricsSnapshot, id: string) => m.jobs!.find((j) => j.id === id)!;

describe("the talk's chain: legacy vs FLIP-27 Iceberg sources", () => {
  const legacy = run('legacy');
  const flip27 = run('flip27');

  it('both scripts run for their whole duration', () => {
    expect(legacy.status).toBe('running');
    expect(flip27.status).toBe('running');
    expect(legacy.end.now).toBe(15 * MIN);
  });

  it('legacy: scans at the fixed monitor-interval; the ADS job times out checkpoints and restarts; ADS goes stale', () => {
    expect(lakeSource(legacy.end, 'ods_orders').avgScanIntervalMs).toBe(MIN);
    // The ADS job's monitor rescans at once after each restart, as on a first start.
    const adsScans = lakeSource(legacy.end, 'dwd_orders').avgScanIntervalMs!;
    expect(adsScans).toBeGreaterThan(0.5 * MIN);
    expect(adsScans).toBeLessThanOrEqual(MIN);
    const ads = job(legacy.end, 'job-3');
    expect(ads.restarts).toBeGreaterThan(0);
    expect(ads.lastFailure).toMatch(/Exceeded checkpoint tolerable failure threshold/);
    expect(legacy.end.checkpoints.failed).toBeGreaterThan(0);
    // The barrier waited for the reader's split: the lock dominates the failed checkpoints.
    const failed = ads.checkpointHistory.filter((c) => c.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(Math.max(...failed.map((c) => c.lockMs))).toBeGreaterThan(3 * MIN);
    // Nothing reached ADS for most of the run: no commit at all, or one far behind.
    const adsFresh = freshness(legacy.end, 'ads_status');
    expect(adsFresh === null || adsFresh > 10 * MIN).toBe(true);
    // Flink's task time metrics show why: the ADS aggregate is busy all the time, its source
    // back-pressured behind it.
    const adsOps = legacy.end.operators.filter((o) => o.jobId === 'job-3');
    expect(adsOps.find((o) => o.kind === 'GroupAggregate')!.busyTimeMsPerSecond!).toBeGreaterThan(900);
    expect(adsOps.find((o) => o.kind === 'Source')!.backPressuredTimeMsPerSecond!).toBeGreaterThan(500);
    // The split buffer grows while the reader is stuck.
    expect(Math.max(...legacy.history.map((m) => lakeSource(m, 'dwd_orders').splitBufferBytes))).toBeGreaterThan(0);
  });

  it('FLIP-27 with adaptive, sequential scanning: sub-second scans, no failed checkpoint, ADS within minutes', () => {
    expect(lakeSource(flip27.end, 'ods_orders').avgScanIntervalMs!).toBeLessThan(1000);
    expect(lakeSource(flip27.end, 'dwd_orders').avgScanIntervalMs!).toBeLessThan(1000);
    expect(flip27.end.checkpoints.failed).toBe(0);
    expect(flip27.end.jobs!.every((j) => j.restarts === 0 && j.status === 'running')).toBe(true);
    expect(freshness(flip27.end, 'ads_status')!).toBeLessThan(5 * MIN);
    // Every hop adds to freshness: ODS <= DWD <= ADS once the backlog has drained.
    expect(freshness(flip27.end, 'ods_orders')!).toBeLessThanOrEqual(freshness(flip27.end, 'dwd_orders')!);
    expect(freshness(flip27.end, 'dwd_orders')!).toBeLessThanOrEqual(freshness(flip27.end, 'ads_status')!);
  });

  it('ordering: FLIP-27 is fresher than legacy at ADS and scans far more often', () => {
    const legacyAds = freshness(legacy.end, 'ads_status') ?? Infinity;
    expect(freshness(flip27.end, 'ads_status')!).toBeLessThan(legacyAds);
    expect(lakeSource(flip27.end, 'dwd_orders').scans).toBeGreaterThan(10 * lakeSource(legacy.end, 'dwd_orders').scans);
  });
});
