// The state of a Top-N: per partition key, its live rows sorted by the sort keys (rows with equal
// sort keys in arrival order, as Flink's TopNBuffer keeps them). Retractable: a retraction removes
// one equal row. Flink's AppendOnlyTopNFunction keeps only the first N rows of insert-only input;
// Freshet keeps every live row (so retractions need no source re-read), which its size reports.
//
// Size: per partition 16 + bytes(key value); per row bytes(row).
import type { Row, Value } from '../../types';
import type { SortKey } from '../../plan/graph';
import { rowsEqual, type StateKey } from '../keys';
import { ENTRY_OVERHEAD, SLOT_BYTES, rowBytes, valueBytes } from './size';

/** SQL ordering of two values of one type; NULL placement is the sort key's. */
function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

export function rowComparator(keys: readonly SortKey[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const k of keys) {
      const x = a[k.index]!;
      const y = b[k.index]!;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === k.nullsFirst ? -1 : 1;
      }
      const c = compareValues(x, y);
      if (c !== 0) return k.descending ? -c : c;
    }
    return 0;
  };
}

const keyBytes = (key: StateKey): number => ENTRY_OVERHEAD + (typeof key === 'string' ? valueBytes(key) : SLOT_BYTES);

export class RankState {
  private byKey = new Map<StateKey, Row[]>();
  rows = 0;
  bytes = 0;

  constructor(private readonly compare: (a: Row, b: Row) => number) {}

  rowsOf(key: StateKey): Row[] {
    return this.byKey.get(key) ?? [];
  }

  /** Inserts after every row that sorts equal or before it. */
  add(key: StateKey, row: Row): void {
    let list = this.byKey.get(key);
    if (!list) {
      this.byKey.set(key, (list = []));
      this.bytes += keyBytes(key);
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(list[mid]!, row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, row);
    this.rows++;
    this.bytes += rowBytes(row);
  }

  /** Removes one row equal to `row`; false when there is none. */
  remove(key: StateKey, row: Row): boolean {
    const list = this.byKey.get(key);
    if (!list) return false;
    const i = list.findIndex((r) => rowsEqual(r, row));
    if (i < 0) return false;
    list.splice(i, 1);
    this.rows--;
    this.bytes -= rowBytes(row);
    if (list.length === 0) {
      this.byKey.delete(key);
      this.bytes -= keyBytes(key);
    }
    return true;
  }

  entries(): [StateKey, Row[]][] {
    return [...this.byKey].map(([k, rows]) => [k, rows.map((r) => r.slice())]);
  }

  restore(entries: [StateKey, Row[]][]): void {
    this.byKey = new Map();
    this.rows = 0;
    this.bytes = 0;
    for (const [k, rows] of entries) for (const r of rows) this.add(k, r.slice());
  }
}
