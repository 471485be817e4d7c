import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, traceMainThread, type StudioPage } from './fixtures';

async function script(studio: StudioPage): Promise<string> {
  return studio.page.evaluate(() => (window as unknown as { freshet: { script(): string } }).freshet.script());
}

async function elapsedSeconds(studio: StudioPage): Promise<number> {
  const t = (await studio.page.locator('.clock-elapsed').innerText()).replace('T+', '');
  const m = /(?:(\d+)d )?(\d+):(\d+):(\d+)/.exec(t)!;
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

test('1. a new user runs the example: the ADS table fills and the lag chart has points', async ({ studio, guard, page }) => {
  await studio.open();
  await expect.poll(() => studio.nodes('table').count()).toBeGreaterThanOrEqual(3);
  await expect.poll(() => studio.nodes('job').count()).toBeGreaterThanOrEqual(2);
  await studio.shot('flow1-open');

  await page.getByTestId('sim.speed.600').click();
  await studio.sim('play').click();
  await expect(studio.sim('status')).toHaveText('running');
  await expect.poll(() => elapsedSeconds(studio), { timeout: 30_000 }).toBeGreaterThanOrEqual(3 * 60);
  // Play stops by itself where the example's SET 'sim.duration' = '5 min' ends the run.
  await expect(studio.sim('play')).toBeVisible({ timeout: 30_000 });
  await expect(studio.sim('status')).toHaveText(/paused|finished/);
  expect(await elapsedSeconds(studio)).toBe(5 * 60);

  await studio.openTab('data');
  await page.getByTestId(/^data\.table\.ads_/).first().click();
  await expect(page.getByTestId('data.grid').getByTestId('grid.row').first()).toBeVisible();
  await expect(page.getByTestId('data.changelog.row').first()).toBeVisible();
  await studio.shot('flow1-data');

  await studio.openTab('metrics');
  const lag = page.getByTestId('metrics.chart.lag-records');
  await expect(lag).toBeVisible();
  expect(Number(await lag.getAttribute('data-points'))).toBeGreaterThan(10);
  await studio.nodes('job').last().click();
  await expect(page.getByTestId('inspector.operators')).toContainText('GroupAggregate');
  await studio.shot('flow1-metrics');

  expect(guard.consoleErrors).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
});

test('2. build a pipeline from nothing, aggregate it in Monaco, query it and match the engine', async ({ studio, guard, page }) => {
  await studio.open();
  await page.getByTestId('project.menu').click();
  await page.getByTestId('project.new').click();
  await expect(studio.nodes()).toHaveCount(0);

  await page.getByTestId('palette.layer.ODS').click();
  await page.getByTestId('palette.item.datagen').click();
  await page.getByTestId('palette.layer.ADS').click();
  await page.getByTestId('palette.item.jdbc').click();
  await expect(studio.nodes('table')).toHaveCount(2);
  await page.getByTestId('canvas.fit').click();

  // Connect ods -> ads by dragging from the source handle to the target handle.
  await studio.drag(
    studio.node('ods_gen_1').locator('.react-flow__handle.source'),
    studio.node('ads_table_1').locator('.react-flow__handle-left.target'),
  );
  await expect.poll(() => script(studio)).toContain('INSERT INTO ads_table_1');
  await expect(studio.nodes('job')).toHaveCount(1);
  await studio.shot('flow2-connected');

  // Turn the job into an aggregate, typing in Monaco.
  const current = await script(studio);
  const insertAt = current.indexOf('INSERT INTO ads_table_1');
  const aggregate = current.slice(0, insertAt) + 'INSERT INTO ads_table_1\nSELECT id % 10 AS id, MAX(name) AS name, SUM(amount) AS amount, MAX(event_time) AS event_time\nFROM ods_gen_1\nGROUP BY id % 10;\n';
  await studio.openTab('editor');
  await studio.script.setText(aggregate);
  await expect.poll(() => script(studio)).toContain('GROUP BY id % 10');
  await expect(page.getByTestId('canvas.node').and(page.locator('[data-kind="job"]'))).toContainText('GroupAggregate');

  // Run exactly two virtual minutes.
  await page.getByTestId('sim.runFor').fill('2min');
  await page.getByTestId('sim.speed.max').click();
  await studio.sim('play').click();
  await expect(page.locator('.clock-elapsed')).toHaveText('T+00:02:00', { timeout: 60_000 });
  await expect(studio.sim('play')).toBeVisible();

  const sql = 'SELECT COUNT(*) AS n, SUM(amount) AS total FROM ads_table_1';
  await studio.runQuery(sql);
  const row = page.getByTestId('query.grid').getByTestId('grid.row').first();
  await expect(row).toBeVisible({ timeout: 60_000 });
  const cells = await row.locator('.grid-cell').allInnerTexts();
  await studio.shot('flow2-query');

  // The same query on the engine's tables, through the headless runner.
  const dir = mkdtempSync(path.join(tmpdir(), 'freshet-e2e-'));
  const file = path.join(dir, 'pipeline.sql');
  writeFileSync(file, await script(studio));
  const out = execFileSync('node', ['bin/freshet.mjs', 'run', file, '--seed', '42', '--for', '2min', '--query', sql], { encoding: 'utf8' });
  const engine = JSON.parse(out) as { rows: unknown[][] };
  expect(Number(cells[1])).toBe(Number(engine.rows[0]![0]));
  expect(Number(cells[2])).toBeCloseTo(Number(engine.rows[0]![1]), 2);

  expect(guard.consoleErrors).toEqual([]);
});

test('3. a syntax error shows a marker and a problem, Play refuses, fixing clears both', async ({ studio, page }) => {
  await studio.open();
  await expect.poll(() => studio.nodes('table').count()).toBeGreaterThanOrEqual(3);
  const good = await script(studio);
  const bad = good.replace(/FROM(\s+dwd_paid_orders\b)/, 'FORM$1');
  expect(bad).not.toEqual(good);
  await studio.openTab('editor');
  await studio.script.setText(bad);
  await expect(studio.script.root.locator('.squiggly-error').first()).toBeVisible();
  await expect(page.getByTestId('panel.problems.count')).toBeVisible();
  await studio.openTab('problems');
  await expect(page.getByTestId('problems.item').first()).toBeVisible();

  await studio.sim('play').click();
  await expect(page.getByTestId('status.toast')).toContainText(/Cannot run|errors/);
  await expect(studio.sim('status')).toHaveText('idle');
  await studio.shot('flow3-error');

  await page.getByTestId('problems.item').first().click();
  await expect(studio.tab('editor')).toHaveAttribute('aria-selected', 'true');
  await studio.script.setText(good);
  await expect(studio.script.root.locator('.squiggly-error')).toHaveCount(0);
  await expect(page.getByTestId('panel.problems.count')).toHaveCount(0);
  await studio.openTab('problems');
  await expect(page.getByTestId('problems.empty')).toBeVisible();
});

test('3b. a script with errors does not start, and the last run\'s data stays', async ({ studio, page }) => {
  await studio.open();
  await expect.poll(() => studio.nodes('table').count()).toBeGreaterThanOrEqual(3);
  await page.getByTestId('sim.runFor').fill('2min');
  await page.getByTestId('sim.speed.max').click();
  await studio.sim('play').click();
  await expect(page.locator('.clock-elapsed')).toHaveText('T+00:02:00', { timeout: 60_000 });
  await studio.openTab('data');
  await page.getByTestId(/^data\.table\.ads_/).first().click();
  const rows = page.getByTestId('data.grid').getByTestId('grid.row');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();

  const good = await script(studio);
  await studio.openTab('editor');
  await studio.script.setText(good.replace(/FROM(\s+dwd_paid_orders\b)/, 'FORM$1'));
  await expect(page.getByTestId('panel.problems.count')).toBeVisible();
  await studio.sim('play').click();
  await expect(page.getByTestId('status.toast')).toContainText(/Cannot run|errors/);

  // Nothing was reset: the clock and the tables still show the last run.
  await expect(page.locator('.clock-elapsed')).toHaveText('T+00:02:00');
  await studio.openTab('data');
  await page.getByTestId(/^data\.table\.ads_/).first().click();
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBe(before);
});

test('4. reload brings the project and the layout back from IndexedDB', async ({ studio, page }) => {
  await studio.open();
  await expect.poll(() => studio.nodes('table').count()).toBeGreaterThanOrEqual(3);
  await page.getByTestId('palette.layer.DWS').click();
  await page.getByTestId('palette.item.print').click();
  await expect(studio.node('dws_table_1')).toBeVisible();
  // Move a node.
  const node = studio.node('dws_table_1');
  const box = (await node.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + 40, box.y + 160, { steps: 8 });
  await page.mouse.up();
  const before = await page.evaluate(() => (window as unknown as { freshet: { positions(): Record<string, { x: number; y: number }> } }).freshet.positions()['table:dws_table_1']);
  expect(before).toBeTruthy();
  await expect(page.getByTestId('project.saved')).toHaveClass(/saved/);
  await page.waitForTimeout(800);

  await page.reload();
  await expect(studio.node('dws_table_1')).toBeVisible();
  expect(await script(studio)).toContain('CREATE TABLE dws_table_1');
  const after = await page.evaluate(() => (window as unknown as { freshet: { positions(): Record<string, { x: number; y: number }> } }).freshet.positions()['table:dws_table_1']);
  expect(after).toEqual(before);
  await studio.shot('flow4-reloaded');
});

test('5. no main-thread task costs over 50 ms of CPU during a full-speed run', async ({ studio, page }) => {
  await studio.open();
  await expect.poll(() => studio.nodes('table').count()).toBeGreaterThanOrEqual(3);
  await page.waitForTimeout(1500);
  await studio.openTab('metrics');
  await page.getByTestId('sim.speed.max').click();
  // Past the example's sim.duration (5 min): the whole measurement is of a running simulation.
  await studio.sim('runFor').fill('6h');
  const tasks = await traceMainThread(page, async () => {
    await studio.sim('play').click();
    await page.waitForTimeout(8000);
  });
  // The screenshot comes after the measurement: capturing a page is itself a long task.
  await studio.shot('flow5-max');
  await studio.pauseIfRunning();
  expect(await elapsedSeconds(studio)).toBeGreaterThan(60);
  // Issue 14's bound, on the CPU the main thread spent per task: charts, canvas and tables
  // refreshing while the worker runs at full speed must each fit in 50 ms. Wall time is printed
  // for the record; on a loaded 2-core machine it mostly measures waiting for a core.
  const heavy = tasks.filter((t) => t.cpuMs > 50);
  const top = [...tasks].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 5);
  console.log(`flow 5: ${tasks.length} main-thread tasks; costliest (cpu/wall ms): ${top.map((t) => `${t.cpuMs.toFixed(0)}/${t.wallMs.toFixed(0)}`).join(', ')}`);
  expect(heavy, JSON.stringify(top)).toEqual([]);
});
