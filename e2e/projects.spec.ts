// Projects: several projects in IndexedDB, switch, rename, delete with an in-app confirmation,
// export and import (script and project file), corrupt imports refused with nothing changed,
// Ctrl+S, the keyboard-driven menu, and a reload that keeps everything.
import { readFileSync } from 'node:fs';
import { test, expect, StudioPage } from './fixtures';
import type { Page } from '@playwright/test';

interface Handle {
  freshet: { script(): string; projectId(): string; positions(): Record<string, { x: number; y: number }> };
}
const state = (page: Page) =>
  page.evaluate(() => {
    const f = (window as unknown as Handle).freshet;
    return { id: f.projectId(), script: f.script(), positions: f.positions() };
  });

const openMenu = (page: Page) => new StudioPage(page).openProjectMenu();
const projectNames = (page: Page) => new StudioPage(page).projectNames();

const row = (page: Page, name: string) => page.locator(`[data-testid="project.row"][data-name="${name}"]`);

async function waitSaved(page: Page) {
  await expect(page.getByTestId('project.saved')).toHaveText('saved');
  // The autosave is debounced by 400 ms.
  await page.waitForTimeout(600);
  await expect(page.getByTestId('project.saved')).toHaveText('saved');
}

async function dragFirstTable(studio: StudioPage, dy: number) {
  const node = studio.nodes('table').first();
  const box = (await node.boundingBox())!;
  await studio.page.mouse.move(box.x + 40, box.y + 12);
  await studio.page.mouse.down();
  await studio.page.mouse.move(box.x + 40, box.y + 12 + dy, { steps: 8 });
  await studio.page.mouse.up();
}

