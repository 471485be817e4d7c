// Canvas and editor flows, driven as a person would: palette clicks, handle drags, F2, Delete,
// Ctrl+Z, typing in Monaco, dragging a table into another swimlane.
import { test, expect, type StudioPage } from './fixtures';
import type { Locator, Page } from '@playwright/test';

type Handle = { script(): string; positions(): Record<string, { x: number; y: number; layer?: string }> };

const script = (studio: StudioPage) => studio.page.evaluate(() => (window as unknown as { freshet: Handle }).freshet.script());
const positions = (page: Page) => page.evaluate(() => (window as unknown as { freshet: Handle }).freshet.positions());

async function openExample(studio: StudioPage): Promise<void> {
  await studio.open();
  await expect.poll(() => studio.nodes('table').count()).toBe(5);
  await expect.poll(() => studio.nodes('job').count()).toBe(3);
}

/** Drags a node by its head until its centre is over the centre of `lane` (aiming again once, as a person would). */
async function dragIntoLane(page: Page, node: Locator, lane: Locator): Promise<void> {
  // Grab the node once the canvas has stopped moving (after a reload it fits itself to the pane),
  // as a person does: a box measured mid-fit is stale by the time the mouse goes down.
  let last = '';
  await expect
    .poll(async () => {
      const box = JSON.stringify(await node.boundingBox());
      const still = box === last;
      last = box;
      return still;
    }, { intervals: [250] })
    .toBe(true);
  const a = (await node.boundingBox())!;
  const b = (await lane.boundingBox())!;
  const target = b.x + b.width / 2;
  await page.mouse.move(a.x + a.width / 2, a.y + 10);
  await page.mouse.down();
  await page.mouse.move(target, a.y + 30, { steps: 15 });
  const n = (await node.boundingBox())!;
  await page.mouse.move(target + (target - (n.x + n.width / 2)), a.y + 30, { steps: 5 });
}

/** The labels in Monaco's suggest widget. */
async function suggestions(page: Page): Promise<string[]> {
  const rows = page.locator('.suggest-widget.visible .monaco-list-row');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((els) => els.map((e) => e.querySelector('.label-name')?.textContent ?? ''));
}

