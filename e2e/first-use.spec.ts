// What a first-time user tripped on: a query before Play, Play with no job, the script's
// sim.duration, attaching a CSV file to a filesystem table and the CSV example in the browser,
// New then Import, and an exported script named after a renamed project.
import { readFileSync } from 'node:fs';
import { test, expect, type StudioPage } from './fixtures';

async function newProjectWith(studio: StudioPage, script: string) {
  await studio.openProjectMenu();
  await studio.page.getByTestId('project.new').click();
  await expect(studio.page.getByTestId('project.name')).toHaveText(/^Untitled/);
  await studio.openTab('editor');
  await studio.script.setText(script);
}

test('a query before Play answers with the columns and no rows, and says why', async ({ studio, guard, page }) => {
  await studio.open();
  await expect.poll(() => studio.nodes('table').count()).toBeGreaterThanOrEqual(3);
  await studio.runQuery('SELECT * FROM ods_orders');
  await expect(page.getByTestId('query.meta')).toContainText('0 rows');
  await expect(page.getByTestId('query.note')).toContainText('ods_orders: no data yet');
  await expect(page.getByTestId('query.error')).toHaveCount(0);
  await expect(page.getByTestId('query.grid')).toContainText('order_id');
  await studio.shot('first-use-query-before-play');
  expect(guard.consoleErrors, guard.consoleErrors.join('\n')).toEqual([]);
});

test("Play stops at the script's sim.duration, and says so when there is nothing to run", async ({ studio, guard, page }) => {
  await studio.open();
  await newProjectWith(studio, "CREATE TABLE ods_only (a INT) WITH ('connector' = 'datagen');\n");
  await expect(studio.node('ods_only')).toBeVisible();
  await studio.sim('play').click();
  await expect(page.getByTestId('status.toast')).toContainText('Nothing to run: the script has no INSERT INTO');
  await expect(studio.sim('status')).toHaveText('idle');

  await studio.script.setText(
    [
      "SET 'sim.duration' = '45s';",
      "CREATE TABLE ods_a (a INT) WITH ('connector' = 'datagen', 'rows-per-second' = '5');",
      "CREATE TABLE ads_b (a INT) WITH ('connector' = 'blackhole');",
      'INSERT INTO ads_b SELECT a FROM ods_a;',
      '',
    ].join('\n'),
  );
  await expect(studio.sim('runFor')).toHaveAttribute('placeholder', '45s');
  await page.getByTestId('sim.speed.max').click();
  await studio.sim('play').click();
  await expect(studio.sim('clock')).toContainText('T+00:00:45');
  await expect(studio.sim('play')).toBeVisible(); // stopped by itself
  await expect(studio.sim('clock')).toContainText('T+00:00:45');
  expect(guard.consoleErrors, guard.consoleErrors.join('\n')).toEqual([]);
});

test('a CSV file attached to a filesystem table runs in the browser; the CSV example comes with its files', async ({ studio, guard, page }) => {
  await studio.open();
  await studio.openProjectMenu();
  await page.getByTestId('project.newCsvExample').click();
  await expect(page.getByTestId('project.name')).toHaveText('CSV pipeline');
  await expect(studio.node('ods_orders')).toBeVisible();
  await studio.node('ods_orders').click();
  await expect(page.getByTestId('inspector.file.status')).toContainText('lines');
  await expect(page.getByTestId('inspector.file')).toContainText('data/orders.csv');
  await page.getByTestId('sim.speed.max').click();
  await studio.sim('play').click();
  await expect(studio.sim('status')).toHaveText('finished', { timeout: 30_000 });
  await studio.runQuery('SELECT count(*) AS cities FROM ads_city_sales');
  const cities = await page.getByTestId('query.grid').innerText();
  expect(Number(cities.match(/\d+/g)?.at(-1))).toBeGreaterThan(0);
  await studio.shot('first-use-csv-example');

  // A table of one's own: no file reads as empty; attaching one reloads the run with it.
  await newProjectWith(
    studio,
    [
      "CREATE TABLE ods_people (name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = 'people.csv', 'format' = 'csv');",
      "CREATE TABLE ads_adults (name STRING, age INT) WITH ('connector' = 'jdbc', 'table-name' = 'adults');",
      'INSERT INTO ads_adults SELECT name, age FROM ods_people WHERE age >= 18;',
      '',
    ].join('\n'),
  );
  await expect(studio.node('ods_people')).toBeVisible();
  await studio.node('ods_people').click();
  await expect(page.getByTestId('inspector.file.status')).toContainText('No file attached');
  await page.setViewportSize({ width: 1280, height: 800 });
  await studio.shot('first-use-attach-1280');
  await page.getByTestId('inspector.file.input').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from('ann,34\nbob,12\ncid,51\n') });
  await expect(page.getByTestId('status.toast')).toContainText('Attached people.csv (3 lines) as people.csv of ods_people');
  await expect(page.getByTestId('inspector.file.status')).toContainText('3 lines');
  await studio.sim('play').click();
  await expect(studio.sim('status')).toHaveText('finished', { timeout: 30_000 });
  await studio.runQuery('SELECT name FROM ads_adults ORDER BY name');
  await expect(page.getByTestId('query.meta')).toContainText('2 rows');
  await expect(page.getByTestId('query.grid')).toContainText('cid');
  await page.setViewportSize({ width: 1600, height: 1000 });
  await studio.node('ods_people').click();
  await studio.shot('first-use-attach-1600');
  // A binary file is refused whole.
  await page.getByTestId('inspector.file.input').setInputFiles({ name: 'pic.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0, 0, 1]) });
  await expect(page.getByTestId('status.toast')).toContainText('pic.csv is a binary file');
  await expect(page.getByTestId('inspector.file.status')).toContainText('3 lines');
  expect(guard.consoleErrors, guard.consoleErrors.join('\n')).toEqual([]);
});

