// Column lineage in the studio, driven as a person would: pick a table on the canvas, click one
// of its columns in the inspector, read the path lit on the canvas (tables and jobs on it, column
// names on the nodes, the rest dimmed) and the inspector's upstream / downstream lists, follow a
// column from the list, and clear it all with Escape.
import { test, expect, type StudioPage } from './fixtures';

async function openExample(studio: StudioPage): Promise<void> {
  await studio.open();
  await expect.poll(() => studio.nodes('table').count()).toBe(5);
  await expect.poll(() => studio.nodes('job').count()).toBe(3);
}

const dimmed = (studio: StudioPage) => studio.page.locator('.react-flow__node.lineage-dim [data-testid="canvas.node"]');
const lit = (studio: StudioPage) => studio.page.locator('.react-flow__node.lineage-on [data-testid="canvas.node"]');
const names = (l: ReturnType<typeof dimmed>) => l.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')).sort());
const chips = (studio: StudioPage, table: string) => studio.node(table).getByTestId('canvas.lineage.column');

async function pickColumn(studio: StudioPage, table: string, column: string): Promise<void> {
  await studio.node(table).click();
  await expect(studio.page.getByTestId('inspector.table')).toBeVisible();
  await expect(studio.page.getByTestId('inspector.name')).toHaveValue(table);
  await studio.page.locator(`[data-testid="inspector.column"][data-column="${column}"]`).click();
}

const shots = (studio: StudioPage, name: string) => studio.shotsAtBothSizes(name, () => studio.fitCanvas());

test('a column picked in the inspector lights its path on the canvas; Escape clears it', async ({ studio, guard, page }) => {
  await openExample(studio);

  // dim_users.city: nothing upstream; downstream through job-2 into dwd_paid_orders and, as the
  // GROUP BY key of job-3, into every column of ads_city_revenue.
  await pickColumn(studio, 'dim_users', 'city');
  const bar = page.getByTestId('canvas.lineage');
  await expect(bar).toContainText('dim_users.city');
  await expect(bar).toContainText('↑ 0 columns upstream');
  await expect(bar).toContainText('↓ 4 columns downstream');
  await expect.poll(() => names(dimmed(studio))).toEqual(['job-1', 'ods_orders', 'src_order_events']);
  await expect.poll(() => names(lit(studio))).toEqual(['ads_city_revenue', 'dim_users', 'dwd_paid_orders', 'job-2', 'job-3']);
  await expect(chips(studio, 'dim_users')).toHaveText(['city']);
  await expect(chips(studio, 'dwd_paid_orders')).toHaveText(['↓ city']);
  await expect(chips(studio, 'ads_city_revenue')).toHaveText(['↓ city', '↓ paid_orders', '↓ revenue']);
  // paid_orders only answers to city as a group key: it steers, its value does not flow.
  await expect(chips(studio, 'ads_city_revenue').nth(1)).toHaveClass(/control/);
  const down = page.getByTestId('inspector.lineage.downstream');
  await expect(down.getByTestId('inspector.lineage.item').first()).toContainText('dwd_paid_orders.city IDENTITY job-2');
  await expect(page.locator('[data-testid="inspector.column"][data-column="city"]')).toHaveClass(/active/);

  // Follow the path: trace ads_city_revenue.revenue from the canvas's table, the whole chain up.
  await pickColumn(studio, 'ads_city_revenue', 'revenue');
  await expect(bar).toContainText('ads_city_revenue.revenue');
  await expect(bar).toContainText('0 columns downstream');
  await expect(bar).toContainText('3 jobs');
  await expect.poll(() => names(dimmed(studio))).toEqual([]);
  await expect(chips(studio, 'dwd_paid_orders')).toHaveText(['↑ amount', '↑ city']);
  await expect(chips(studio, 'src_order_events').first()).toHaveText('↑ order_id');
  const up = page.getByTestId('inspector.lineage.upstream');
  await expect(up).toContainText('dwd_paid_orders.amount AGGREGATION job-3');
  await expect(up).toContainText('ods_orders.amount AGGREGATION job-2');
  await shots(studio, 'lineage-revenue');

  // A column from the list is traced in turn.
  await up.getByRole('button', { name: 'ods_orders.amount' }).click();
  await expect(bar).toContainText('ods_orders.amount');
  await expect.poll(() => names(dimmed(studio))).toEqual(['dim_users']);
  await pickColumn(studio, 'ods_orders', 'status');
  await expect(bar).toContainText('ods_orders.status');
  await shots(studio, 'lineage-status');

  // Escape clears the highlight and the bar; nothing is dimmed any more.
  await page.keyboard.press('Escape');
  await expect(bar).toBeHidden();
  await expect(dimmed(studio)).toHaveCount(0);
  await expect(lit(studio)).toHaveCount(0);
  await expect(page.getByTestId('canvas.node.lineage')).toHaveCount(0);
  await expect(page.getByTestId('inspector.lineage')).toBeHidden();

  // The ✕ clears too.
  await pickColumn(studio, 'dwd_paid_orders', 'amount');
  await expect(bar).toContainText('dwd_paid_orders.amount');
  await page.getByTestId('canvas.lineage.clear').click();
  await expect(bar).toBeHidden();
  // From the keyboard: a column row takes focus and Enter traces it.
  await page.locator('[data-testid="inspector.column"][data-column="update_time"]').focus();
  await page.keyboard.press('Enter');
  await expect(bar).toContainText('dwd_paid_orders.update_time');
  await page.keyboard.press('Escape');
  await expect(bar).toBeHidden();
  expect(guard.consoleErrors).toEqual([]);
});