test('palette add lands in the canvas and the script; Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo it', async ({ studio, guard, page }) => {
  await openExample(studio);
  const original = await script(studio);

  await page.getByTestId('palette.layer.DWS').click();
  await page.getByTestId('palette.item.kafka').click();
  await expect(studio.node('dws_table_1')).toBeVisible();
  const added = await script(studio);
  // The engine's addTable: columns, key and the kafka connector's options, after the last CREATE.
  expect(added).toMatch(/CREATE TABLE dws_table_1 \([\s\S]*PRIMARY KEY \(id\) NOT ENFORCED\n\) WITH \(\n {2}'connector' = 'kafka',\n {2}'topic' = 'dws_table_1',/);
  expect(added).toContain("'scan.startup.mode' = 'earliest-offset'");
  expect(added.indexOf('CREATE TABLE dws_table_1')).toBeLessThan(added.indexOf('INSERT INTO'));
  // ... and in the editor, selected.
  await expect(studio.script.root.locator('.view-lines')).toContainText('CREATE TABLE dws_table_1');
  await expect(studio.node('dws_table_1')).toHaveAttribute('data-layer', 'DWS');
  await studio.shot('canvas-palette-added');

  await page.keyboard.press('ControlOrMeta+Z');
  await expect(studio.node('dws_table_1')).toHaveCount(0);
  expect(await script(studio)).toBe(original);
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect(studio.node('dws_table_1')).toBeVisible();
  expect(await script(studio)).toBe(added);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(studio.node('dws_table_1')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+Y');
  await expect(studio.node('dws_table_1')).toBeVisible();
  expect(guard.consoleErrors).toEqual([]);
});

test('one history: a typed edit, then a canvas edit, then two undos restore the original', async ({ studio, guard, page }) => {
  await openExample(studio);
  const original = await script(studio);

  await studio.script.focus();
  await page.keyboard.press('ControlOrMeta+End');
  await studio.script.type('--typed');
  await expect.poll(() => script(studio)).toContain('--typed');

  await page.getByTestId('palette.layer.ODS').click();
  await page.getByTestId('palette.item.datagen').click();
  await expect(studio.node('ods_gen_1')).toBeVisible();
  const both = await script(studio);
  expect(both).toContain('--typed');

  // Undo in the editor (Monaco has the focus): the canvas edit goes first.
  await studio.script.focus();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(studio.node('ods_gen_1')).toHaveCount(0);
  expect(await script(studio)).toContain('--typed');
  // Undo from the canvas: the typed edit goes.
  await page.getByTestId('canvas').locator('.react-flow__pane').click({ position: { x: 30, y: 300 } });
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => script(studio)).toBe(original);
  await expect(studio.script.root.locator('.view-lines')).not.toContainText('--typed');

  // Redo brings both back, in order.
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect.poll(() => script(studio)).toContain('--typed');
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect(studio.node('ods_gen_1')).toBeVisible();
  expect(await script(studio)).toBe(both);
  expect(guard.consoleErrors).toEqual([]);
});

test('connecting two tables writes INSERT ... SELECT and opens it selected in the editor', async ({ studio, guard, page }) => {
  await openExample(studio);
  await page.getByTestId('palette.layer.ODS').click();
  await page.getByTestId('palette.item.datagen').click();
  await page.getByTestId('palette.layer.ADS').click();
  await page.getByTestId('palette.item.jdbc').click();
  await expect(studio.node('ads_table_1')).toBeVisible();
  await page.getByTestId('canvas.fit').click();
  await studio.openTab('metrics'); // connecting brings the editor forward

  await studio.drag(studio.node('ods_gen_1').locator('.react-flow__handle.source'), studio.node('ads_table_1').locator('.react-flow__handle-left.target'));
  await expect.poll(() => script(studio)).toMatch(/INSERT INTO ads_table_1\nSELECT\n {2}id,\n {2}name,\n {2}amount,\n {2}event_time\nFROM ods_gen_1;/);
  await expect(studio.tab('editor')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('editor.tab.script')).toHaveAttribute('aria-selected', 'true');
  // The new statement is selected (Monaco draws the selection) and in view.
  await expect(studio.script.root.locator('.selected-text').first()).toBeVisible();
  await expect(studio.script.root.locator('.view-lines')).toContainText('INSERT INTO ads_table_1');
  await expect(studio.nodes('job')).toHaveCount(4);
  await studio.shot('canvas-connected');
  expect(guard.consoleErrors).toEqual([]);
});

test('rename with F2 on the node and in the inspector renames every reference', async ({ studio, guard, page }) => {
  await openExample(studio);
  await studio.node('dwd_paid_orders').click();
  await page.keyboard.press('F2');
  const input = page.getByTestId('canvas.node.rename');
  await expect(input).toBeFocused();
  await studio.shot('canvas-rename-f2');
  await input.fill('dwd_orders_paid');
  await page.keyboard.press('Enter');
  await expect(studio.node('dwd_orders_paid')).toBeVisible();
  const s = await script(studio);
  expect(s).toContain('CREATE TABLE dwd_orders_paid');
  expect(s).toContain('INSERT INTO dwd_orders_paid');
  expect(s).toMatch(/FROM dwd_orders_paid \/\*\+ OPTIONS\([^)]*\) \*\/\nGROUP BY city/); // the streaming-read hint stays
  // Every reference outside comments and strings (the engine leaves those as written).
  expect(s.replace(/--.*$/gm, '').replace(/'[^']*'/g, "''")).not.toMatch(/\bdwd_paid_orders\b/);

  // A taken name is refused in place.
  await page.keyboard.press('F2');
  await page.getByTestId('canvas.node.rename').fill('ods_orders');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('canvas.node.rename.error')).toContainText('already exists');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('canvas.node.rename')).toHaveCount(0);

  // The inspector renames the same way.
  await studio.node('dim_users').click();
  await page.getByTestId('inspector.name').fill('dim_buyers');
  await page.keyboard.press('Enter');
  await expect(studio.node('dim_buyers')).toBeVisible();
  expect(await script(studio)).toContain('JOIN dim_buyers AS u');
  // And undo takes it back.
  await page.getByTestId('canvas').locator('.react-flow__pane').click({ position: { x: 30, y: 300 } });
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(studio.node('dim_users')).toBeVisible();
  expect(guard.consoleErrors).toEqual([]);
});

