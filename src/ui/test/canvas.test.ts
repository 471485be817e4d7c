// Canvas stories at the store level: the real studio over the real engine (see TestStudio).
import { describe, expect, it } from 'vitest';
import { TestStudio } from './TestStudio';

describe('canvas edits write the script and redraw the canvas', () => {
  it('a palette add lands in the script and on the canvas; undo and redo take it out and back', async () => {
    const studio = await TestStudio.create();
    const original = studio.script;
    expect(studio.nodeIds('table')).toHaveLength(5);
    expect(studio.nodeIds('job')).toHaveLength(3);

    const name = await studio.addTable('kafka', 'DWS');
    expect(name).toBe('dws_table_1');
    const added = studio.script;
    expect(added).toMatch(/CREATE TABLE dws_table_1 \([\s\S]*PRIMARY KEY \(id\) NOT ENFORCED\n\) WITH \(\n {2}'connector' = 'kafka',\n {2}'topic' = 'dws_table_1',/);
    expect(added.indexOf('CREATE TABLE dws_table_1')).toBeLessThan(added.indexOf('INSERT INTO'));
    expect(studio.nodeIds('table')).toContain('table:dws_table_1');
    expect(studio.canvasNodes().find((n) => n.id === 'table:dws_table_1')).toMatchObject({ data: { layer: 'DWS', lane: 'DWS' }, selected: true });
    // ... and selected in the script editor.
    expect(studio.selection && added.slice(studio.selection.offset, studio.selection.offset + 25)).toBe('CREATE TABLE dws_table_1 ');

    await studio.undo();
    expect(studio.script).toBe(original);
    expect(studio.nodeIds('table')).not.toContain('table:dws_table_1');
    await studio.redo();
    expect(studio.script).toBe(added);
    expect(studio.nodeIds('table')).toContain('table:dws_table_1');
  });

  it('one history: a typed edit, then a canvas edit, then two undos restore the original', async () => {
    const studio = await TestStudio.create();
    const original = studio.script;
    await studio.type(original + '--typed');
    await studio.addTable('datagen', 'ODS');
    const both = studio.script;
    expect(both).toContain('--typed');
    expect(both).toContain('CREATE TABLE ods_gen_1');

    await studio.undo(); // the canvas edit goes first
    expect(studio.script).toContain('--typed');
    expect(studio.nodeIds('table')).not.toContain('table:ods_gen_1');
    await studio.undo();
    expect(studio.script).toBe(original);
    await studio.redo();
    await studio.redo();
    expect(studio.script).toBe(both);
  });

  it('connecting two tables writes INSERT ... SELECT, selects it, and draws the job with its edges', async () => {
    const studio = await TestStudio.create();
    const source = await studio.addTable('datagen', 'ODS');
    const target = await studio.addTable('jdbc', 'ADS');
    studio.studio.ui.getState().setBottomTab('metrics');
    await studio.connect(source, target);

    expect(studio.script).toMatch(/INSERT INTO ads_table_1\nSELECT\n {2}id,\n {2}name,\n {2}amount,\n {2}event_time\nFROM ods_gen_1;/);
    // Connecting brings the script editor forward with the new statement selected.
    expect(studio.studio.ui.getState().bottomTab).toBe('editor');
    expect(studio.studio.editorTabs.getState().tab).toBe('script');
    const sel = studio.selection!;
    expect(studio.script.slice(sel.offset, sel.offset + sel.length)).toMatch(/^INSERT INTO ads_table_1/);
    expect(studio.nodeIds('job')).toHaveLength(4);
    const job = studio.pipeline.jobs.find((j) => j.sinkTable === 'ads_table_1')!;
    expect(studio.canvasNodes().find((n) => n.id === `job:${job.id}`)).toMatchObject({ type: 'job', data: { job: { sourceTables: ['ods_gen_1'] } } });
  });

  it('rename renames every reference, refuses a taken name, and undo takes it back', async () => {
    const studio = await TestStudio.create();
    const original = studio.script;
    expect(await studio.rename('dwd_paid_orders', 'dwd_orders_paid')).toBeNull();
    const s = studio.script;
    expect(s).toContain('CREATE TABLE dwd_orders_paid');
    expect(s).toContain('INSERT INTO dwd_orders_paid');
    expect(s).toMatch(/FROM dwd_orders_paid \/\*\+ OPTIONS\([^)]*\) \*\/\nGROUP BY city/); // the streaming-read hint stays
    expect(s.replace(/--.*$/gm, '').replace(/'[^']*'/g, "''")).not.toMatch(/\bdwd_paid_orders\b/);
    expect(studio.nodeIds('table')).toContain('table:dwd_orders_paid');
    expect(studio.selected).toEqual({ kind: 'table', name: 'dwd_orders_paid' });

    expect(await studio.rename('dwd_orders_paid', 'ods_orders')).toMatch(/already exists/);
    expect(studio.script).toBe(s);

    await studio.undo();
    expect(studio.script).toBe(original);
    expect(studio.nodeIds('table')).toContain('table:dwd_paid_orders');
  });

  it('a rename keeps the node where the user put it (the sidecar entry follows the name)', async () => {
    const studio = await TestStudio.create({ positions: { 'table:dim_users': { x: 0, y: 500, layer: 'DWD' } } });
    expect(studio.canvasNodes().find((n) => n.id === 'table:dim_users')).toMatchObject({ position: { y: 500 }, data: { layer: 'DWD', overridden: true } });
    await studio.rename('dim_users', 'dim_buyers');
    expect(studio.script).toContain('JOIN dim_buyers AS u');
    expect(studio.canvasNodes().find((n) => n.id === 'table:dim_buyers')).toMatchObject({ position: { y: 500 }, data: { layer: 'DWD', overridden: true } });
  });

  it('deleting a table with data asks first, listing its readers; cancel keeps it, confirm deletes it and its writer', async () => {
    const studio = await TestStudio.create();
    await studio.play('1min');
    expect(studio.rowsOf('ods_orders')).toBeGreaterThan(0);

    await studio.deleteTable('ods_orders', { ok: false, alsoReaders: false });
    expect(studio.questions).toHaveLength(1);
    const q = studio.questions[0]!;
    expect(q.rows).toBeGreaterThan(0);
    expect(q.readers.map((r) => r.summary)).toContain('INSERT INTO dwd_paid_orders');
    expect(q.writers).toEqual(['job-1 (INSERT INTO ods_orders)']);
    expect(studio.tableNames).toContain('ods_orders');

    await studio.deleteTable('ods_orders');
    expect(studio.script).not.toContain('CREATE TABLE ods_orders');
    expect(studio.script).not.toContain('INSERT INTO ods_orders');
    expect(studio.script).toMatch(/FROM ods_orders \/\*\+ OPTIONS\([^)]*\) \*\/ AS o/); // the reader stays, and now shows an error
    expect(studio.errors.length).toBeGreaterThan(0);
    expect(studio.nodeIds('table')).not.toContain('table:ods_orders');

    // Undo, then delete again together with the readers: no error left.
    await studio.undo();
    expect(studio.tableNames).toContain('ods_orders');
    await studio.deleteTable('ods_orders', { ok: true, alsoReaders: true });
    expect(studio.script).not.toMatch(/FROM ods_orders\b/);
    expect(studio.errors).toEqual([]);
  });

  it('a table nobody reads and that holds no data goes without a question; a job is deleted by its id', async () => {
    const studio = await TestStudio.create();
    const name = await studio.addTable('print', 'ADS');
    await studio.deleteTable(name);
    expect(studio.questions).toEqual([]);
    expect(studio.script).not.toContain(`CREATE TABLE ${name}`);

    await studio.deleteJob('job-3');
    expect(studio.pipeline.jobs.map((j) => j.sinkTable)).not.toContain('ads_city_revenue');
    expect(studio.nodeIds('job')).toHaveLength(2);
  });
});
