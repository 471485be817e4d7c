// Heap bytes per GroupAggregate group after a forced GC (issue 14's goal: at most 150), against
// what the operator reports in stateSize() (goal: within 25%). COUNT(*), SUM(amount), MAX(amount)
// GROUP BY an INT key, as the e2e aggregation builds it, over insert-only input (MAX keeps one
// value) and over a changelog input (MAX keeps its value -> count view for retractions).
//   npx tsx bench/group-bytes.ts [groups]
import { getHeapStatistics } from 'node:v8';
import { pathToFileURL } from 'node:url';
import { groupAggregate } from '../src/engine/runtime/index';
import { RowKind, type Batch } from '../src/engine/types';
import { fullGc } from './harness';

export interface GroupBytes {
  inputInsertOnly: boolean;
  groups: number;
  measured: number;
  reported: number;
}

const INT = { name: 'INT' as const };
const AGGS = [
  { fn: 'COUNT_STAR' as const, arg: null, distinct: false, filter: null, type: { name: 'BIGINT' as const } },
  { fn: 'SUM' as const, arg: 1, distinct: false, filter: null, type: INT },
  { fn: 'MAX' as const, arg: 1, distinct: false, filter: null, type: INT },
];

export function measureGroupBytes(groups: number): GroupBytes[] {
  const results: GroupBytes[] = [];
  for (const insertOnly of [true, false]) {
    fullGc();
    fullGc();
    const before = getHeapStatistics().used_heap_size;
    const op = groupAggregate({ groupKeys: [0], aggs: AGGS, parallelism: 1, inputInsertOnly: insertOnly });
    // Two records per group, so every group has been updated once.
    for (let pass = 0; pass < 2; pass++)
      for (let b = 0; b < groups; b += 10_000) {
        const batch: Batch = [];
        for (let i = b; i < Math.min(groups, b + 10_000); i++) batch.push({ kind: RowKind.INSERT, row: [i, (i * 7 + pass) % 1000] });
        op.process(batch, 0, { now: 0 });
      }
    fullGc();
    fullGc();
    const measured = (getHeapStatistics().used_heap_size - before) / groups;
    const reported = op.stateSize().bytes / groups;
    if (op.groupCount() !== groups) throw new Error('lost groups');
    results.push({ inputInsertOnly: insertOnly, groups, measured, reported });
  }
  return results;
}

export function formatGroupBytes(results: GroupBytes[]): string {
  const lines = results.map(
    (r) =>
      `  ${r.inputInsertOnly ? 'insert-only input' : 'changelog input  '}: ${r.measured.toFixed(0)} B per group measured (heap after GC, ${r.groups.toLocaleString('en-US')} groups), ${r.reported.toFixed(0)} B reported (${((r.reported / r.measured) * 100).toFixed(0)}%)`,
  );
  return ['', 'GroupAggregate state per group (goal: at most 150 B measured, reported within 25%):', ...lines, ''].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(formatGroupBytes(measureGroupBytes(Number(process.argv[2] ?? 200_000))));
}
