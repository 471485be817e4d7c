// The lookup join operator: each row reads the dimension table as it is now, and a PARTIAL cache
// serves stale rows until they expire or are evicted, as Flink's DefaultLookupCache does.
import { describe, expect, it } from 'vitest';
import type { Row, Value } from '../types';
import { LookupJoinOperator, type LookupCacheOptions, type LookupJoinOptions } from './lookup-join';
import { I, UA, show } from './testkit';

/** A dimension table [id, name] the test changes between batches. */
function dim(rows: Row[]) {
  let reads = 0;
  return {
    rows,
    get reads() {
      return reads;
    },
    lookup(keyColumns: readonly number[], values: readonly Value[]): Row[] {
      reads++;
      return this.rows.filter((r) => keyColumns.every((k, i) => r[k] === values[i]));
    },
  };
}

const CACHE: LookupCacheOptions = { maxRows: null, expireAfterWriteMs: null, expireAfterAccessMs: null, cacheMissingKey: true };

function op(source: ReturnType<typeof dim>, o: Partial<LookupJoinOptions> = {}): LookupJoinOperator {
  return new LookupJoinOperator({ joinType: 'INNER', leftKeys: [1], lookupKeys: [0], rightArity: 2, residual: null, source, cache: null, epochMs: 0, ...o });
}
const at = (now: number) => ({ now });

describe('LookupJoinOperator', () => {
  it('without a cache, every row sees the table as it is now; LEFT pads a miss; row kinds pass through', () => {
    const d = dim([[1, 'a']]);
    const j = op(d, { joinType: 'LEFT' });
    expect(show(j.process([I(10, 1), I(11, 2)], 0, at(0)))).toEqual(['+I[10, 1, 1, a]', '+I[11, 2, NULL, NULL]']);
    d.rows = [[1, 'b'], [2, 'c']];
    expect(show(j.process([UA(12, 1), I(13, 2), I(14, null)], 0, at(1)))).toEqual(['+U[12, 1, 1, b]', '+I[13, 2, 2, c]', '+I[14, NULL, NULL, NULL]']);
  });

  it('a PARTIAL cache serves stale rows until expire-after-write, and caches a missing key', () => {
    const d = dim([[1, 'a']]);
    const j = op(d, { cache: { ...CACHE, expireAfterWriteMs: 1000 } });
    expect(show(j.process([I(10, 1), I(11, 2)], 0, at(0)))).toEqual(['+I[10, 1, 1, a]']);
    d.rows = [[1, 'b'], [2, 'c']];
    expect(show(j.process([I(12, 1), I(13, 2)], 0, at(999)))).toEqual(['+I[12, 1, 1, a]']);
    expect(d.reads).toBe(2);
    expect(show(j.process([I(14, 1), I(15, 2)], 0, at(1000)))).toEqual(['+I[14, 1, 1, b]', '+I[15, 2, 2, c]']);
    expect(j.cacheStats()).toEqual({ hits: 2, misses: 4, size: 2 });
  });

  it('expire-after-access, max-rows (least recently used first) and cache-missing-key = false', () => {
    const d = dim([[1, 'a'], [2, 'b'], [3, 'c']]);
    const j = op(d, { cache: { ...CACHE, expireAfterAccessMs: 100, maxRows: 2, cacheMissingKey: false } });
    j.process([I(0, 1), I(0, 2)], 0, at(0));
    j.process([I(0, 1)], 0, at(50)); // key 1 read again: key 2 is now the least recently used
    j.process([I(0, 3)], 0, at(60)); // evicts key 2
    expect(j.cacheStats()).toMatchObject({ hits: 1, misses: 3, size: 2 });
    j.process([I(0, 2)], 0, at(70)); // a miss again
    j.process([I(0, 1)], 0, at(200)); // last read at 50: expired
    j.process([I(0, 9), I(0, 9)], 0, at(201)); // missing keys are not cached
    expect(j.cacheStats()).toMatchObject({ hits: 1, misses: 7 });
  });

  it('the cache is not part of a checkpoint: a restored operator starts cold', () => {
    const d = dim([[1, 'a']]);
    const j = op(d, { cache: CACHE });
    j.process([I(0, 1)], 0, at(0));
    d.rows = [[1, 'b']];
    expect(show(j.process([I(0, 1)], 0, at(1)))).toEqual(['+I[0, 1, 1, a]']);
    j.restore(j.snapshot());
    expect(show(j.process([I(0, 1)], 0, at(2)))).toEqual(['+I[0, 1, 1, b]']);
  });
});
