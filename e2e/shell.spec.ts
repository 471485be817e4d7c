import { test, expect } from './fixtures';

test('the studio opens offline, highlights Flink SQL and runs DuckDB queries', async ({ studio, guard, page }) => {
  await studio.open();

  // Layout: palette, canvas with lanes, inspector, bottom tabs, sim controls.
  await expect(page.getByTestId('palette')).toBeVisible();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await expect(page.getByTestId('canvas.lane.ODS')).toBeVisible();
  await expect(page.getByTestId('canvas.lane.ADS')).toBeVisible();
  for (const tab of ['editor', 'metrics', 'data', 'query', 'problems'] as const) await expect(studio.tab(tab)).toBeVisible();
  await expect(studio.sim('play')).toBeVisible();
  await expect(page.getByTestId('palette.item.iceberg')).toBeDisabled();

  // Monaco renders the example with Flink SQL token colours: keywords, types and hints differ.
  const editor = studio.script.root;
  await expect(editor.locator('.view-lines')).toContainText('CREATE TABLE');
  // Colour of the first rendered token whose text (trimmed) is `text`.
  const colorOf = (text: string) =>
    editor.locator('.view-lines').evaluate((root, t) => {
      for (const span of root.querySelectorAll('.view-line > span > span')) {
        if ((span.textContent ?? '').replace(/\u00a0/g, ' ').trim() === t) return getComputedStyle(span).color;
      }
      return null;
    }, text);
  const keyword = await colorOf('CREATE');
  const type = await colorOf('BIGINT');
  const ident = await colorOf('order_id');
  const str = await colorOf("'connector'");
  expect(keyword && type && ident && str).toBeTruthy();
  expect(new Set([keyword, type, ident, str]).size).toBe(4);
  const hint = await colorOf('STATE_TTL');
  if (hint !== null) expect([keyword, type, ident, str]).not.toContain(hint);
  await studio.shot('shell-editor');

  // DuckDB-wasm: SELECT 42 with Ctrl+Enter.
  await studio.runQuery('SELECT 42 AS answer');
  const grid = page.getByTestId('query.grid');
  await expect(grid).toBeVisible({ timeout: 60_000 });
  await expect(grid.getByTestId('grid.row').first()).toContainText('42');
  await expect(page.getByTestId('query.history')).toContainText('SELECT 42');

  // Errors show inline and leave the history marked failed.
  await studio.runQuery('SELECT * FROM no_such_table');
  await expect(page.getByTestId('query.error')).toContainText(/no_such_table/i);
  await studio.shot('shell-query');

  expect(guard.consoleErrors, guard.consoleErrors.join('\n')).toEqual([]);
  expect(guard.foreignRequests, guard.foreignRequests.join('\n')).toEqual([]);
});