test('projects: create, switch, rename, delete, export/import, corrupt files refused, reload keeps everything', async ({ studio, guard, page }) => {
  await studio.open();
  await expect.poll(() => studio.nodes('table').count()).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('project.name')).toHaveText('Orders pipeline');
  await dragFirstTable(studio, 120);
  await waitSaved(page);
  const example = await state(page);
  expect(Object.keys(example.positions).length).toBeGreaterThan(0);

  // A second project, from the menu.
  await openMenu(page);
  await studio.shot('projects-menu');
  await page.getByTestId('project.new').click();
  await expect(page.getByTestId('project.name')).toHaveText('Untitled');
  await expect.poll(() => studio.nodes('table').count()).toBe(0);
  const untitled = await state(page);
  expect(untitled.id).not.toBe(example.id);
  expect(await projectNames(page)).toEqual(['Orders pipeline', 'Untitled']);

  // Switch back: the example's script and layout come back.
  await openMenu(page);
  await row(page, 'Orders pipeline').getByTestId('project.open').click();
  await expect(page.getByTestId('project.name')).toHaveText('Orders pipeline');
  await expect.poll(() => studio.nodes('table').count()).toBeGreaterThanOrEqual(3);
  expect(await state(page)).toEqual(example);

  // Rename from the menu.
  await openMenu(page);
  await page.getByTestId('project.rename').click();
  const input = page.getByTestId('project.renameInput');
  await expect(input).toBeFocused();
  await input.fill('Orders v2');
  await input.press('Enter');
  await expect(page.getByTestId('project.name')).toHaveText('Orders v2');
  expect(await projectNames(page)).toEqual(['Orders v2', 'Untitled']);

  // Ctrl+S saves at once and says so, also from inside Monaco.
  await studio.script.focus();
  await page.keyboard.press('ControlOrMeta+S');
  await expect(page.getByTestId('status.toast')).toContainText('Saved “Orders v2”');
  await expect(page.getByTestId('project.saved')).toHaveText('saved');

  // Export the script and the project file.
  await openMenu(page);
  const sqlDownload = page.waitForEvent('download');
  await page.getByTestId('project.exportSql').click();
  const sqlFile = await sqlDownload;
  expect(sqlFile.suggestedFilename()).toMatch(/\.sql$/);
  expect(readFileSync((await sqlFile.path())!, 'utf8')).toBe(example.script);
  await openMenu(page);
  const projDownload = page.waitForEvent('download');
  await page.getByTestId('project.exportProject').click();
  const projFile = await projDownload;
  expect(projFile.suggestedFilename()).toBe('orders-v2.freshet.json');
  const exported = readFileSync((await projFile.path())!, 'utf8');
  const parsed = JSON.parse(exported) as { format: string; version: number; name: string; script: string; positions: unknown };
  expect(parsed).toMatchObject({ format: 'freshet-project', version: 1, name: 'Orders v2', script: example.script, positions: example.positions });

  // Corrupt or foreign files are refused, saying what is wrong, and nothing changes.
  const before = await state(page);
  const namesBefore = await projectNames(page);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const cases: { name: string; buffer: Buffer; says: RegExp }[] = [
    { name: 'layout.json', buffer: png, says: /layout\.json is a PNG image, not a Freshet project file/ },
    { name: 'package.json', buffer: Buffer.from('{"name": "web", "version": "1.0.0"}'), says: /package\.json is JSON but not a Freshet project file/ },
    {
      name: 'future.freshet.json',
      buffer: Buffer.from(JSON.stringify({ ...parsed, version: 7 })),
      says: /future\.freshet\.json was written by a newer Freshet \(project format version 7\); this studio reads version 1/,
    },
    { name: 'empty.sql', buffer: Buffer.alloc(0), says: /empty\.sql is empty/ },
  ];
  for (const c of cases) {
    await page.getByTestId('project.file').setInputFiles({ name: c.name, mimeType: 'application/octet-stream', buffer: c.buffer });
    const dialog = page.getByTestId('dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('dialog.title')).toHaveText('Import refused');
    await expect(page.getByTestId('dialog.body')).toContainText(c.says);
    await expect(page.getByTestId('dialog.body')).toContainText('Nothing was changed.');
    if (c.name === 'layout.json') await studio.shot('projects-import-refused');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    expect(await state(page)).toEqual(before);
  }
  expect(await projectNames(page)).toEqual(namesBefore);

  // Importing the exported project file makes a new project with the same script and layout.
  await page.getByTestId('project.file').setInputFiles({ name: 'orders-v2.freshet.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(page.getByTestId('project.name')).toHaveText('Orders v2 2');
  const imported = await state(page);
  expect(imported.id).not.toBe(before.id);
  expect(imported.script).toBe(example.script);
  expect(imported.positions).toEqual(example.positions);
  await expect.poll(() => studio.nodes('table').count()).toBeGreaterThanOrEqual(3);
  // And a bare .sql script.
  await page.getByTestId('project.file').setInputFiles({ name: 'tiny.sql', mimeType: 'application/sql', buffer: Buffer.from("CREATE TABLE ods_x (a INT) WITH ('connector' = 'datagen');\n") });
  await expect(page.getByTestId('project.name')).toHaveText('tiny');
  await expect(studio.node('ods_x')).toBeVisible();
  expect(await projectNames(page)).toEqual(['Orders v2', 'Orders v2 2', 'Untitled', 'tiny']);

  // Delete asks first, in the studio: Cancel keeps the project, Delete removes it.
  await openMenu(page);
  await row(page, 'Untitled').getByTestId('project.delete').click();
  await expect(page.getByTestId('dialog.title')).toHaveText('Delete “Untitled”?');
  await expect(page.getByTestId('dialog.cancel')).toBeFocused();
  await studio.shot('projects-delete-confirm');
  await page.getByTestId('dialog.cancel').click();
  expect(await projectNames(page)).toContain('Untitled');
  await openMenu(page);
  await row(page, 'Untitled').getByTestId('project.delete').click();
  await page.getByTestId('dialog.confirm').click();
  await expect(page.getByTestId('dialog')).toBeHidden();
  expect(await projectNames(page)).toEqual(['Orders v2', 'Orders v2 2', 'tiny']);
  // Deleting the open project opens another one.
  await openMenu(page);
  await page.getByTestId('project.deleteCurrent').click();
  await page.getByTestId('dialog.confirm').click();
  await expect(page.getByTestId('project.name')).not.toHaveText('tiny');
  expect(await projectNames(page)).toEqual(['Orders v2', 'Orders v2 2']);

  // The menu works from the keyboard: ArrowDown opens it on the open project, arrows move,
  // Enter opens, Escape closes and gives focus back.
  await openMenu(page);
  await row(page, 'Orders v2').getByTestId('project.open').click();
  await expect(page.getByTestId('project.name')).toHaveText('Orders v2');
  await page.getByTestId('project.menu').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('project.dropdown')).toBeVisible();
  await expect(row(page, 'Orders v2').getByTestId('project.open')).toBeFocused();
  // The list is most recent first: the open project, then the other one.
  await page.keyboard.press('ArrowDown');
  await expect(row(page, 'Orders v2 2').getByTestId('project.open')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('project.exportProject')).toBeFocused();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('project.name')).toHaveText('Orders v2 2');
  await expect(page.getByTestId('project.menu')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('project.dropdown')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('project.dropdown')).toBeHidden();
  await expect(page.getByTestId('project.menu')).toBeFocused();

  // Reload: the open project, the list, names, script and layout all come back.
  await waitSaved(page);
  const last = await state(page);
  await page.reload();
  await expect(studio.toolbar).toBeVisible();
  await expect(page.getByTestId('project.name')).toHaveText('Orders v2 2');
  await expect.poll(() => studio.nodes('table').count()).toBeGreaterThanOrEqual(3);
  expect(await state(page)).toEqual(last);
  expect(await projectNames(page)).toEqual(['Orders v2', 'Orders v2 2']);
  await studio.shot('projects-reloaded');

  expect(guard.consoleErrors, guard.consoleErrors.join('\n')).toEqual([]);
  expect(guard.foreignRequests, guard.foreignRequests.join('\n')).toEqual([]);
});
