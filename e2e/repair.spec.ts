// Section 3 of the talk in the studio, driven as a person would: run the query-fluctuation
// example and watch the Repair tab count the dashboard reads its row-by-row serving table gets
// wrong, add DROP_ROW_KIND('kinds' = '-U') and see it stay at zero; then run the repair example,
// pause, and run a MERGE once against the live tables beside the same fix as INSERT OVERWRITE.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type StudioPage } from './fixtures';

const example = (name: string) => readFileSync(path.join(import.meta.dirname, '..', 'examples', name), 'utf8');

async function load(studio: StudioPage, script: string) {
  await studio.open();
  await studio.script.setText(script);
  await expect.poll(() => studio.nodes('job').count()).toBeGreaterThan(0);
}

/** Runs the simulation for `duration` of virtual time with the toolbar's run-for box. */
async function runFor(studio: StudioPage, duration: string) {
  await studio.page.getByTestId('sim.speed.600').click();
  await studio.page.getByTestId('sim.runFor').fill(duration);
  await studio.sim('play').click();
  await expect(studio.sim('status')).toHaveText(/paused|finished/, { timeout: 90_000 });
}

async function openRepair(studio: StudioPage) {
  await studio.page.getByTestId('panel.tab.repair').click();
  await expect(studio.page.getByTestId('panel.tab.repair')).toHaveAttribute('aria-selected', 'true');
}

const shots = (studio: StudioPage, name: string, focus?: string) =>
  studio.shotsAtBothSizes(name, focus ? () => studio.page.getByTestId(focus).scrollIntoViewIfNeeded() : undefined);

const wrongReads = (studio: StudioPage, table: string) => studio.page.getByTestId(`fluctuation.wrong.${table}`);

test('query fluctuation: a row-by-row jdbc table gets wrong dashboard reads, DROP_ROW_KIND(-U) keeps it at zero', async ({ studio, guard }) => {
  const script = example('query-fluctuation.sql');
  await load(studio, script);
  await runFor(studio, '60s');
  await openRepair(studio);
  await expect(studio.page.getByTestId('fluctuation.table')).toBeVisible();
  const plain = Number(await wrongReads(studio, 'ads_sku_totals').textContent());
  expect(plain).toBeGreaterThan(1);
  // upsert-kafka writes no -U and a lake commit holds a -U with its +U
  await expect(wrongReads(studio, 'ads_sku_totals_topic')).toHaveText('0.00');
  await expect(wrongReads(studio, 'ads_sku_totals_lake')).toHaveText('0.00');
  await expect(studio.page.getByTestId('fluctuation.chart')).toBeVisible();
  await shots(studio, 'repair-fluctuation');

  // The Drop operator before the jdbc sink: same run again, no wrong reads.
  await studio.openTab('editor');
  await studio.script.setText(script.replace('INSERT INTO ads_sku_totals SELECT', "INSERT INTO ads_sku_totals /*+ DROP_ROW_KIND('kinds' = '-U') */ SELECT"));
  await studio.sim('reset').click();
  await runFor(studio, '60s');
  await openRepair(studio);
  await expect(wrongReads(studio, 'ads_sku_totals')).toHaveText('0.00');
  await shots(studio, 'repair-fluctuation-dropped');
  expect(guard.consoleErrors).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
});

test('a MERGE runs once against the live tables, measured beside the same fix as INSERT OVERWRITE', async ({ studio, guard, page }) => {
  await load(studio, example('repair-merge.sql'));
  await openRepair(studio);
  // nothing runs yet: the buttons say so
  await expect(page.getByTestId('repair.run')).toBeDisabled();
  await runFor(studio, '30s');
  await page.getByTestId('repair.text').fill(example('repair-merge.fix.sql'));
  await page.getByTestId('repair.compare').fill(example('repair-overwrite.fix.sql'));
  await page.getByTestId('repair.run').click();
  await expect(page.getByTestId('repair.result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('repair.status.0')).toHaveText(/^finished/);
  await expect(page.getByTestId('repair.status.1')).toHaveText(/^finished/);
  await expect(page.getByTestId('repair.applied')).toBeVisible();
  const cell = async (label: string, i: number) => Number(((await page.getByTestId(`repair.cell.${label}.${i}`).textContent()) ?? '').replace(/[^\d]/g, ''));
  const merged = await cell('dwd_orders: changes committed', 0);
  const overwritten = await cell('dwd_orders: changes committed', 1);
  // MERGE commits the fixed rows only; the OVERWRITE writes the whole table again
  expect(merged).toBeGreaterThan(0);
  expect(overwritten).toBeGreaterThan(10 * merged);
  expect(await cell('job-2 (INSERT INTO ads_product_revenue): read', 0)).toBe(2 * merged);
  await expect(page.getByTestId('repair.same')).toContainText('different rows');
  await shots(studio, 'repair-merge', 'repair.same');
  expect(guard.consoleErrors).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
});