test('deleting a table that holds data asks in a dialog that lists its readers', async ({ studio, guard, page }) => {
  await openExample(studio);
  await page.getByTestId('sim.runFor').fill('1min');
  await page.getByTestId('sim.speed.max').click();
  await studio.sim('play').click();
  await expect(page.locator('.clock-elapsed')).toHaveText('T+00:01:00', { timeout: 60_000 });
  await expect(studio.sim('play')).toBeVisible();

  await studio.node('ods_orders').click();
  await page.keyboard.press('Delete');
  const dialog = page.getByTestId('canvas.delete.dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('canvas.delete.rows')).toContainText(/held [\d,.]+k? rows/);
  await expect(page.getByTestId('canvas.delete.readers')).toContainText('INSERT INTO dwd_paid_orders');
  await studio.shot('canvas-delete-dialog');
  // Escape cancels: nothing changed.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(studio.node('ods_orders')).toBeVisible();

  await page.getByTestId('inspector.delete').click();
  await expect(dialog).toBeVisible();
  await page.getByTestId('canvas.delete.confirm').click();
  await expect(studio.node('ods_orders')).toHaveCount(0);
  const s = await script(studio);
  expect(s).not.toContain('CREATE TABLE ods_orders');
  expect(s).not.toContain('INSERT INTO ods_orders');
  expect(s).toMatch(/FROM ods_orders \/\*\+ OPTIONS\([^)]*\) \*\/ AS o/); // the reader stays, and now shows an error
  await expect(page.getByTestId('panel.problems.count')).toBeVisible();

  // Undo, then delete again together with the readers.
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(studio.node('ods_orders')).toBeVisible();
  await studio.node('ods_orders').click();
  await page.keyboard.press('Delete');
  await page.getByTestId('canvas.delete.also').check();
  await page.getByTestId('canvas.delete.confirm').click();
  await expect(studio.node('ods_orders')).toHaveCount(0);
  expect(await script(studio)).not.toMatch(/FROM ods_orders\b/);
  await expect(page.getByTestId('panel.problems.count')).toHaveCount(0);
  expect(guard.consoleErrors).toEqual([]);
});

test("completion and hover come from the engine's language services", async ({ studio, guard, page }) => {
  await openExample(studio);
  const base = await script(studio);
  await studio.script.setText(base + "\nCREATE TABLE ods_more (id BIGINT) WITH ('connector' = 'kafka', ");
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Control+Space');
  expect(await suggestions(page)).toContain('scan.startup.mode');
  await studio.shot('canvas-completion-options');
  await page.keyboard.press('Escape');

  await studio.script.setText(base + '\nSELECT * FROM ');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Control+Space');
  const tables = await suggestions(page);
  expect(tables).toEqual(expect.arrayContaining(['ods_orders', 'dim_users', 'dwd_paid_orders']));
  await studio.shot('canvas-completion-tables');
  await page.keyboard.press('Escape');

  // Hover over a hint name shows its docs.
  await studio.script.setText(base.replace('SELECT city, COUNT(*)', "SELECT /*+ STATE_TTL('dwd_paid_orders' = '1d') */ city, COUNT(*)"));
  const hint = studio.script.root.locator('.view-line span', { hasText: /^STATE_TTL$/ });
  await hint.scrollIntoViewIfNeeded();
  await hint.hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'time-to-live' })).toBeVisible();
  await studio.shot('canvas-hover-hint');
  expect(guard.consoleErrors).toEqual([]);
});

test('selecting a job opens a per-job editor that writes back into the script', async ({ studio, guard, page }) => {
  await openExample(studio);
  await studio.node('job-3').click();
  const tab = page.getByTestId('editor.tab.job');
  await expect(tab).toContainText('job-3');
  const job = page.getByTestId('editor.job.code');
  await expect(job).toBeVisible();
  await expect(job.locator('.view-lines')).toContainText('INSERT INTO ads_city_revenue');
  await expect(job.locator('.view-lines')).not.toContainText('CREATE TABLE');
  await expect(page.getByTestId('editor.job.label')).toContainText('INSERT INTO ads_city_revenue');

  // Type an unfinished clause: the error shows in the job editor; finishing it writes back.
  await job.click({ position: { x: 200, y: 10 } });
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' HAVING');
  await expect(job.locator('.squiggly-error').first()).toBeVisible();
  await page.keyboard.type(' COUNT(*) > 1');
  await expect.poll(() => script(studio)).toContain('GROUP BY city HAVING COUNT(*) > 1;');
  await expect(job.locator('.squiggly-error')).toHaveCount(0);

  // Completion in the job editor sees the whole script (columns of the table it reads).
  await page.keyboard.type(' AND SUM(');
  await page.keyboard.press('Control+Space');
  expect(await suggestions(page)).toContain('amount');
  await page.keyboard.press('Escape');
  await page.keyboard.type('amount) > 0');
  await expect.poll(() => script(studio)).toContain('HAVING COUNT(*) > 1 AND SUM(amount) > 0;');
  await expect(page.getByTestId('panel.problems.count')).toHaveCount(0);
  await studio.shot('canvas-job-editor');

  // An edit in the whole-script editor shows up in the job editor.
  await page.getByTestId('editor.tab.script').click();
  const s = await script(studio);
  await studio.script.setText(s.replace('COUNT(*) AS paid_orders', 'COUNT(order_id) AS paid_orders'));
  await tab.getByRole('button', { name: /job-3/ }).click();
  await expect(job.locator('.view-lines')).toContainText('COUNT(order_id) AS paid_orders');

  // Undo in the job editor undoes through the one history.
  await job.click({ position: { x: 200, y: 10 } });
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(job.locator('.view-lines')).toContainText('COUNT(*) AS paid_orders');
  expect(await script(studio)).toContain('COUNT(*) AS paid_orders');

  // The inspector's "Edit SQL" opens another job.
  await studio.node('job-2').click();
  await page.getByTestId('inspector.editJob').click();
  await expect(tab).toContainText('job-2');
  await expect(job.locator('.view-lines')).toContainText('INSERT INTO dwd_paid_orders');
  expect(guard.consoleErrors).toEqual([]);
});

