// Lookup join (Flink's LookupJoinRunner / LookupJoinWithCalcRunner over a LookupTableSource, with
// the DefaultLookupCache of FLIP-221): each input row looks its key up in the dimension table as
// the table stands at that virtual time, and is emitted at once joined with every row found that
// passes the residual (LEFT JOIN: padded with NULLs when none does), with the input row's kind.
// No state: later changes of the dimension table never revise emitted rows.
// With `lookup.cache` = PARTIAL the results of a key are cached: a hit is served from the cache,
// stale or not, until the entry expires (expire-after-write since it was loaded, expire-after-
// access since it was last read) or is evicted (max-rows keys, least recently used first); an
// empty result is cached unless cache-missing-key is false. The cache is not checkpointed (it is
// heap memory in Flink too): a restored job starts with it empty. A NULL key value finds nothing.
import type { Batch, Row, Value } from '../types';
import type { Operator, OperatorContext, StateSize } from './operator';
import { normaliseParallelism, spreadLoad, valueKey } from './keys';
import { ENTRY_OVERHEAD, rowBytes } from './state/size';

/** Reads the dimension table as it is now: the rows whose `keyColumns` equal `values`. */
export interface LookupSource {
  lookup(keyColumns: readonly number[], values: readonly Value[]): Row[];
}

export interface LookupCacheOptions {
  /** Max keys cached; null: unbounded. */
  maxRows: number | null;
  expireAfterWriteMs: number | null;
  expireAfterAccessMs: number | null;
  cacheMissingKey: boolean;
}

export interface LookupJoinOptions {
  joinType: 'INNER' | 'LEFT';
  leftKeys: readonly number[];
  /** The dimension table's columns the keys are matched on. */
  lookupKeys: readonly number[];
  rightArity: number;
  residual: ((row: Row) => Value) | null;
  source: LookupSource;
  /** null: no cache (`lookup.cache` = NONE). */
  cache: LookupCacheOptions | null;
  parallelism?: number;
  epochMs: number;
}

interface CacheEntry {
  rows: Row[];
  writtenAt: number;
  accessedAt: number;
  bytes: number;
}

export class LookupJoinOperator implements Operator {
  /** Cached keys in least-recently-used order (a Map keeps insertion order; a hit moves its key last). */
  private cache = new Map<string, CacheEntry>();
  private cacheBytes = 0;
  private readonly nullRight: Value[];
  private readonly load: number[];
  private offset = 0;
  private hits = 0;
  private misses = 0;

  constructor(private readonly o: LookupJoinOptions) {
    this.nullRight = new Array<Value>(o.rightArity).fill(null);
    this.load = new Array<number>(normaliseParallelism(o.parallelism)).fill(0);
  }

  process(batch: Batch, _port: number, ctx: OperatorContext): Batch {
    this.load.fill(0);
    this.offset = spreadLoad(this.load, batch.length, this.offset);
    const now = this.o.epochMs + ctx.now;
    const out: Batch = [];
    for (const ch of batch) {
      const values = this.o.leftKeys.map((k) => ch.row[k]!);
      let matched = false;
      for (const right of this.rowsOf(values, now)) {
        const joined = [...ch.row, ...right];
        if (this.o.residual !== null && this.o.residual(joined) !== true) continue;
        out.push({ kind: ch.kind, row: joined });
        matched = true;
      }
      if (!matched && this.o.joinType === 'LEFT') out.push({ kind: ch.kind, row: [...ch.row, ...this.nullRight] });
    }
    return out;
  }

  /** The dimension rows of a key: from the cache when it holds a live entry, else from the table. */
  private rowsOf(values: Value[], now: number): Row[] {
    if (values.some((v) => v === null)) return [];
    const c = this.o.cache;
    if (c === null) return this.o.source.lookup(this.o.lookupKeys, values);
    const key = values.map(valueKey).join('');
    const hit = this.cache.get(key);
    if (hit) {
      const expired = (c.expireAfterWriteMs !== null && now - hit.writtenAt >= c.expireAfterWriteMs) || (c.expireAfterAccessMs !== null && now - hit.accessedAt >= c.expireAfterAccessMs);
      this.evict(key, hit);
      if (!expired) {
        this.hits++;
        hit.accessedAt = now;
        this.cache.set(key, hit);
        this.cacheBytes += hit.bytes;
        return hit.rows;
      }
    }
    this.misses++;
    const rows = this.o.source.lookup(this.o.lookupKeys, values);
    if (rows.length > 0 || c.cacheMissingKey) {
      const entry: CacheEntry = { rows, writtenAt: now, accessedAt: now, bytes: ENTRY_OVERHEAD + key.length * 2 + rows.reduce((n, r) => n + rowBytes(r), 0) };
      this.cache.set(key, entry);
      this.cacheBytes += entry.bytes;
      while (c.maxRows !== null && this.cache.size > c.maxRows) {
        const [oldest, e] = this.cache.entries().next().value as [string, CacheEntry];
        this.evict(oldest, e);
      }
    }
    return rows;
  }

  private evict(key: string, e: CacheEntry): void {
    this.cache.delete(key);
    this.cacheBytes -= e.bytes;
  }

  /** Cache hits and misses so far (Flink's hitCount / missCount lookup metrics). */
  cacheStats(): { hits: number; misses: number; size: number } {
    return { hits: this.hits, misses: this.misses, size: this.cache.size };
  }

  snapshot(): unknown {
    return null;
  }

  restore(_snapshot: unknown): void {
    this.cache = new Map();
    this.cacheBytes = 0;
  }

  /** The cache: per key 16 + the key's characters + bytes(row) per cached row. */
  stateSize(): StateSize {
    let rows = 0;
    for (const e of this.cache.values()) rows += e.rows.length;
    return { rows, bytes: this.cacheBytes };
  }

  lastSubtaskLoad(): number[] {
    return this.load.slice();
  }
}

export function lookupJoin(options: LookupJoinOptions): LookupJoinOperator {
  return new LookupJoinOperator(options);
}
