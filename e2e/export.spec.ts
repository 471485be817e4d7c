// Export and versions in the studio, driven as a person would: open the bundled example, open the
// Export dialog from the toolbar, switch the target, read a report entry and the diff, click the
// entry to see both sides scroll to it, download the SQL and the bundle; save a version, edit the
// script, save another, compare them and read the summary, restore the first. Screenshots of each
// new screen at 1280x800 and 1600x1000.
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { test, expect, type StudioPage } from './fixtures';

type Handle = { script(): string };
const script = (studio: StudioPage) => studio.page.evaluate(() => (window as unknown as { freshet: Handle }).freshet.script());

/** A screenshot at each size the studio is checked at. */
const shots = (studio: StudioPage, name: string) => studio.shotsAtBothSizes(name);

/** The rendered text of one side of a Monaco diff. */
const side = (studio: StudioPage, testId: string, which: 'original' | 'modified') =>
  studio.page
    .getByTestId(testId)
    .locator(`.editor.${which} .view-lines`)
    .innerText()
    .then((t) => t.replace(/\u00a0/g, ' '));

test('export: target switch, report, diff scrolled to an entry, SQL and bundle downloads; errors instead of a diff', async ({ studio, guard, page }) => {
  await studio.open();
  await expect.poll(() => studio.nodes('table').count()).toBeGreaterThanOrEqual(5);
  // A table selected on the canvas behind the dialog.
  await studio.node('dim_users').click();
  const before = await script(studio);

  await page.getByTestId('export.open').click();
  const dialog = page.getByTestId('export.dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('export.target.flink-1.20')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('export.versions')).toContainText('Flink 1.20');
  await expect(page.getByTestId('export.entry').first()).toBeVisible();
  // The diff: the script on the left, the Flink SQL (with its header) on the right.
  await expect.poll(() => side(studio, 'export.diff', 'modified')).toContain('-- Exported by Freshet');
  await expect.poll(() => side(studio, 'export.diff', 'original')).toContain("SET 'execution.checkpointing.interval'");
  await shots(studio, 'export-dialog');

  // Flink 2.x: the report and SQL follow.
  await page.getByTestId('export.target.flink-2.x').click();
  await expect(page.getByTestId('export.target.flink-2.x')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('export.versions')).toContainText('Flink 2.0');
  await expect(page.getByTestId('export.count.lost')).toContainText(/[1-9]\d* lost/);
  await expect(page.getByTestId('export.placeholders')).toContainText('${JDBC_URL}');
  // The catalog: what the script's lake tables name until one is chosen; a choice applies to all.
  await expect(page.getByTestId('export.catalog.hadoop')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('export.catalogNote')).toContainText("As the script's lake tables say (hadoop)");
  await page.getByTestId('export.catalog.rest').click();
  await expect(page.getByTestId('export.catalogNote')).toContainText('Every lake table goes into a rest catalog');
  await expect(page.getByTestId('export.placeholders')).toContainText('${ICEBERG_REST_URI}');

  // A lost entry far down the script: clicking it scrolls both sides there and marks the lines.
  const entry = page.getByTestId('export.entry').filter({ hasText: 'job-3' });
  await expect(entry).toContainText('lost');
  await expect(entry).toContainText("'streaming.changelog'");
  await entry.click();
  await expect(entry).toHaveAttribute('aria-pressed', 'true');
  const lines = (await entry.locator('.export-entry-lines').innerText()).match(/line (\d+) → line (\d+)/)!;
  expect(Number(lines[1])).toBeGreaterThan(100);
  // The marked line is on screen on both sides, and it is the job-3 hint line.
  const marked = (which: 'original' | 'modified') => page.getByTestId('export.diff').locator(`.editor.${which} .diff-focus-line`);
  await expect(marked('original').first()).toBeVisible();
  await expect(marked('modified').first()).toBeVisible();
  await expect.poll(() => side(studio, 'export.diff', 'original')).toContain('FROM dwd_paid_orders /*+ OPTIONS');
  await expect.poll(() => side(studio, 'export.diff', 'modified')).toContain('INSERT INTO ads_city_revenue');
  await shots(studio, 'export-entry-focused');
  // Keys pressed in the dialog do not reach the canvas: the selected table is not deleted.
  await entry.focus();
  await page.keyboard.press('Delete');
  await page.keyboard.press('ControlOrMeta+Z');
  await page.waitForTimeout(300);
  await expect(page.getByTestId('canvas.delete.dialog')).toHaveCount(0);
  expect(await script(studio)).toBe(before);

  // Downloads: the SQL is what the dialog shows; the bundle holds the SQL, config.yaml, README, report.
  const sqlDownload = page.waitForEvent('download');
  await page.getByTestId('export.downloadSql').click();
  const sql = await sqlDownload;
  expect(sql.suggestedFilename()).toBe('orders-pipeline.flink-2.x.sql');
  const sqlText = readFileSync((await sql.path())!, 'utf8');
  expect(sqlText).toMatch(/^-- Exported by Freshet from orders-pipeline\.sql for Flink 2\.0/);
  expect(sqlText).not.toContain("'sim.");
  expect(sqlText).toContain('CREATE CATALOG lake');

  const zipDownload = page.waitForEvent('download');
  await page.getByTestId('export.downloadBundle').click();
  const zip = await zipDownload;
  expect(zip.suggestedFilename()).toBe('orders-pipeline-flink-2.x.zip');
  const files = unzipSync(new Uint8Array(readFileSync((await zip.path())!)));
  expect(Object.keys(files).sort()).toEqual(
    ['README.md', 'config.yaml', 'orders-pipeline.sql', 'report.json'].map((f) => `orders-pipeline-flink-2.x/${f}`).sort(),
  );
  expect(strFromU8(files['orders-pipeline-flink-2.x/orders-pipeline.sql']!)).toBe(sqlText);
  expect(strFromU8(files['orders-pipeline-flink-2.x/README.md']!)).toContain('${JDBC_URL}');

  const reportDownload = page.waitForEvent('download');
  await page.getByTestId('export.downloadReport').click();
  const report = JSON.parse(readFileSync((await (await reportDownload).path())!, 'utf8')) as { target: string; report: { severity: string }[] };
  expect(report.target).toBe('flink-2.x');
  expect(report.report.some((e) => e.severity === 'lost')).toBe(true);

  // Copy SQL says so.
  await page.getByTestId('export.copy').click();
  await expect(page.getByTestId('export.notice')).toContainText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(sqlText);

  // Escape closes; the shortcut opens it again, from the script editor too.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A script with an error: the dialog lists the located error instead of a diff.
  await studio.openTab('editor');
  const text = await script(studio);
  await studio.script.setText(text.replace('GROUP BY city;', 'GROUP BY nowhere;'));
  await studio.script.focus();
  await page.keyboard.press('ControlOrMeta+Shift+E');
  await expect(dialog).toBeVisible();
  const error = page.getByTestId('export.error').first();
  await expect(error).toContainText(/line \d+, column \d+/);
  await expect(error).toContainText('nowhere');
  await expect(page.getByTestId('export.diff')).toHaveCount(0);
  await expect(page.getByTestId('export.downloadSql')).toBeDisabled();
  await shots(studio, 'export-errors');
  // Clicking the error closes the dialog and shows it in the editor.
  await error.click();
  await expect(dialog).toBeHidden();
  await expect(studio.tab('editor')).toHaveAttribute('aria-selected', 'true');

  expect(guard.consoleErrors, guard.consoleErrors.join('\n')).toEqual([]);
  expect(guard.foreignRequests, guard.foreignRequests.join('\n')).toEqual([]);
});

test('versions: save, edit, save another, compare with a summary, restore (and the restore is undoable)', async ({ studio, guard, page }) => {
  await studio.open();
  await expect.poll(() => studio.nodes('table').count()).toBeGreaterThanOrEqual(5);
  const original = await script(studio);

  await page.getByTestId('versions.open').click();
  const dialog = page.getByTestId('versions.dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('versions.empty')).toBeVisible();
  await page.getByTestId('versions.name').fill('before the status table');
  await page.getByTestId('versions.save').click();
  await expect(page.getByTestId('versions.row')).toHaveCount(1);
  await expect(page.getByTestId('versions.row').first()).toContainText('5 tables · 3 jobs · 3 settings');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Edit the script: a new table and the job that fills it, a changed setting.
  await studio.openTab('editor');
  await studio.script.setText(
    original.replace("SET 'execution.checkpointing.interval' = '10 s';", "SET 'execution.checkpointing.interval' = '30 s';") +
      `\nCREATE TABLE ads_status_counts (status STRING, n BIGINT, PRIMARY KEY (status) NOT ENFORCED) WITH ('connector' = 'print');\n` +
      `INSERT INTO ads_status_counts SELECT status, COUNT(*) FROM ods_orders GROUP BY status;\n`,
  );
  await expect.poll(() => studio.nodes('table').count()).toBe(6);

  // Second version from the project menu; saving it compares it with the first.
  await page.getByTestId('project.menu').click();
  await expect(page.getByTestId('project.exportFlink')).toBeVisible();
  await shots(studio, 'project-menu-versions-export');
  await page.getByTestId('project.versions').click();
  await expect(dialog).toBeVisible();
  await page.getByTestId('versions.save').click(); // blank name: "Version 2"
  await expect(page.getByTestId('versions.row')).toHaveCount(2);
  await expect(page.getByTestId('versions.row').first()).toHaveAttribute('data-name', 'Version 2');
  const summary = page.getByTestId('versions.summary');
  await expect(summary).toContainText('1 table added, 1 job added, 1 setting changed');
  await expect(page.getByTestId('versions.change').filter({ hasText: 'ads_status_counts' }).first()).toHaveAttribute('data-change', 'added');
  await expect(page.getByTestId('versions.change').filter({ hasText: 'execution.checkpointing.interval' })).toContainText("'10 s' → '30 s'");
  await expect.poll(() => side(studio, 'versions.diff', 'modified')).toContain("SET 'execution.checkpointing.interval' = '30 s';");
  await expect.poll(() => side(studio, 'versions.diff', 'original')).toContain("SET 'execution.checkpointing.interval' = '10 s';");
  await shots(studio, 'versions-compare');

  // Compare the other way round with the selects.
  const [first, second] = await page.getByTestId('versions.row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
  expect([first, second]).toEqual(['Version 2', 'before the status table']);
  await page.getByTestId('versions.before').selectOption({ index: 1 }); // Version 2
  await page.getByTestId('versions.after').selectOption({ index: 2 }); // the first one
  await expect(summary).toContainText('1 table removed, 1 job removed, 1 setting changed');

  // Restore the first: the project goes back; the state before is kept as an automatic version.
  await page.getByTestId('versions.row').filter({ hasText: 'before the status table' }).getByTestId('versions.restore').click();
  await expect.poll(() => script(studio)).toBe(original);
  await expect(page.getByTestId('versions.row')).toHaveCount(3);
  await expect(page.getByTestId('versions.row').first()).toContainText('Before restoring “before the status table”');
  await expect(page.getByTestId('versions.row').first()).toContainText('auto');
  await expect(summary).toContainText('1 table removed, 1 job removed, 1 setting changed');
  await shots(studio, 'versions-restored');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect.poll(() => studio.nodes('table').count()).toBe(5);

  // Ctrl+Z in the studio takes the restore back.
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => script(studio)).toContain('ads_status_counts');

  // Versions survive a reload.
  await page.reload();
  await expect(studio.toolbar).toBeVisible();
  await page.getByTestId('versions.open').click();
  await expect(page.getByTestId('versions.row')).toHaveCount(3);

  expect(guard.consoleErrors, guard.consoleErrors.join('\n')).toEqual([]);
  expect(guard.foreignRequests, guard.foreignRequests.join('\n')).toEqual([]);
});
