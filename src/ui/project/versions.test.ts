// Versions as a user meets them, over the real engine (TestStudio): save, edit, save again,
// compare, restore, and take the restore back.
import { describe, expect, it } from 'vitest';
import { TestStudio } from '../test/TestStudio';
import { CURRENT } from './versions';
import { summaryLine } from './versionsDiff';

const ADDED = `\nCREATE TABLE ads_status_counts (status STRING, n BIGINT, PRIMARY KEY (status) NOT ENFORCED) WITH ('connector' = 'print');\nINSERT INTO ads_status_counts SELECT status, COUNT(*) FROM ods_orders GROUP BY status;\n`;

describe('project versions', () => {
  it('saves, compares two versions with a summary from the compiled pipelines, and restores undoably', async () => {
    const t = await TestStudio.create();
    const versions = t.studio.versions;
    await versions.getState().show();
    expect(versions.getState().list).toEqual([]);

    const first = (await versions.getState().save('  first   cut '))!;
    expect(first.name).toBe('first cut');
    expect(first.summary).toBe('5 tables · 3 jobs · 3 settings');

    const original = t.script;
    await t.type(original + ADDED);
    const second = (await versions.getState().save(''))!;
    expect(second.name).toBe('Version 2');
    expect(versions.getState().list.map((v) => v.name)).toEqual(['Version 2', 'first cut']);

    // Saving a second version compares it with the one before.
    const c = versions.getState().comparison!;
    expect([c.before, c.after]).toEqual([first.id, second.id]);
    expect(c.problem).toBeNull();
    expect(summaryLine(c.summary!)).toBe('1 table added, 1 job added');
    expect(c.afterScript).toContain('ads_status_counts');

    // Restore the first: the current state is saved first, then the old script comes back.
    t.studio.project.getState().setPositions({ 'table:ods_orders': { x: 10, y: 20 } });
    await versions.getState().restore(first.id);
    await t.settle();
    expect(t.script).toBe(original);
    expect(t.studio.project.getState().positions).toEqual({});
    const auto = versions.getState().list[0]!;
    expect(auto).toMatchObject({ auto: true, name: 'Before restoring “first cut”' });
    expect(auto.script).toContain('ads_status_counts');
    expect(auto.positions).toEqual({ 'table:ods_orders': { x: 10, y: 20 } });
    expect(versions.getState().comparison).toMatchObject({ before: auto.id, after: CURRENT });
    expect(summaryLine(versions.getState().comparison!.summary!)).toBe('1 table removed, 1 job removed');

    // The restore is one edit: undo brings the script back.
    await t.undo();
    expect(t.script).toContain('ads_status_counts');
    // And restoring the automatic version does too.
    await versions.getState().restore(auto.id);
    expect(t.script).toContain('ads_status_counts');
  });

  it('still diffs the scripts when a version does not compile, and says which', async () => {
    const t = await TestStudio.create();
    const versions = t.studio.versions;
    await versions.getState().show();
    const good = (await versions.getState().save('good'))!;
    await t.type(t.script.replace('GROUP BY city;', 'GROUP BY nowhere;'));
    await versions.getState().compare(good.id, CURRENT);
    const c = versions.getState().comparison!;
    expect(c.problem).toMatch(/^The project now has errors \(line \d+: .*nowhere/);
    expect(c.afterScript).toContain('nowhere');
  });

  it('deletes a project’s versions with the project', async () => {
    const t = await TestStudio.create();
    const { versions, projects } = t.studio;
    await projects.init();
    await projects.newProject();
    await t.settle();
    const doomed = t.studio.project.getState().id;
    await versions.getState().show();
    await versions.getState().save('soon gone');
    expect(versions.getState().list).toHaveLength(1);
    // Confirm the deletion dialog as a person would.
    const answer = t.studio.dialogs.store.subscribe((s) => s.current?.resolve(true));
    await projects.removeProject(doomed);
    answer();
    await t.settle();
    t.studio.project.getState().load({ id: doomed, name: 'Again', fileName: 'a.sql', script: "SET 'parallelism.default' = '1';\n", positions: {} });
    await versions.getState().show();
    expect(versions.getState().list).toEqual([]);
  });

  it('keeps each project’s versions apart', async () => {
    const t = await TestStudio.create();
    const versions = t.studio.versions;
    await versions.getState().show();
    await versions.getState().save('of the test project');
    t.studio.project.getState().load({ id: 'other', name: 'Other', fileName: 'o.sql', script: "SET 'parallelism.default' = '1';\n", positions: {} });
    await t.settle();
    await versions.getState().show();
    expect(versions.getState().list).toEqual([]);
  });
});
