// Simulation stories at the store level: play, pause, step and reset against the real engine,
// with the play loop's wall clock moved by hand (see TestStudio).
import { describe, expect, it } from 'vitest';
import { TestStudio } from './TestStudio';

describe('running the pipeline from the studio', () => {
  it('play for a virtual minute fills the ADS table; the metrics and the clock say so', async () => {
    const studio = await TestStudio.create();
    await studio.play('1min');
    expect(studio.sim).toMatchObject({ playing: false, now: 60_000, state: 'running', error: null });
    expect(studio.rowsOf('ads_city_revenue')).toBeGreaterThan(0);
    expect(studio.sim.history.length).toBeGreaterThan(0);
    expect(studio.sim.history.at(-1)!.now).toBeLessThanOrEqual(60_000);
    // The canvas badges read the same metrics the toolbar does: the job's operators have throughput.
    expect(studio.metrics!.operators.some((o) => o.jobId === 'job-3' && o.recordsIn > 0)).toBe(true);
  });

  it('is deterministic: the same script and seed give the same metrics', async () => {
    const a = await TestStudio.create();
    const b = await TestStudio.create();
    await a.play('30s');
    await b.play('30s');
    expect(a.metrics!.tables).toEqual(b.metrics!.tables);
  });

  it('pause stops the clock; play resumes from there; step advances by one tick', async () => {
    const studio = await TestStudio.create();
    await studio.start(60); // 60 virtual seconds per wall second
    await studio.wall(500);
    await studio.wall(500);
    expect(studio.studio.sim.getState().playing).toBe(true);
    await studio.pause();
    const at = studio.sim.now;
    expect(at).toBeGreaterThan(0);
    expect(studio.sim.playing).toBe(false);
    await studio.wall(5000);
    expect(studio.sim.now).toBe(at);
    expect(studio.clock.pending).toBe(0);

    await studio.step();
    expect(studio.sim.now).toBeGreaterThan(at);
    const stepped = studio.sim.now;
    await studio.play('10s');
    expect(studio.sim.now).toBe(stepped + 10_000);

    await studio.reset();
    expect(studio.sim).toMatchObject({ now: 0, state: 'ready', history: [] });
  });

  it('a script with errors does not start, says why, and the last run stays', async () => {
    const studio = await TestStudio.create();
    await studio.play('10s');
    const rows = studio.rowsOf('ads_city_revenue');
    await studio.type(studio.script.replace('FROM dwd_paid_orders', 'FRM dwd_paid_orders'));
    expect(studio.errors.length).toBeGreaterThan(0);
    await studio.studio.sim.getState().play();
    expect(studio.sim.playing).toBe(false);
    expect(studio.toast).toMatch(/^Cannot run: the script has errors \(line \d+: /);
    expect(studio.sim.now).toBe(10_000);
    expect(studio.rowsOf('ads_city_revenue')).toBe(rows);
  });

  it('an edit after a run reloads the simulation on the next play', async () => {
    const studio = await TestStudio.create();
    await studio.play('10s');
    await studio.addTable('datagen', 'ODS');
    await studio.play('5s');
    expect(studio.sim.now).toBe(5_000);
    expect(studio.metrics!.tables.map((t) => t.name)).toContain('ods_gen_1');
  });
});