test('New then Import leaves no empty Untitled behind; an exported script follows a rename', async ({ studio, guard, page }) => {
  await studio.open();
  await expect(page.getByTestId('project.name')).toHaveText('Orders pipeline');
  await studio.openProjectMenu();
  await page.getByTestId('project.new').click();
  await expect(page.getByTestId('project.name')).toHaveText('Untitled');
  await page.getByTestId('project.file').setInputFiles({ name: 'tiny.sql', mimeType: 'application/sql', buffer: Buffer.from("CREATE TABLE ods_x (a INT) WITH ('connector' = 'datagen');\n") });
  await expect(page.getByTestId('project.name')).toHaveText('tiny');
  await expect.poll(() => studio.projectNames()).toEqual(['Orders pipeline', 'tiny']);

  await studio.openProjectMenu();
  await page.getByTestId('project.rename').click();
  await page.getByTestId('project.renameInput').fill('Tiny orders');
  await page.getByTestId('project.renameInput').press('Enter');
  await expect(page.getByTestId('project.name')).toHaveText('Tiny orders');
  await studio.openProjectMenu();
  const download = page.waitForEvent('download');
  await page.getByTestId('project.exportSql').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('tiny-orders.sql');
  expect(readFileSync((await file.path())!, 'utf8')).toContain('ods_x');
  expect(guard.consoleErrors, guard.consoleErrors.join('\n')).toEqual([]);
});

test('editor: F1 palette, Ctrl+G go to line, Shift+Alt+F formats; F5 / F10 / Shift+F5 drive the simulation', async ({ studio, guard, page }) => {
  await studio.open();
  await newProjectWith(
    studio,
    "CREATE TABLE ods_a (a INT, b STRING) WITH ('connector' = 'datagen', 'rows-per-second' = '5');\nCREATE TABLE ads_b (a INT, b STRING) WITH ('connector' = 'blackhole');\ninsert into ads_b select a, b from ods_a where a > 0;\n",
  );
  await expect(studio.node('ods_a')).toBeVisible();
  await studio.script.focus();

  // F1: the command palette lists the simulation commands and Format Document.
  await page.keyboard.press('F1');
  const palette = page.locator('.quick-input-widget');
  await expect(palette).toBeVisible();
  await page.keyboard.type('Simulation');
  await expect(palette).toContainText('Simulation: Play / Pause (F5)');
  await studio.shot('first-use-command-palette');
  await page.keyboard.press('Escape');

  // Shift+Alt+F formats the script without changing what it means.
  await studio.script.focus();
  await page.keyboard.press('Shift+Alt+F');
  await expect.poll(() => studio.script.text()).toContain('select\n  a,\n  b\nfrom\n  ods_a');

  // Ctrl+G: go to line.
  await page.keyboard.press('ControlOrMeta+G');
  await expect(palette).toBeVisible();
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await expect(page.locator('.monaco-editor .current-line').first()).toBeVisible();

  // F10 steps, F5 plays and pauses, Shift+F5 resets: from the editor too.
  await page.keyboard.press('F10');
  await expect(studio.sim('status')).not.toHaveText('idle');
  await page.keyboard.press('F5');
  await expect(studio.sim('status')).toHaveText('running');
  await page.keyboard.press('F5');
  await expect(studio.sim('status')).toHaveText('paused');
  await expect.poll(async () => (await studio.sim('clock').innerText()).includes('T+00:00:00')).toBe(false);
  await page.keyboard.press('Shift+F5');
  await expect(studio.sim('clock')).toContainText('T+00:00:00');
  expect(guard.consoleErrors, guard.consoleErrors.join('\n')).toEqual([]);
});

test('a script pasted over another brings its tables into view', async ({ studio, guard, page }) => {
  await studio.open();
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect.poll(() => studio.nodes('table').count()).toBeGreaterThanOrEqual(5);
  const tables = ['ods_alpha', 'dim_beta', 'dwd_gamma', 'dws_delta', 'ads_epsilon'];
  await studio.openTab('editor');
  await studio.script.setText(
    [
      ...tables.map((t, i) => `CREATE TABLE ${t} (id INT) WITH ('connector' = '${i === 0 || i === 1 ? 'datagen' : 'blackhole'}');`),
      'INSERT INTO dwd_gamma SELECT id FROM ods_alpha;',
      'INSERT INTO dws_delta SELECT id FROM dwd_gamma;',
      'INSERT INTO ads_epsilon SELECT id FROM dim_beta;',
      '',
    ].join('\n'),
  );
  await expect(studio.node('ads_epsilon')).toBeVisible();
  const canvas = (await studio.canvas.boundingBox())!;
  for (const t of tables) {
    await expect
      .poll(async () => {
        const b = await studio.node(t).boundingBox();
        return !!b && b.x >= canvas.x && b.x + b.width <= canvas.x + canvas.width && b.y >= canvas.y && b.y + b.height <= canvas.y + canvas.height;
      }, { message: `${t} in view` })
      .toBe(true);
  }
  expect(guard.consoleErrors, guard.consoleErrors.join('\n')).toEqual([]);
});
