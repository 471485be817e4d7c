// One side of an interval join's state, as Flink's TimeIntervalJoin keeps it (leftCache /
// rightCache): join key -> row time -> the rows of that time, each with whether it has been
// joined ("emitted", which decides null padding on outer sides). Rows leave when the other
// side's time passes their window (expire), never through retraction: the inputs are
// insert-only. The smallest cached time is tracked so a watermark that expires nothing costs
// nothing.
//
// Size: per join key 16 + bytes(key value); per cached row bytes(row) + 8 (time) + 8 (flag).
import type { Row } from '../../types';
import type { StateKey } from '../keys';
import { ENTRY_OVERHEAD, SLOT_BYTES, rowBytes, valueBytes } from './size';

export interface CachedRow {
  row: Row;
  /** Joined at least once (an outer side pads it on expiry otherwise). */
  emitted: boolean;
}

/** Plain data of a cache: [key, [[time, [[row, emitted], ...]], ...]][]. */
export type IntervalJoinCacheSnapshot = [StateKey, [number, [Row, boolean][]][]][];

const keyBytes = (key: StateKey): number => ENTRY_OVERHEAD + (typeof key === 'string' ? valueBytes(key) : SLOT_BYTES);

export class IntervalJoinCache {
  private byKey = new Map<StateKey, Map<number, CachedRow[]>>();
  private minTime = Infinity;
  rows = 0;
  bytes = 0;

  /** The rows of `key` by time, or undefined when the key holds none. */
  bucketsOf(key: StateKey): Map<number, CachedRow[]> | undefined {
    return this.byKey.get(key);
  }

  add(key: StateKey, time: number, row: Row, emitted: boolean): void {
    let buckets = this.byKey.get(key);
    if (!buckets) {
      buckets = new Map();
      this.byKey.set(key, buckets);
      this.bytes += keyBytes(key);
    }
    const list = buckets.get(time);
    if (list) list.push({ row, emitted });
    else buckets.set(time, [{ row, emitted }]);
    this.rows++;
    this.bytes += rowBytes(row) + 2 * SLOT_BYTES;
    if (time < this.minTime) this.minTime = time;
  }

  /** Removes every row with time <= `expiration`, in key then time order; `onExpired` sees each. */
  expire(expiration: number, onExpired: (r: CachedRow) => void): void {
    if (this.minTime > expiration) return;
    let min = Infinity;
    for (const [key, buckets] of this.byKey) {
      for (const [time, list] of buckets) {
        if (time <= expiration) {
          for (const r of list) {
            onExpired(r);
            this.rows--;
            this.bytes -= rowBytes(r.row) + 2 * SLOT_BYTES;
          }
          buckets.delete(time);
        } else if (time < min) min = time;
      }
      if (buckets.size === 0) {
        this.byKey.delete(key);
        this.bytes -= keyBytes(key);
      }
    }
    this.minTime = min;
  }

  snapshot(): IntervalJoinCacheSnapshot {
    return [...this.byKey].map(([key, buckets]) => [key, [...buckets].map(([time, list]) => [time, list.map((r) => [r.row.slice(), r.emitted] as [Row, boolean])])]);
  }

  restore(s: IntervalJoinCacheSnapshot): void {
    this.byKey = new Map();
    this.minTime = Infinity;
    this.rows = 0;
    this.bytes = 0;
    for (const [key, buckets] of s) for (const [time, list] of buckets) for (const [row, emitted] of list) this.add(key, time, row.slice(), emitted);
  }
}
