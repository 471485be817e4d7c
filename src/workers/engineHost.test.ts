import { describe, expect, it } from 'vitest';
import type { CompileResult, MetricsSnapshot, Simulation, SimulationStatus, StepResult } from '../engine/api';
import * as realEngine from '../engine/index';
import { EngineHost, type HostClock } from './engineHost';
import type { EngineModule, SimUpdate } from './protocol';

/** A fake simulation: 1 record per virtual second, finishes at `endMs`, a snapshot per second. */
function fakeSim(endMs = Infinity): Simulation {
  let now = 0;
  let status: SimulationStatus = 'ready';
  const history: MetricsSnapshot[] = [];
  const snap = (): MetricsSnapshot => ({
    now,
    operators: [],
    tables: [{ name: 'ads_x', rows: Math.floor(now / 1000), freshnessMs: 0, changes: 0, parseErrors: 0 }],
    sources: [],
    checkpoints: { completed: 0, failed: 0, lastDurationMs: null, lastCompletedAt: null },
  });
  const advance = (ms: number): StepResult => {
    const target = Math.min(now + ms, endMs);
    while (Math.floor(now / 1000) < Math.floor(target / 1000)) {
      now = (Math.floor(now / 1000) + 1) * 1000;
      history.push(snap());
    }
    now = target;
    status = now >= endMs ? 'finished' : 'running';
    return { now, status, error: null };
  };
  return {
    now: () => now,
    epochMs: Date.UTC(2026, 0, 1),
    seed: 7,
    pipeline: { tables: [], jobs: [], settings: {} },
    status: () => status,
    step: () => advance(100),
    runFor: advance,
    runToEnd: () => advance(endMs - now),
    tableNames: () => ['ads_x'],
    metadataTableNames: () => [],
    lakeSnapshots: () => [],
    readTable: () => ({ columns: [{ name: 'n', type: 'BIGINT', nullable: false }], rows: [[Math.floor(now / 1000)]] }),
    changelog: () => [],
    metrics: snap,
    metricsHistory: () => history.slice(),
  };
}

const ok: CompileResult = { ok: true, diagnostics: [], pipeline: { tables: [], jobs: [], settings: {} } };

/** The real engine's edit and language services, with compile and the simulation stood in. */
function engineWith(sim: () => Simulation, compile: () => CompileResult = () => ok): EngineModule {
  return { ...realEngine, compile, createSimulation: () => sim() };
}

/** A manual clock: deferred callbacks run when the test says, wall time moves by hand. */
class ManualClock implements HostClock {
  t = 0;
  queue: (() => void)[] = [];
  now = () => this.t;
  defer = (fn: () => void) => void this.queue.push(fn);
  tick(wallMs: number) {
    this.t += wallMs;
    const q = this.queue.splice(0);
    for (const fn of q) fn();
  }
}

