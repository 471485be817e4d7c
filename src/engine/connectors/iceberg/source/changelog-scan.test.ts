// The incremental changelog scan against the full diff it replaced: for random commit sequences
// (upserts, deletes by key and by position, copy-on-write overwrites, compaction, equality deletes
// converted into DVs), each snapshot's changes read from its files equal, as multisets of rows,
// the difference between the parent's and the snapshot's merge-on-read views.
import { describe, expect, it } from 'vitest';
import { rowKey } from '../../../runtime/keys';
import type { Change, Row } from '../../../types';
import { IcebergFilesCommitter } from '../files-committer';
import { convertEqualityDeletes } from '../convert-equality-deletes';
import { rewriteDataFiles } from '../rewrite-data-files';
import { readSnapshot } from '../scan';
import type { Snapshot } from '../snapshot';
import type { IcebergTable } from '../table';
import { IcebergTaskWriter } from '../task-writer';
import { dataFile, del, idSource, ins, ordersTable, ua } from '../testkit';
import { FileContent } from '../content-file';
import { ChangelogScanner } from './changelog-scan';

/** Net multiset difference by content: content -> (added count - removed count), zeros dropped. */
function net(removed: readonly Row[], added: readonly Row[]): Record<string, number> {
  const m: Record<string, number> = {};
  for (const r of removed) m[rowKey(r)] = (m[rowKey(r)] ?? 0) - 1;
  for (const r of added) m[rowKey(r)] = (m[rowKey(r)] ?? 0) + 1;
  for (const k of Object.keys(m)) if (m[k] === 0) delete m[k];
  return m;
}

function fullDiff(t: IcebergTable, s: Snapshot): Record<string, number> {
  const parent = s.parentId === null ? null : t.snapshot(s.parentId)!;
  return net(
    readSnapshot(t, parent).map((r) => r.row),
    readSnapshot(t, s).map((r) => r.row),
  );
}

function randomHistory(seed: number, formatVersion: 2 | 3, partitioned: boolean): IcebergTable {
  const t = ordersTable(
    { 'write.upsert.enabled': 'true', 'format-version': String(formatVersion) },
    partitioned ? { partitionBy: ['id'] } : {},
    seed,
  );
  const rnd = idSource(seed * 7919);
  const pick = (n: number) => rnd.nextU32() % n;
  const live = new Map<number, Row>();
  const writer = new IcebergTaskWriter(t);
  const committer = new IcebergFilesCommitter(t, { jobId: 'job-1', operatorId: 'sink-1' });
  let checkpoint = 0;
  let time = 1_000;
  for (let step = 0; step < 40; step++) {
    time += 1_000;
    const action = pick(10);
    if (action === 0 && t.currentSnapshot()) {
      rewriteDataFiles(t, { commitTimeMs: time, rewriteAll: true, removeDanglingDeletes: pick(2) === 0 });
      continue;
    }
    if (action === 1 && formatVersion === 3 && t.currentSnapshot()) {
      convertEqualityDeletes(t, time);
      continue;
    }
    if (action === 2 && t.currentSnapshot()) {
      // Copy-on-write overwrite: one live data file replaced by its live rows with one changed.
      const entries = t.liveEntries().filter((e) => e.file.content === FileContent.DATA);
      const hasDeletes = t.liveEntries().some((e) => e.file.content !== FileContent.DATA);
      if (entries.length > 0 && !hasDeletes) {
        const victim = entries[pick(entries.length)]!.file;
        if (victim.content === FileContent.DATA) {
          const rows = victim.rows.map((r, i) => (i === 0 ? [r[0]!, 'cow', Number(r[2]) + 1] : r));
          for (const r of rows) live.set(Number(r[0]), r);
          t.commit({ commitTimeMs: time, addedFiles: [dataFile(t, rows, victim.partition as never)], removedPaths: [victim.path] });
          continue;
        }
      }
    }
    const batch: Change[] = [];
    for (let i = 0, n = 1 + pick(6); i < n; i++) {
      const id = pick(12);
      const old = live.get(id);
      if (old && pick(4) === 0) {
        batch.push(del(...old));
        live.delete(id);
      } else {
        const row: Row = [id, `v${step}`, pick(5)];
        batch.push(old ? ua(...row) : ins(...row));
        live.set(id, row);
      }
    }
    writer.writeBatch(batch);
    checkpoint++;
    committer.prepare(checkpoint, [writer.complete()]);
    committer.notifyCheckpointComplete(checkpoint, time);
  }
  return t;
}

describe('incremental changelog scan (changesOf) equals the full diff', () => {
  for (const formatVersion of [2, 3] as const)
    for (const partitioned of [false, true])
      it(`v${formatVersion}${partitioned ? ', partitioned' : ''}: random upserts, deletes, overwrites, compactions`, () => {
        const ops = new Set<string>();
        for (let seed = 1; seed <= 12; seed++) {
          const t = randomHistory(seed, formatVersion, partitioned);
          const scanner = new ChangelogScanner(t);
          // Oldest first, as a streaming read plans them.
          for (const s of [...t.ancestors(t.currentSnapshot()!.snapshotId)].reverse()) {
            ops.add(s.operation);
            const d = scanner.changesOf(s);
            const incremental = net(d.removed.map((r) => r.row), d.added.map((r) => r.row));
            expect(incremental, `seed ${seed}, snapshot ${s.snapshotId} (${s.operation})`).toEqual(fullDiff(t, s));
            // A compaction changes no row: the full diff and the scan both emit nothing.
            if (s.operation === 'replace') {
              expect(fullDiff(t, s)).toEqual({});
              expect(d.removed.length + d.added.length).toBe(0);
            }
          }
        }
        // Every kind of commit occurred: row deltas, delete-only commits (and DV conversions in v3), compactions.
        expect([...ops].sort()).toEqual(['delete', 'overwrite', 'replace']);
      });
});
