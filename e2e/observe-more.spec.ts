// More of what the studio shows: a print table with a primary key as its current rows by key or
// as its raw changelog (Data tab toggle, `name` and "name$changelog" in the query console), with
// no-op re-upserts hidden on request; and in compare mode the Jobs tab's tables with A and B rows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type StudioPage } from './fixtures';

const EXAMPLE = readFileSync(path.join(import.meta.dirname, '../examples/orders-pipeline.sql'), 'utf8');

/** Three keys, two values: the same row is often upserted again (a no-op Flink still prints). */
const KEYED_PRINT = `SET 'sim.duration' = '1 min';
CREATE TABLE readings (sensor INT, level INT) WITH (
  'connector' = 'datagen', 'rows-per-second' = '5',
  'fields.sensor.min' = '1', 'fields.sensor.max' = '3',
  'fields.level.min' = '1', 'fields.level.max' = '2'
);
CREATE TABLE ads_levels (sensor INT, level INT, PRIMARY KEY (sensor) NOT ENFORCED) WITH ('connector' = 'print');
INSERT INTO ads_levels SELECT sensor, level FROM readings;
`;

async function load(studio: StudioPage, script: string) {
  await studio.open();
  await studio.openTab('editor');
  await studio.script.setText(script);
  await expect.poll(() => studio.nodes('job').count()).toBeGreaterThan(0);
}

/** Screenshots at both sizes the issue asks for, then back to the default viewport. */
async function shots(studio: StudioPage, name: string) {
  for (const [w, h] of [
    [1280, 800],
    [1600, 1000],
  ] as const) {
    await studio.page.setViewportSize({ width: w, height: h });
    await studio.page.waitForTimeout(400);
    await studio.shot(`${name}-${w}x${h}`);
  }
}

test('a keyed print table shows its current rows by key or its changelog, and hides no-op re-upserts', async ({ studio, page, guard }) => {
  await load(studio, KEYED_PRINT);
  await page.getByTestId('sim.speed.600').click();
  await studio.sim('play').click();
  await expect(studio.sim('status')).toHaveText(/paused|finished/, { timeout: 60_000 });

  await studio.openTab('data');
  await page.getByTestId('data.table.ads_levels').click();
  // Current rows by key: one per sensor, no row kind.
  await expect(page.getByTestId('data.view.current')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('data.meta')).toContainText('3 current rows, one per sensor');
  // The changelog: every printed change, with its kind.
  await page.getByTestId('data.view.changelog').click();
  await expect(page.getByTestId('data.meta')).toContainText('ads_levels$changelog');
  await expect(page.getByTestId('data.meta')).toContainText(/\d+ changes printed/);

  // The tail flags no-op re-upserts; hiding them says how many it hid.
  const count = page.getByTestId('data.changelog.noopCount');
  await expect(count).toContainText(/\(\d+ in the tail\)/);
  const noops = Number(/\((\d+)/.exec(await count.innerText())![1]);
  expect(noops).toBeGreaterThan(0);
  const rows = page.getByTestId('data.changelog.row');
  const before = await rows.count();
  await expect(page.locator('[data-testid="data.changelog.row"][data-noop]').first()).toBeVisible();
  await page.getByTestId('data.changelog.hideNoops').check();
  await expect(count).toContainText(`(${noops} hidden)`);
  await expect(page.locator('[data-testid="data.changelog.row"][data-noop]')).toHaveCount(0);
  expect(await rows.count()).toBeLessThan(before);
  await shots(studio, 'observe-print-changelog');
  await page.getByTestId('data.view.current').click();
  await shots(studio, 'observe-print-current');

  // The query console: the name is the current view, "name$changelog" the raw log.
  await studio.runQuery('SELECT count(*) AS n FROM ads_levels');
  await expect(page.getByTestId('query.grid')).toContainText('3');
  await studio.runQuery(`SELECT _kind, count(*) AS n FROM "ads_levels$changelog" GROUP BY _kind`);
  await expect(page.getByTestId('query.meta')).toContainText('loaded ads_levels$changelog');
  await expect(page.getByTestId('query.grid')).toContainText('+I');
  await expect(page.locator('[data-testid="query.schema.metaTable"][data-name="ads_levels$changelog"]')).toBeVisible();
  await shots(studio, 'observe-print-query');
  expect(guard.consoleErrors).toEqual([]);
});

test('the Checkpoints view summarises completed checkpoint durations as percentiles', async ({ studio, page, guard }) => {
  await load(studio, `SET 'sim.cost.checkpoint.bytes-per-second' = '20000';\nSET 'sim.duration' = '70 s';\n` + EXAMPLE);
  await page.getByTestId('sim.speed.600').click();
  await studio.sim('play').click();
  await expect(studio.sim('status')).toHaveText(/paused|finished/, { timeout: 60_000 });
  await studio.node('job-1').click();
  await page.getByTestId('inspector.checkpoints').click();
  const summary = page.getByTestId('jobs.checkpoints.percentiles');
  await expect(summary).toContainText(/duration of \d+ completed/);
  for (const label of ['min', 'p50', 'p90', 'p99', 'max']) await expect(page.getByTestId(`jobs.checkpoints.${label}`)).toContainText(label);
  await shots(studio, 'observe-checkpoint-percentiles');
  expect(guard.consoleErrors).toEqual([]);
});

const FAULTED = `SET 'execution.checkpointing.interval' = '5 s';
SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.delay' = '3 s';
SET 'sim.fault.taskmanager' = '20 s';
SET 'sim.duration' = '1 min';
CREATE TABLE clicks (id BIGINT, page STRING) WITH ('connector' = 'datagen', 'rows-per-second' = '20', 'fields.page.values' = 'home,cart,pay');
CREATE TABLE ads_clicks (page STRING, n BIGINT, PRIMARY KEY (page) NOT ENFORCED) WITH ('connector' = 'print');
INSERT INTO ads_clicks SELECT page, COUNT(*) AS n FROM clicks GROUP BY page;
`;

test('comparing, the Jobs tab lists B\u2019s failovers beside A\u2019s and marks them on the time charts', async ({ studio, page, guard }) => {
  test.setTimeout(120_000);
  await load(studio, FAULTED);
  await page.getByTestId('compare.open').click();
  await page.getByTestId('compare.preset.seed').click();
  await expect(page.getByTestId('compare.active')).toContainText('Comparing');
  await page.getByTestId('sim.speed.600').click();
  await studio.sim('play').click();
  await expect(studio.sim('status')).toHaveText(/paused|finished/, { timeout: 90_000 });
  await studio.node('job-1').click();
  await page.getByTestId('inspector.jobOverview').click();
  await expect(page.locator('[data-testid="jobs.failover"][data-run="A"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="jobs.failover"][data-run="B"]')).toHaveCount(1);
  // A's failure and restore, and B's: four marks on the heap chart.
  await expect(page.getByTestId('jobs.chart.heap')).toHaveAttribute('data-marks', '4');
  await shots(studio, 'observe-compare-failovers');
  expect(guard.consoleErrors).toEqual([]);
});