describe('EngineHost', () => {
  it('refuses to load a script with errors and keeps the previous simulation', () => {
    const bad: CompileResult = {
      ok: false,
      pipeline: null,
      diagnostics: [{ severity: 'error', code: 'parse', message: 'expected FROM', span: { start: { offset: 5, line: 2, column: 3 }, end: { offset: 6, line: 2, column: 4 } } }],
    };
    let compile = ok;
    const host = new EngineHost(engineWith(() => fakeSim(), () => compile), new ManualClock());
    expect(host.load('x', { seed: 1 }).ok).toBe(true);
    host.step();
    compile = bad;
    const r = host.load('y', { seed: 1 });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/line 2: expected FROM/);
    expect(host.readTable('ads_x').rows).toEqual([[0]]);
  });

  it('advances virtual time at the chosen speed and sends at most 10 updates a second', () => {
    const clock = new ManualClock();
    const host = new EngineHost(engineWith(() => fakeSim()), clock);
    const updates: SimUpdate[] = [];
    host.subscribe((u) => updates.push(u));
    host.load('x', {});
    host.play(60, null);
    for (let i = 0; i < 100; i++) clock.tick(10); // one wall second in 10 ms slices
    expect(updates.length).toBeLessThanOrEqual(10);
    host.pause(); // sends a final update
    const last = updates.at(-1)!;
    expect(last.now).toBeGreaterThanOrEqual(59_000);
    expect(last.now).toBeLessThanOrEqual(61_000);
        // Deltas: snapshots arrive once each, in order, thinned at most to 24 per update.
    const times = updates.flatMap((u) => u.snapshots.map((s) => s.now));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
    expect(updates.every((u) => u.snapshots.length <= 24)).toBe(true);
    expect(times.at(-1)).toBe(host.metricsHistory().at(-1)!.now);
  });

  it('stops after run-for and when the simulation finishes', () => {
    const clock = new ManualClock();
    const host = new EngineHost(engineWith(() => fakeSim(30_000)), clock);
    const updates: SimUpdate[] = [];
    host.subscribe((u) => updates.push(u));
    host.load('x', {});
    host.play(600, 10_000);
    for (let i = 0; i < 50; i++) clock.tick(20);
    expect(updates.at(-1)).toMatchObject({ now: 10_000, playing: false });
    host.play('max', null);
    for (let i = 0; i < 50; i++) clock.tick(20);
    expect(updates.at(-1)).toMatchObject({ now: 30_000, playing: false, status: 'finished' });
  });

  it("stops at the script's sim.duration when no run-for is given, then goes on without a limit", () => {
    const clock = new ManualClock();
    const host = new EngineHost(engineWith(() => ({ ...fakeSim(), durationMs: () => 20_000 })), clock);
    const updates: SimUpdate[] = [];
    host.subscribe((u) => updates.push(u));
    host.load('x', {});
    host.play('max', null);
    for (let i = 0; i < 50; i++) clock.tick(20);
    expect(updates.at(-1)).toMatchObject({ now: 20_000, playing: false });
    host.play(600, 5_000); // a run-for wins over the duration
    for (let i = 0; i < 50; i++) clock.tick(20);
    expect(updates.at(-1)).toMatchObject({ now: 25_000, playing: false });
    host.play(600, null); // past the duration: no limit
    for (let i = 0; i < 10; i++) clock.tick(20);
    expect(updates.at(-1)!.playing).toBe(true);
    host.pause();
  });

  it('pause stops the loop; reset starts over from the same script', () => {
    const clock = new ManualClock();
    const host = new EngineHost(engineWith(() => fakeSim()), clock);
    host.load('x', { seed: 3 });
    host.play(10, null);
    clock.tick(100);
    clock.tick(100);
    host.pause();
    const at = host.readTable('ads_x').rows[0]![0];
    clock.tick(1000);
    expect(host.readTable('ads_x').rows[0]![0]).toBe(at);
    expect(clock.queue.length).toBe(0);
    expect(host.reset().now).toBe(0);
  });

  it('a horizon holds a playing run at that virtual time until it moves (two compared runs keep step)', () => {
    const clock = new ManualClock();
    const host = new EngineHost(engineWith(() => fakeSim()), clock);
    const updates: SimUpdate[] = [];
    host.subscribe((u) => updates.push(u));
    host.load('x', {});
    host.setHorizon(5_000);
    host.play(60, null);
    for (let i = 0; i < 50; i++) clock.tick(20);
    host.step(); // refused while playing: no effect
    expect(host.metricsHistory().at(-1)!.now).toBe(5_000);
    host.setHorizon(8_000);
    for (let i = 0; i < 50; i++) clock.tick(20);
    host.pause();
    expect(updates.at(-1)).toMatchObject({ now: 8_000, playing: false });
  });

  it('reports the speed achieved: the requested one when the run keeps up, less when it waits', () => {
    const clock = new ManualClock();
    const host = new EngineHost(engineWith(() => fakeSim()), clock);
    const updates: SimUpdate[] = [];
    host.subscribe((u) => updates.push(u));
    host.load('x', {});
    host.play(10, null);
    for (let i = 0; i < 150; i++) clock.tick(20);
    const free = updates.at(-1)!.achievedSpeed!;
    expect(free).toBeGreaterThan(9);
    expect(free).toBeLessThan(11);
    // Held at a horizon for the next three wall seconds: the achieved speed falls toward 0.
    host.setHorizon(host.metricsHistory().at(-1)!.now + 1000);
    for (let i = 0; i < 150; i++) clock.tick(20);
    expect(updates.at(-1)!.achievedSpeed!).toBeLessThan(1);
    host.pause();
    expect(updates.at(-1)!.achievedSpeed).toBeNull();
  });

  it('repair: measures on copies, runs the first statement once on the live simulation, and sends an update', () => {
    const clock = new ManualClock();
    const host = new EngineHost(realEngine, clock);
    const updates: SimUpdate[] = [];
    host.subscribe((u) => updates.push(u));
    expect(host.repair(['MERGE INTO t USING s ON 1 = 1 WHEN MATCHED THEN DELETE;'], true)).toEqual({ ok: false, message: 'Nothing is running: press Play or Step first.' });
    const script = `CREATE TABLE clicks (id INT) WITH ('connector' = 'datagen', 'rows-per-second' = '5');
CREATE TABLE sink_t (id INT) WITH ('connector' = 'blackhole');
CREATE TABLE dim (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://h/d', 'table-name' = 'dim');
INSERT INTO sink_t SELECT id FROM clicks;
INSERT INTO dim VALUES (1, 'a'), (2, 'b');`;
    expect(host.load(script, { seed: 1 }).ok).toBe(true);
    for (let i = 0; i < 10; i++) host.step();
    const fix = `MERGE INTO dim t USING (VALUES (2, 'B')) AS s (id, name) ON t.id = s.id WHEN MATCHED THEN UPDATE SET name = s.name;`;
    const measured = host.repair([fix], false);
    expect(measured).toMatchObject({ ok: true, applied: null, now: 1_000 });
    expect(host.readTable('dim').rows).toEqual([[1, 'a'], [2, 'b']]);
    const sent = updates.length;
    const r = host.repair([fix], true);
    if (!r.ok) throw new Error(r.message);
    expect(r.comparison.runs[0]!.targets).toEqual([{ table: 'dim', rowsRemoved: 1, rowsAdded: 1, changes: 1 }]);
    expect(r.applied).toMatchObject({ status: 'finished', jobIds: ['repair-1'] });
    expect(host.readTable('dim').rows).toEqual([[1, 'a'], [2, 'B']]);
    expect(updates.length).toBe(sent + 1);
    expect(updates.at(-1)!.now).toBe(r.now);
  });
});