test('dragging a table into another swimlane overrides its layer; auto-layout and reload keep it', async ({ studio, guard, page }) => {
  await openExample(studio);
  const node = studio.node('dim_users');
  await expect(node).toHaveAttribute('data-layer', 'DIM');
  const lane = page.getByTestId('canvas.lane.DWS');
  await dragIntoLane(page, node, lane);
  await expect(lane).toHaveClass(/drop-target/);
  await studio.shot('canvas-lane-drag');
  await page.mouse.up();
  await expect(node).toHaveAttribute('data-layer', 'DWS');
  expect((await positions(page))['table:dim_users']?.layer).toBe('DWS');
  await node.click();
  await expect(page.getByTestId('inspector.layer')).toContainText('the name says DIM');
  await studio.shot('canvas-lane-override');

  await page.getByTestId('canvas.layout').click();
  await expect(node).toHaveAttribute('data-layer', 'DWS');
  const laneBox = (await lane.boundingBox())!;
  const nodeBox = (await node.boundingBox())!;
  expect(nodeBox.x).toBeGreaterThanOrEqual(laneBox.x);
  expect(nodeBox.x + nodeBox.width).toBeLessThanOrEqual(laneBox.x + laneBox.width + 1);

  await page.waitForTimeout(800); // autosave
  await page.reload();
  await expect(studio.node('dim_users')).toHaveAttribute('data-layer', 'DWS');

  // Undo a lane move; reset from the inspector.
  await dragIntoLane(page, studio.node('dim_users'), page.getByTestId('canvas.lane.ADS'));
  // Released once the lane shows it will take the table, as a person does (and as the first drag).
  await expect(page.getByTestId('canvas.lane.ADS')).toHaveClass(/drop-target/);
  await page.mouse.up();
  await expect(studio.node('dim_users')).toHaveAttribute('data-layer', 'ADS');
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(studio.node('dim_users')).toHaveAttribute('data-layer', 'DWS');
  await studio.node('dim_users').click();
  await page.getByTestId('inspector.layer.reset').click();
  await expect(studio.node('dim_users')).toHaveAttribute('data-layer', 'DIM');
  expect(guard.consoleErrors).toEqual([]);
});

test('a selected job shows its operator chain with changelog modes, parallelism and hints', async ({ studio, guard, page }) => {
  await openExample(studio);
  const base = await script(studio);
  await studio.script.setText(base.replace('SELECT city, COUNT(*)', "SELECT /*+ STATE_TTL('dwd_paid_orders' = '1d') */ city, COUNT(*)"));
  await studio.node('job-2').click();
  const ops = page.getByTestId('inspector.operators');
  const cards = ops.getByTestId('inspector.operator');
  await expect(cards.first()).toContainText('Source');
  await expect(cards.first()).toContainText('ods_orders');
  await expect(cards.last()).toContainText('Sink');
  expect(await cards.count()).toBeGreaterThanOrEqual(4);
  // The join names both of its inputs.
  await expect(cards.filter({ hasText: 'Join' })).toContainText(/from #\d Source dim_users|from #\d/);
  await expect(ops).toContainText('retract');
  await expect(ops).toContainText('×2');
  await studio.shot('canvas-operator-graph');

  await studio.node('job-3').click();
  await expect(cards.filter({ hasText: 'GroupAggregate' })).toContainText("STATE_TTL('dwd_paid_orders'='1d')");
  await studio.shot('canvas-operator-graph-hints');

  // Delete on a selected job removes its statement; its open job editor says so.
  await studio.node('job-3').click();
  await page.keyboard.press('Delete');
  await expect(studio.nodes('job')).toHaveCount(2);
  expect(await script(studio)).not.toContain('INSERT INTO ads_city_revenue');
  await expect(page.getByTestId('editor.job.gone')).toBeVisible();
  expect(guard.consoleErrors).toEqual([]);
});
