// Window TVFs and window aggregations: what is planned, what Flink rejects, and late records
// dropped and counted in a run (numLateRecordsDropped).
import { describe, expect, it } from 'vitest';
import { compile, createSimulation } from '../../index';

const DDL = `
CREATE TABLE bid (id INT, item STRING, price INT, ts TIMESTAMP(3), pt AS PROCTIME(), WATERMARK FOR ts AS ts) WITH ('connector' = 'filesystem', 'path' = 'bid.csv', 'format' = 'csv');
CREATE TABLE plain (id INT, ts TIMESTAMP(3)) WITH ('connector' = 'datagen');
CREATE TABLE out3 (a STRING, b TIMESTAMP(3), c BIGINT) WITH ('connector' = 'print');
`;

const run = (q: string) => compile(DDL + `INSERT INTO out3 ${q};`);
const errors = (q: string) => run(q).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
const operators = (q: string) => run(q).pipeline!.jobs[0]!.operators;

describe('window TVF planning', () => {
  it('GROUP BY window_start, window_end is a WindowAggregate after a WindowTableFunction, insert-only', () => {
    const ops = operators(`SELECT item, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' MINUTES)) GROUP BY item, window_start, window_end`);
    expect(ops.map((o) => o.kind)).toEqual(['Source', 'WindowTableFunction', 'Calc', 'WindowAggregate', 'Calc', 'Sink']);
    expect(ops.every((o) => o.changelogMode === 'insert-only')).toBe(true);
    expect(ops[3]!.label).toContain('window=[TUMBLE(time_col=[ts], size=[600000 ms])]');
  });

  it('without window_end in GROUP BY it is a regular, updating GroupAggregate (as in Flink)', () => {
    const ops = operators(`SELECT item, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' MINUTES)) GROUP BY item, window_start`);
    expect(ops.map((o) => o.kind)).toContain('GroupAggregate');
  });

  it('a standalone TVF adds the window columns; window_time is a time attribute for a window after it', () => {
    const ops = operators(`SELECT item, window_start, id FROM TABLE(HOP(TABLE bid, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTES)) AS w`);
    expect(ops.map((o) => o.kind)).toEqual(['Source', 'WindowTableFunction', 'Calc', 'Sink']);
    const cascaded = operators(`SELECT CAST(window_start AS STRING), window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE (
      SELECT window_time AS wt, item FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY item, window_start, window_end, window_time
    ), DESCRIPTOR(wt), INTERVAL '1' HOUR)) GROUP BY window_start, window_end`);
    expect(cascaded.filter((o) => o.kind === 'WindowAggregate')).toHaveLength(2);
  });

  it('proctime windows; PARTITION BY only for SESSION; a SESSION TVF needs a window aggregation', () => {
    expect(errors(`SELECT item, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(pt), INTERVAL '10' SECONDS)) GROUP BY item, window_start, window_end`)).toEqual([]);
    expect(errors(`SELECT item, window_start, id FROM TABLE(TUMBLE(TABLE bid PARTITION BY item, DESCRIPTOR(ts), INTERVAL '1' MINUTE))`).join()).toMatch(/PARTITION BY is only allowed for SESSION/);
    expect(errors(`SELECT item, window_start, id FROM TABLE(SESSION(TABLE bid PARTITION BY item, DESCRIPTOR(ts), INTERVAL '1' MINUTE))`).join()).toMatch(/SESSION window TVF without a window aggregation/);
  });

  it('rejects what Flink rejects', () => {
    expect(errors(`SELECT 'x', window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE plain, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end`).join()).toMatch(
      /The window function requires the timecol is a time attribute type, but is TIMESTAMP\(3\)/,
    );
    expect(errors(`SELECT item, window_start, COUNT(*) FROM TABLE(HOP(TABLE bid, DESCRIPTOR(ts), INTERVAL '3' MINUTES, INTERVAL '10' MINUTES)) GROUP BY item, window_start, window_end`).join()).toMatch(
      /integral multiple of slide/,
    );
    expect(errors(`SELECT item, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(nope), INTERVAL '1' MINUTE)) GROUP BY item, window_start, window_end`).join()).toMatch(/unknown column 'nope'/);
    expect(errors(`SELECT item, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts))) GROUP BY item, window_start, window_end`).join()).toMatch(/missing the SIZE argument/);
  });
});

describe('late records in a run', () => {
  it('a record behind the watermark is dropped, counted, and its window is not updated', () => {
    // Two records per tick; the last record (ts 00:00:03) arrives in the third tick, after the watermark reached 00:00:25.
    const rows = ['id,item,price,ts', '1,a,1,2026-01-01 00:00:01', '2,a,2,2026-01-01 00:00:05', '3,a,3,2026-01-01 00:00:12', '5,a,5,2026-01-01 00:00:25', '4,a,4,2026-01-01 00:00:03'];
    const script = `SET 'sim.cost.source.rps' = '20'; SET 'sim.tick' = '100 ms'; SET 'sim.jitter' = '0';\n${DDL}
      INSERT INTO out3 SELECT item, window_start, SUM(price) FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECONDS)) GROUP BY item, window_start, window_end;`;
    const sim = createSimulation(script, { files: { 'bid.csv': rows.join('\n') } });
    expect(sim.runToEnd().status).toBe('finished');
    expect(sim.changelog('out3').map((e) => `${e.kind}${JSON.stringify(e.row)}`)).toEqual([
      '+I["a","2026-01-01 00:00:00",3]',
      '+I["a","2026-01-01 00:00:10",3]',
      '+I["a","2026-01-01 00:00:20",5]',
    ]);
    const tvf = sim.metrics().operators.find((o) => o.kind === 'WindowTableFunction')!;
    expect(tvf.numLateRecordsDropped).toBe(1);
  });
});

