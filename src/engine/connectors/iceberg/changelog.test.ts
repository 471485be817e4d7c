// Randomised: changelog streams with updates and deletes, cut into random checkpoints, written
// through the sink into v2 and v3 tables (upsert and retract), with maintenance in between. The
// merge-on-read view must equal the keyed table the stream describes.
import { describe, expect, it } from 'vitest';
import { IcebergTaskWriter } from './task-writer';
import { IcebergFilesCommitter } from './files-committer';
import { rewriteDataFiles } from './rewrite-data-files';
import { convertEqualityDeletes } from './convert-equality-deletes';
import { expireSnapshots } from './expire-snapshots';
import { del, idSource, ins, ordersTable, rows, ua, ub } from './testkit';
import type { Change, Row } from '../../types';

function randomStream(seed: number, length: number, retract: boolean): Change[] {
  const rnd = idSource(seed);
  const state = new Map<number, Row>();
  const out: Change[] = [];
  for (let i = 0; i < length; i++) {
    const id = rnd.nextU32() % 12;
    const old = state.get(id);
    const roll = rnd.nextU32() % 10;
    if (!old) {
      const row = [id, 'v' + i, i];
      state.set(id, row);
      out.push(ins(...row));
    } else if (roll < 6) {
      const row = [id, 'v' + i, i];
      if (retract) out.push(ub(...old));
      out.push(ua(...row));
      state.set(id, row);
    } else {
      out.push(retract ? del(...old) : del(id, null, null));
      state.delete(id);
    }
  }
  return out;
}

function expectedRows(stream: Change[]): Row[] {
  const state = new Map<number, Row>();
  for (const c of stream) {
    if (c.kind === 0 || c.kind === 2) state.set(c.row[0] as number, c.row);
    else if (c.kind === 3) state.delete(c.row[0] as number);
  }
  return [...state.values()].sort((a, b) => Number(a[0]) - Number(b[0]));
}

describe('changelog into lake tables (randomised)', () => {
  for (const version of ['2', '3'] as const) {
    for (const upsert of [true, false]) {
      it(`v${version} ${upsert ? 'upsert' : 'retract'}: the view equals the keyed table, through maintenance`, () => {
        for (let seed = 1; seed <= 12; seed++) {
          const t = ordersTable(
            {
              'format-version': version,
              'write.upsert.enabled': String(upsert),
              'commit.manifest.min-count-to-merge': '5',
            },
            {},
            seed,
          );
          const stream = randomStream(seed, 150, !upsert);
          const rnd = idSource(seed * 7919);
          const w = new IcebergTaskWriter(t);
          const c = new IcebergFilesCommitter(t, { jobId: 'j', operatorId: 'o' });
          let checkpoint = 0;
          let time = 0;
          for (let i = 0; i < stream.length; i++) {
            w.write(stream[i]!);
            if (rnd.nextU32() % 9 === 0 || i === stream.length - 1) {
              c.prepare(++checkpoint, [w.complete()]);
              // Notifications are sometimes late: the next one commits both.
              if (rnd.nextU32() % 3 !== 0 || i === stream.length - 1)
                c.notifyCheckpointComplete(checkpoint, (time += 1000));
              const roll = rnd.nextU32() % 8;
              if (roll === 0)
                rewriteDataFiles(t, {
                  commitTimeMs: (time += 10),
                  minInputFiles: 3,
                  removeDanglingDeletes: true,
                });
              if (roll === 1 && version === '3') convertEqualityDeletes(t, (time += 10));
              if (roll === 2)
                expireSnapshots(t, { nowMs: time, olderThanMs: time - 3000, retainLast: 2 });
            }
          }
          expect(rows(t), `seed ${seed}`).toEqual(expectedRows(stream));
        }
      });
    }
  }
});
