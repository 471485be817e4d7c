import { describe, expect, it } from 'vitest';
import { impactRows, statementHead } from './impactRows';

describe('impactRows', () => {
  it('puts the repairs side by side, a blank where one did not run', () => {
    const rows = impactRows({
      atMs: 30_000,
      observeMs: 120_000,
      sameResult: null,
      runs: [
        { text: 'MERGE', status: 'finished', error: null, diagnostics: [], targets: [{ table: 't', rowsRemoved: 2, rowsAdded: 2, changes: 2 }], readers: [{ jobId: 'job-2', jobName: 'INSERT INTO a', table: 't', received: 4, emitted: 4 }] },
        { text: 'INSERT OVERWRITE', status: 'rejected', error: null, diagnostics: [], targets: [], readers: [] },
      ],
    });
    expect(rows.map((r) => [r.label, ...r.cells])).toEqual([
      ['t: rows removed', 2, null],
      ['t: rows added', 2, null],
      ['t: changes committed', 2, null],
      ['job-2 (INSERT INTO a): read', 4, null],
      ['job-2: reached its sink', 4, null],
    ]);
  });

  it('heads a column with the statement, not its comments', () => {
    expect(statementHead('-- The fix\n-- as OVERWRITE\nINSERT OVERWRITE t\nSELECT 1;')).toBe('INSERT OVERWRITE');
    expect(statementHead('/* fix */ MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE;')).toBe('MERGE INTO');
  });
});

