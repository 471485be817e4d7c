// A value -> multiplicity view: the state of a MIN/MAX with retraction and of the DISTINCT
// aggregates (Flink's MapView in MinWithRetractAggFunction and the distinct accumulators).
//
// Values are compared with JS relational operators: numbers numerically, strings by UTF-16 code
// units (not by collation; Flink compares StringData by UTF-8 bytes, which agrees except for
// characters outside the BMP relative to U+E000..U+FFFF), booleans FALSE < TRUE.
import type { Value } from '../../types';

/** `a` sorts before `b` (see the comparison rule above). */
export function less(a: Value, b: Value): boolean {
  return (a as number) < (b as number);
}

/** Distinct values a view keeps in its array form; one more promotes it to a Map. */
export const VIEW_ARRAY_MAX = 64;
/** A Map view shrinking to this many distinct values goes back to the array form. */
export const VIEW_ARRAY_BACK = 32;

/**
 * A value -> multiplicity view (Flink's MapView of MinWithRetractAggFunction and the DISTINCT
 * accumulators). Small views are one array of interleaved [value, count] pairs, scanned linearly:
 * most groups hold a few dozen values, where a scan beats hashing and the array is one object
 * instead of a Map's tables. Above VIEW_ARRAY_MAX distinct values the view becomes a Map (O(1)
 * per record for large groups) and returns to the array at VIEW_ARRAY_BACK.
 *
 * Both forms behave as a Map does, so results and snapshots do not depend on the form: values
 * are compared with SameValueZero (NaN equals NaN, -0 equals 0 and is stored as 0) and iterate in
 * insertion order (a value whose count drops to 0 leaves; adding it again appends it).
 */
export class ValueCounts {
  /** Interleaved values and counts in insertion order, or null in the Map form. */
  private pairs: Value[] | null;
  private map: Map<Value, number> | null = null;
  /** Distinct values. */
  size: number;

  constructor(entries?: readonly (readonly [Value, number])[]) {
    if (entries === undefined) {
      this.pairs = [];
      this.size = 0;
      return;
    }
    // As new Map(entries): a repeated value keeps its first position and its last count.
    if (entries.length > VIEW_ARRAY_MAX) {
      this.pairs = null;
      this.map = new Map(entries as [Value, number][]);
      this.size = this.map.size;
    } else {
      const pairs: Value[] = [];
      for (const [value, count] of entries) {
        const i = this.indexOf(pairs, value);
        if (i >= 0) pairs[i + 1] = count;
        else pairs.push(value === 0 ? 0 : value, count);
      }
      this.pairs = pairs;
      this.size = pairs.length >> 1;
    }
  }

  /** True while in the array form (for tests). */
  get isArray(): boolean {
    return this.pairs !== null;
  }

  /** Position of `value` in the array form's pairs in the array form, or -1. */
  private indexOf(pairs: Value[], value: Value): number {
    const length = pairs.length;
    if (value === value) {
      for (let i = 0; i < length; i += 2) if (pairs[i] === value) return i;
    } else {
      for (let i = 0; i < length; i += 2) if (pairs[i] !== pairs[i]) return i; // NaN
    }
    return -1;
  }

  /** Adds one occurrence; true when the value is new to the view. */
  add(value: Value): boolean {
    const pairs = this.pairs;
    if (pairs !== null) {
      const i = this.indexOf(pairs, value);
      if (i >= 0) {
        pairs[i + 1] = (pairs[i + 1] as number) + 1;
        return false;
      }
      if (this.size < VIEW_ARRAY_MAX) {
        pairs.push(value === 0 ? 0 : value, 1); // -0 is stored as 0, as Map.prototype.set does
        this.size++;
        return true;
      }
      const map = new Map<Value, number>();
      for (let j = 0; j < pairs.length; j += 2) map.set(pairs[j]!, pairs[j + 1] as number);
      this.map = map;
      this.pairs = null;
    }
    const map = this.map!;
    const count = map.get(value);
    if (count === undefined) {
      map.set(value, 1);
      this.size++;
      return true;
    }
    map.set(value, count + 1);
    return false;
  }

  /** Removes one occurrence; true when the value's last occurrence left the view. */
  remove(value: Value): boolean {
    const pairs = this.pairs;
    if (pairs !== null) {
      const i = this.indexOf(pairs, value);
      if (i < 0) return false; // retracting a value never seen (inconsistent input)
      const count = pairs[i + 1] as number;
      if (count > 1) {
        pairs[i + 1] = count - 1;
        return false;
      }
      pairs.splice(i, 2);
      this.size--;
      return true;
    }
    const map = this.map!;
    const count = map.get(value);
    if (count === undefined) return false;
    if (count > 1) {
      map.set(value, count - 1);
      return false;
    }
    map.delete(value);
    this.size--;
    if (this.size <= VIEW_ARRAY_BACK) {
      const arrayForm: Value[] = [];
      for (const [entryValue, entryCount] of map) arrayForm.push(entryValue, entryCount);
      this.pairs = arrayForm;
      this.map = null;
    }
    return true;
  }

  /**
   * The least (min) or greatest value, the first in insertion order among incomparable ones.
   * `isLess` orders values whose JS order is not their SQL order (wide DECIMALs with a scale).
   */
  extreme(min: boolean, isLess: (a: Value, b: Value) => boolean = less): Value {
    let best: Value = null;
    let first = true;
    const pairs = this.pairs;
    if (pairs !== null) {
      for (let i = 0; i < pairs.length; i += 2) {
        const value = pairs[i]!;
        if (first || (min ? isLess(value, best) : isLess(best, value))) {
          best = value;
          first = false;
        }
      }
      return best;
    }
    for (const value of this.map!.keys()) {
      if (first || (min ? isLess(value, best) : isLess(best, value))) {
        best = value;
        first = false;
      }
    }
    return best;
  }

  /** [value, count] pairs in insertion order. */
  entries(): [Value, number][] {
    const pairs = this.pairs;
    if (pairs === null) return Array.from(this.map!.entries());
    const out: [Value, number][] = [];
    for (let i = 0; i < pairs.length; i += 2) out.push([pairs[i]!, pairs[i + 1] as number]);
    return out;
  }
}
