// The lake in the studio, driven as a person would: add an Iceberg table from the palette (format
// version and key asked on add), feed it from a datagen table by dragging, run, watch commits
// arrive on the node, open its Snapshots view and walk it with the keyboard, then query its
// `$snapshots` metadata table in the Query tab.
import { test, expect, type StudioPage } from './fixtures';

type Handle = { script(): string };
const script = (studio: StudioPage) => studio.page.evaluate(() => (window as unknown as { freshet: Handle }).freshet.script());

/** A screenshot at each size the studio is checked at (1280x800 and 1600x1000), the canvas fitted first. */
const shots = (studio: StudioPage, name: string, { fit = true } = {}) => studio.shotsAtBothSizes(name, fit ? () => studio.fitCanvas() : undefined);

const snapshotsOnNode = async (studio: StudioPage, name: string) => Number(((await studio.node(name).getByTestId('canvas.node.snapshots').textContent()) ?? '').replace(/\D/g, '') || 0);

test('an Iceberg table from the palette: format version on add, upsert DDL, commits on the node, Snapshots view, $snapshots in DuckDB', async ({ studio, guard, page }) => {
  await studio.open();
  await expect.poll(() => studio.nodes('table').count()).toBeGreaterThanOrEqual(5);

  // A datagen source in ODS, then an Iceberg table in DWD: the palette asks what it is.
  await page.getByTestId('palette.layer.ODS').click();
  await page.getByTestId('palette.item.datagen').click();
  await expect(studio.node('ods_gen_1')).toBeVisible();
  await page.getByTestId('palette.layer.DWD').click();
  await page.getByTestId('palette.item.iceberg').click();
  const dialog = page.getByTestId('lake.dialog');
  await expect(dialog).toBeVisible();
  // v2 is the default, keyed, so upsert is on; the preview shows the lines the DDL gets.
  await expect(dialog.getByRole('radio', { name: /v2/ })).toBeChecked();
  await expect(page.getByTestId('lake.keyed')).toBeChecked();
  await expect(page.getByTestId('lake.preview')).toContainText("'format-version' = '2',\n'write.upsert.enabled' = 'true'");
  // v1 is append-only: the preview drops upsert.
  await page.keyboard.press('ArrowUp');
  await expect(dialog.getByRole('radio', { name: /v1/ })).toBeChecked();
  await expect(page.getByTestId('lake.preview')).not.toContainText('upsert');
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('radio', { name: /v2/ })).toBeChecked();
  await shots(studio, 'lake-add-dialog', { fit: false }); // the modal dialog covers the canvas
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(studio.node('dwd_table_1')).toBeVisible();

  // The DDL a cluster user writes: a key, the catalog options, format v2, upsert.
  const ddl = await script(studio);
  expect(ddl).toMatch(
    /CREATE TABLE dwd_table_1 \([\s\S]*PRIMARY KEY \(id\) NOT ENFORCED\n\) WITH \(\n {2}'connector' = 'iceberg',\n {2}'catalog-name' = 'lake',\n {2}'catalog-type' = 'hadoop',\n {2}'warehouse' = 'file:\/\/\/warehouse',\n {2}'format-version' = '2',\n {2}'write.upsert.enabled' = 'true'\n\);/,
  );

  // Feed it from the datagen table by dragging between their handles.
  await page.getByTestId('canvas.fit').click();
  await studio.drag(studio.node('ods_gen_1').locator('.react-flow__handle.source'), studio.node('dwd_table_1').locator('.react-flow__handle-left.target'));
  await expect.poll(() => script(studio)).toMatch(/INSERT INTO dwd_table_1\nSELECT[\s\S]*FROM ods_gen_1;/);
  await expect(page.getByTestId('panel.problems.count')).toHaveCount(0);

  // Run: the node counts snapshots as checkpoints complete (every 10 s in the example).
  await page.getByTestId('sim.speed.10').click();
  await studio.sim('play').click();
  await expect.poll(() => snapshotsOnNode(studio, 'dwd_table_1'), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  const first = await snapshotsOnNode(studio, 'dwd_table_1');
  await expect.poll(() => snapshotsOnNode(studio, 'dwd_table_1'), { timeout: 60_000 }).toBeGreaterThan(first);
  await expect(studio.node('dwd_table_1').getByTestId('canvas.node.pending')).toContainText(/\d+ waiting/);
  await studio.sim('pause').click();
  await expect(studio.sim('status')).toHaveText(/paused/);
  await page.getByTestId('canvas.fit').click();
  await studio.node('dwd_table_1').click();
  await expect(page.getByTestId('inspector.lake')).toContainText('Iceberg v2');
  await expect(page.getByTestId('inspector.lake')).toContainText('upsert by id');
  await shots(studio, 'lake-node-commits');

  // The Snapshots view, from the inspector: one row per commit, newest first, the meta line and the strip.
  await page.getByTestId('inspector.lake.open').click();
  await expect(studio.tab('snapshots')).toHaveAttribute('aria-selected', 'true');
  const rows = page.getByTestId('snapshots.row');
  const n = await snapshotsOnNode(studio, 'dwd_table_1');
  await expect(rows).toHaveCount(n);
  await expect(page.getByTestId('snapshots.table')).toHaveValue('dwd_table_1');
  await expect(page.getByTestId('snapshots.meta')).toContainText(`Iceberg v2, upsert · ${n} snapshot`);
  // Upsert writes an equality delete per row: the first commit appends data and equality deletes.
  const newest = rows.first();
  await expect(newest).toHaveAttribute('aria-selected', 'true');
  await expect(newest).toContainText('overwrite');
  await expect(newest).toContainText(/\+\d+/);
  await expect(newest).toContainText(/\d+ eq/);
  await expect(page.getByTestId('snapshots.details')).toContainText('total-delete-files');
  // Keyboard: the list is one listbox; Down moves to the older commit, End to the first one.
  await page.getByTestId('snapshots.list').focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(rows.last()).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('snapshots.details')).toContainText('parent none (first commit)');
  await expect(page.getByTestId('snapshots.details')).toContainText('Flink checkpoint #1');
  await shots(studio, 'lake-snapshots');

  // The Query tab lists the lake table's metadata tables; clicking one inserts its quoted name.
  await studio.openTab('query');
  const meta = page.locator('[data-testid="query.schema.metadata"][data-table="dwd_table_1"]');
  await expect(meta.getByTestId('query.schema.metaTable')).toHaveCount(7);
  await expect(meta).toContainText('$snapshots');
  await expect(meta).toContainText('$delete_files');
  await studio.runQuery('SELECT snapshot_id, parent_id, operation, committed_at FROM "dwd_table_1$snapshots" ORDER BY committed_at');
  await expect(page.getByTestId('query.meta')).toContainText(`${n} rows`);
  await expect(page.getByTestId('query.meta')).toContainText('loaded dwd_table_1$snapshots');
  const grid = page.getByTestId('query.grid');
  await expect(grid.getByTestId('grid.row').first()).toContainText('overwrite');
  await expect(grid.getByTestId('grid.row').first()).toContainText(/2026-01-01 00:00:\d\d/);
  await meta.locator('[data-name="dwd_table_1$files"]').getByRole('button', { name: /Show columns/ }).click();
  await expect(meta.locator('[data-name="dwd_table_1$files"]')).toContainText('file_size_in_bytes');
  await shots(studio, 'lake-query-snapshots');

  // $files: data and delete files of the current snapshot, by content.
  await studio.runQuery('SELECT content, count(*) AS files, sum(record_count) AS records FROM "dwd_table_1$files" GROUP BY content ORDER BY content');
  await expect(page.getByTestId('query.meta')).toContainText('loaded dwd_table_1$files');
  await expect(grid.getByTestId('grid.row').first()).toBeVisible();
  // content 0 (data) and 2 (equality deletes, which upsert writes for every row).
  expect(await grid.getByTestId('grid.row').count()).toBeGreaterThanOrEqual(2);
  expect(guard.consoleErrors).toEqual([]);
  expect(guard.foreignRequests).toEqual([]);
});
