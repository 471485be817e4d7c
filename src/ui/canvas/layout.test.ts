// The canvas layout: one column per lane, each job right above the table it writes, nothing
// overlapping, the graph no wider than its lanes; sink-only tables in the Sinks lane.
import { describe, expect, it } from 'vitest';
import { compile } from '../../engine/index';
import { EXAMPLE_SCRIPT } from '../project/example';
import { buildModel, JOB_H, TABLE_H, TABLE_W } from './graph';
import { autoLayout } from './layout';

function modelOf(script: string) {
  const r = compile(script);
  if (!r.pipeline) throw new Error('no pipeline');
  return buildModel(r.pipeline);
}

describe('canvas layout', () => {
  it('stacks each job above the table it writes, in its lane column, without overlaps', async () => {
    const model = modelOf(EXAMPLE_SCRIPT);
    const at = await autoLayout(model);
    for (const j of model.jobs) {
      const sink = model.tables.find((t) => t.table.name.toLowerCase() === j.job.sinkTable.toLowerCase())!;
      expect(at[j.id]!.x).toBe(at[sink.id]!.x);
      expect(at[sink.id]!.y - at[j.id]!.y).toBeGreaterThanOrEqual(JOB_H);
    }
    const boxes = Object.entries(at).map(([id, p]) => ({ id, ...p, h: id.startsWith('job:') ? JOB_H : TABLE_H }));
    for (const a of boxes)
      for (const b of boxes) {
        if (a.id >= b.id || a.x !== b.x) continue;
        expect(a.y + a.h <= b.y || b.y + b.h <= a.y, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    // One column per lane: the graph is the lanes' width, each occupied lane one node wide.
    for (const l of model.lanes) if (model.tables.some((t) => t.lane === l.id)) expect(l.width).toBeLessThan(TABLE_W + 24);
  });

  it('two jobs writing one table stack above it instead of overlapping', async () => {
    const model = modelOf(`
      CREATE TABLE ods_a (id INT) WITH ('connector' = 'datagen');
      CREATE TABLE ods_b (id INT) WITH ('connector' = 'datagen');
      CREATE TABLE dwd_all (id INT) WITH ('connector' = 'blackhole');
      INSERT INTO dwd_all SELECT id FROM ods_a;
      INSERT INTO dwd_all SELECT id FROM ods_b;`);
    const at = await autoLayout(model);
    const [j1, j2] = model.jobs.map((j) => at[j.id]!);
    expect(Math.abs(j1!.y - j2!.y)).toBeGreaterThanOrEqual(JOB_H);
    expect(at['table:dwd_all']!.y).toBeGreaterThan(Math.max(j1!.y, j2!.y));
  });

  it('puts a blackhole or print table outside the layers in the Sinks lane even before a job writes it', () => {
    const model = modelOf(`
      CREATE TABLE events (id INT) WITH ('connector' = 'datagen');
      CREATE TABLE trash (id INT) WITH ('connector' = 'blackhole');
      CREATE TABLE logged (id INT) WITH ('connector' = 'print');`);
    const lane = (name: string) => model.tables.find((t) => t.table.name === name)!.lane;
    expect([lane('events'), lane('trash'), lane('logged')]).toEqual(['SRC', 'OUT', 'OUT']);
  });
});
