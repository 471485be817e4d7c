import { test, expect } from './fixtures';

test('the studio opens offline, highlights Flink SQL and runs DuckDB queries', async ({ studio, guard, page }) => {
  await studio.open();

  // Layout: palette, canvas with lanes, inspector, bottom tabs, sim controls.
  await expect(page.getByTestId('palette')).toBeVisible();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await expect(page.getByTestId('canvas.lane.ODS')).toBeVisible();
  await expect(page.getByTestId('canvas.lane.ADS')).toBeVisible();
  for (const tab of ['editor', 'metrics', 'data', 'snapshots', 'query', 'problems'] as const) await expect(studio.tab(tab)).toBeVisible();
  await expect(studio.sim('play')).toBeVisible();
  await expect(page.getByTestId('palette.item.iceberg')).toBeEnabled();

  // Monaco renders the example with Flink SQL token colours: keywords, types and hints differ.
  const editor = studio.script.root;
  await expect(editor.locator('.view-lines')).toContainText('CREATE TABLE');
  // Colour of the first rendered token whose text (trimmed) matches.
  const colorIn = (root: typeof editor, match: string) =>
    root.locator('.view-lines').evaluate((el, m) => {
      const re = new RegExp(m);
      for (const span of el.querySelectorAll('.view-line > span > span')) {
        if (re.test((span.textContent ?? '').replace(/\u00a0/g, ' ').trim())) return getComputedStyle(span).color;
      }
      return null;
    }, match);
  const keyword = await colorIn(editor, '^CREATE$');
  const type = await colorIn(editor, '^BIGINT$');
  const ident = await colorIn(editor, '^order_id$');
  const str = await colorIn(editor, "^'.*'$");
  const comment = await colorIn(editor, '^--');
  expect([keyword, type, ident, str, comment]).not.toContain(null);
  expect(new Set([keyword, type, ident, str, comment]).size).toBe(5);

  // Hints get their own colours, apart from comments, keywords and strings.
  await studio.openTab('query');
  await studio.queryInput.setText("SELECT /*+ STATE_TTL('t' = '1d') */ CAST(1 AS BIGINT) AS x -- note");
  const q = studio.queryInput.root;
  // Tokenizing pasted text finishes a moment after it is on screen.
  await expect.poll(() => colorIn(q, '^STATE_TTL$')).not.toBeNull();
  const hintName = await colorIn(q, '^STATE_TTL$');
  const hintOpen = await colorIn(q, '^/\\*\\+$');
  const qComment = await colorIn(q, '^-- note$');
  const qKeyword = await colorIn(q, '^SELECT$');
  expect([hintName, hintOpen, qComment, qKeyword]).not.toContain(null);
  expect([qComment, qKeyword, str]).not.toContain(hintName);
  expect([qComment, qKeyword, str]).not.toContain(hintOpen);
  await studio.shot('shell-hint');
  await studio.openTab('editor');
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
