// Comparing two runs over the real engine (TestStudio: two in-process engines on one wall clock):
// B follows A's play, pause and reset and ends on A's virtual time; the variant's change shows in
// its metrics.
import { describe, expect, it } from 'vitest';
import { TestStudio } from '../test/TestStudio';

const SCRIPT = `
SET 'execution.checkpointing.interval' = '10 s';
CREATE TABLE src (id INT, v INT) WITH ('connector' = 'datagen', 'rows-per-second' = '20', 'fields.id.min' = '1', 'fields.id.max' = '50');
CREATE TABLE ads (id INT, total BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://x/d', 'table-name' = 'ads');
INSERT INTO ads SELECT id, SUM(v) FROM src GROUP BY id;
`;

async function untilBStops(t: TestStudio): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await t.wall(100);
    await new Promise((r) => setTimeout(r, 0));
    if (!t.studio.compare.getState().playing) return;
  }
  throw new Error('run B still playing');
}

describe('compare two runs', () => {
  it('B plays along with A and stops on the same virtual time; a changed rate shows in B', async () => {
    const t = await TestStudio.create({ script: SCRIPT });
    const compare = t.studio.compare;
    await compare.getState().start({ label: '40 rows/s', script: SCRIPT.replace("'rows-per-second' = '20'", "'rows-per-second' = '40'"), seed: t.studio.sim.getState().seed });
    expect(compare.getState()).toMatchObject({ active: true, state: 'ready' });
    await t.play('2min', 600);
    await untilBStops(t);
    const a = t.studio.sim.getState();
    const b = compare.getState();
    expect(a.now).toBe(120_000);
    expect(b.now).toBe(a.now);
    expect(b.history.length).toBeGreaterThan(0);
    const rowsIn = (s: typeof a.latest) => s!.operators.reduce((n, o) => Math.max(n, o.recordsIn), 0);
    expect(rowsIn(b.latest)).toBeGreaterThan(rowsIn(a.latest) * 1.5);

    // Reset A: B starts over too; stop: B is forgotten.
    await t.reset();
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
    expect(compare.getState()).toMatchObject({ now: 0, history: [] });
    await compare.getState().stop();
    expect(compare.getState()).toMatchObject({ active: false, variant: null, state: 'empty' });
  });

  it('a run B that finishes early does not hold A back', async () => {
    const t = await TestStudio.create({ script: SCRIPT });
    const bounded = SCRIPT.replace("'rows-per-second' = '20'", "'rows-per-second' = '20', 'number-of-rows' = '100'");
    await t.studio.compare.getState().start({ label: 'bounded', script: bounded, seed: 42 });
    // At 10x A may lead B by 10 virtual seconds: B finishes at 5 s, A must still reach 2 min.
    await t.play('2min', 10);
    expect(t.studio.sim.getState().now).toBe(120_000);
    await untilBStops(t);
    expect(t.studio.compare.getState().state).toBe('finished');
  });

  it('a variant that does not compile says why and leaves A alone', async () => {
    const t = await TestStudio.create({ script: SCRIPT });
    await t.studio.compare.getState().start({ label: 'broken', script: `${SCRIPT}\nINSERT INTO nowhere SELECT 1;`, seed: 1 });
    expect(t.studio.compare.getState().error).toMatch(/The script has errors/);
    await t.play('30s', 600);
    expect(t.studio.sim.getState().now).toBe(30_000);
  });
});