describe('CURRENT_WATERMARK', () => {
  it('is the Calc’s watermark (NULL before the first), and takes only a rowtime attribute', () => {
    const rows = ['id,item,price,ts', '1,a,1,2026-01-01 00:00:05', '2,a,2,2026-01-01 00:00:09', '3,a,3,2026-01-01 00:00:02', '4,a,4,2026-01-01 00:00:30'];
    const script = `SET 'sim.cost.source.rps' = '20'; SET 'sim.tick' = '100 ms'; SET 'sim.jitter' = '0';\n${DDL}
      CREATE TABLE late_rows (item STRING, ts TIMESTAMP(3), wm TIMESTAMP(3)) WITH ('connector' = 'print');
      INSERT INTO late_rows SELECT item, ts, CURRENT_WATERMARK(ts) FROM bid WHERE CURRENT_WATERMARK(ts) IS NULL OR ts < CURRENT_WATERMARK(ts);`;
    const sim = createSimulation(script, { files: { 'bid.csv': rows.join('\n') } });
    expect(sim.runToEnd().status).toBe('finished');
    // Tick 1 reads ids 1, 2 (no watermark yet); tick 2 reads 3 (behind the watermark 00:00:09) and 4.
    expect(sim.changelog('late_rows').map((e) => JSON.stringify(e.row))).toEqual([
      '["a","2026-01-01 00:00:05",null]',
      '["a","2026-01-01 00:00:09",null]',
      '["a","2026-01-01 00:00:02","2026-01-01 00:00:09"]',
    ]);
    expect(errors(`SELECT item, CURRENT_WATERMARK(pt), 1 FROM bid`).join()).toMatch(/CURRENT_WATERMARK: the argument must be a rowtime attribute/);
  });
});

describe('legacy group windows', () => {
  it('GROUP BY TUMBLE(ts, ...) is a window aggregation; TUMBLE_START / _END / _ROWTIME read its window', () => {
    const ops = operators(`SELECT item, TUMBLE_ROWTIME(ts, INTERVAL '1' MINUTE), COUNT(*) FROM bid GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), item`);
    expect(ops.map((o) => o.kind)).toEqual(['Source', 'WindowTableFunction', 'Calc', 'WindowAggregate', 'Calc', 'Sink']);
    expect(ops.every((o) => o.changelogMode === 'insert-only')).toBe(true);
  });
  it('an auxiliary function must name the GROUP BY window', () => {
    expect(errors(`SELECT item, TUMBLE_START(ts, INTERVAL '2' MINUTE), COUNT(*) FROM bid GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), item`).join()).toMatch(/TUMBLE_START must name the group window/);
    expect(errors(`SELECT item, HOP_START(ts, INTERVAL '1' MINUTE, INTERVAL '2' MINUTE), COUNT(*) FROM bid GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), item`).join()).toMatch(/HOP_START must name the group window/);
    expect(errors(`SELECT item, CAST(NULL AS TIMESTAMP(3)), COUNT(*) FROM plain GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), 'x'`).join()).toMatch(/time attribute/);
  });
});

describe('window joins', () => {
  const side = (ts: string) => `SELECT item, window_start, window_end, COUNT(*) AS c FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(${ts}), INTERVAL '1' MINUTE)) GROUP BY item, window_start, window_end`;
  it('keys pairing window_start and window_end of two windowed inputs make a WindowJoin, insert-only even when outer', () => {
    const ops = operators(`SELECT L.item, L.window_start, R.c FROM (${side('ts')}) L LEFT JOIN (${side('ts')}) R ON L.item = R.item AND L.window_start = R.window_start AND L.window_end = R.window_end`);
    const j = ops.find((o) => o.kind === 'WindowJoin')!;
    expect(j.changelogMode).toBe('insert-only');
    expect(ops.map((o) => o.kind)).not.toContain('Join');
  });
  it('only window_start paired: a regular join', () => {
    const ops = operators(`SELECT L.item, L.window_start, R.c FROM (${side('ts')}) L JOIN (${side('ts')}) R ON L.item = R.item AND L.window_start = R.window_start`);
    expect(ops.map((o) => o.kind)).toContain('Join');
  });
});

describe('window functions out of place', () => {
  it('say where they belong', () => {
    expect(errors(`SELECT item, TUMBLE_START(ts, INTERVAL '1' MINUTE), COUNT(*) FROM bid GROUP BY item`).join()).toMatch(/TUMBLE_START names the group window of a GROUP BY TUMBLE/);
    expect(errors(`SELECT item, TUMBLE(ts, INTERVAL '1' MINUTE), 1 FROM bid`).join()).toMatch(/TUMBLE\(\.\.\.\) is a window: write it in GROUP BY/);
  });
});
