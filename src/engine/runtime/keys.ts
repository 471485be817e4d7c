// Keys, hashing and partitioning shared by the keyed operators.
//
// A state key indexes a JS Map. A single-column key is the column value itself: Map compares
// keys with SameValueZero, so 1, '1', true and NULL are four different keys with no encoding
// cost, -0 equals 0 and NaN equals NaN. A key of several columns (or of none) is a string built
// from type-tagged, self-delimiting tokens, so concatenation is unambiguous:
//   NULL -> '~'   TRUE -> 'T'   FALSE -> 'F'   number n -> 'n' + String(n) + ';'
//   bigint b -> 'b' + String(b) + ';'
//   string s -> 's' + s.length + ':' + s
// (String(-0) is '0', so -0 and 0 are the same key, as SQL equality has it.)
import type { Row, Value } from '../types';
import { fmix32 } from '../common/hash';

/** A state key: a column value for one-column keys, an encoded string otherwise. */
export type StateKey = Value;

/** The key token of one value. */
export function valueKey(v: Value): string {
  if (typeof v === 'number') return 'n' + v + ';';
  if (typeof v === 'string') return 's' + v.length + ':' + v;
  // An exact BIGINT / DECIMAL beyond the number range (canonical: never equal to a number).
  if (typeof v === 'bigint') return 'b' + v + ';';
  if (v === null) return '~';
  return v ? 'T' : 'F';
}

export type KeyFn = (row: readonly Value[]) => StateKey;

/**
 * A key function over the columns at `indices`. Built once per operator (not per record),
 * specialised for the common arities so the hot path has no inner loop.
 */
export function makeKeyFn(indices: readonly number[]): KeyFn {
  const idx = indices.slice();
  switch (idx.length) {
    case 0:
      return () => '';
    case 1: {
      const a = idx[0]!;
      return (row) => row[a]!;
    }
    case 2: {
      const a = idx[0]!;
      const b = idx[1]!;
      return (row) => valueKey(row[a]!) + valueKey(row[b]!);
    }
    default:
      return (row) => {
        let s = '';
        for (let i = 0; i < idx.length; i++) s += valueKey(row[idx[i]!]!);
        return s;
      };
  }
}

/**
 * The key string of the values at `indices`, whatever their number: the same tokens as a
 * several-column state key. The one encoding storage uses too (jdbc upserts, upsert-kafka's
 * normalize, kafka partitioning, lake-table writer routing), so no two keys share a string.
 */
export function keyOf(row: readonly Value[], indices: readonly number[]): string {
  let s = '';
  for (let i = 0; i < indices.length; i++) s += valueKey(row[indices[i]!] ?? null);
  return s;
}

/** The key of a whole row: identifies equal rows in multisets (join state, retract tables). */
export function rowKey(row: readonly Value[]): string {
  let s = '';
  for (let i = 0; i < row.length; i++) s += valueKey(row[i]!);
  return s;
}

/** True when any of the columns at `indices` is NULL (such join keys never match). */
export function hasNullAt(row: readonly Value[], indices: readonly number[]): boolean {
  for (let i = 0; i < indices.length; i++) if (row[indices[i]!] === null) return true;
  return false;
}

/** SQL-ish value equality for state bookkeeping: === plus NaN equals NaN. */
export function valuesEqual(a: Value, b: Value): boolean {
  return a === b || (a !== a && b !== b);
}

export function rowsEqual(a: readonly Value[], b: readonly Value[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i]!, b[i]!)) return false;
  return true;
}

/** Copies the values at `indices` into a new row (group key values). */
export function pick(row: readonly Value[], indices: readonly number[]): Row {
  const out: Row = new Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = row[indices[i]!]!;
  return out;
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x5bd1e995);
  return h ^ (h >>> 15);
}

/** Folds one value into a running 32-bit hash; equal values (SameValueZero) hash equally. */
function hashInto(h: number, v: Value): number {
  if (typeof v === 'number') {
    if ((v | 0) === v) return mix(mix(h, 1), v);
    if (v !== v) return mix(h, 7); // NaN
    F64[0] = v;
    return mix(mix(mix(h, 2), U32[0]!), U32[1]!);
  }
  if (typeof v === 'string') {
    let x = 0x811c9dc5;
    for (let i = 0; i < v.length; i++) x = Math.imul(x ^ v.charCodeAt(i), 0x01000193);
    return mix(mix(mix(h, 3), v.length), x);
  }
  if (v === null) return mix(h, 5);
  if (typeof v === 'bigint') {
    // Low and high 32 bits of the 64-bit two's complement, plus the length for wider values.
    const low = Number(BigInt.asUintN(32, v));
    const high = Number(BigInt.asUintN(32, v >> 32n));
    return mix(mix(mix(mix(h, 8), low), high), v >= -(1n << 63n) && v < 1n << 63n ? 0 : v.toString().length);
  }
  return mix(h, v ? 6 : 4);
}

/** Deterministic 32-bit hash of a state key (Flink also runs a murmur step over key hashes). */
export function hashKey(k: StateKey): number {
  return fmix32(hashInto(0x9747b28c, k));
}

/** Deterministic 32-bit hash of a whole row, consistent with rowsEqual (used by join state). */
export function hashRow(row: readonly Value[]): number {
  let h = 0x9747b28c;
  for (let i = 0; i < row.length; i++) h = hashInto(h, row[i]!);
  return fmix32(h ^ row.length);
}

/** Flink's default max parallelism (number of key groups) for an operator of parallelism `p`. */
export function defaultMaxParallelism(p: number): number {
  let pow = 1;
  const want = p + (p >> 1);
  while (pow < want) pow *= 2;
  return Math.min(Math.max(pow, 128), 32768);
}

/**
 * Maps keys to logical subtasks the way Flink's KeyGroupRangeAssignment does: key group =
 * hash mod maxParallelism, subtask = keyGroup * parallelism / maxParallelism. State snapshots
 * store keys, not subtasks, so a restore with another parallelism re-partitions (rescaling).
 */
export class KeyPartitioner {
  readonly parallelism: number;
  readonly maxParallelism: number;
  constructor(parallelism: number) {
    this.parallelism = normaliseParallelism(parallelism);
    this.maxParallelism = defaultMaxParallelism(this.parallelism);
  }
  subtaskOf(key: StateKey): number {
    if (this.parallelism === 1) return 0;
    const keyGroup = hashKey(key) % this.maxParallelism;
    return Math.floor((keyGroup * this.parallelism) / this.maxParallelism);
  }
}

export function normaliseParallelism(p: number | undefined | null): number {
  if (p === undefined || p === null || !Number.isFinite(p) || p < 1) return 1;
  return Math.floor(p);
}

/**
 * Load of a non-keyed (forward / rebalance) operator: `n` records spread round-robin over `p`
 * subtasks, starting at subtask `offset`. Writes into `load` and returns the next offset.
 */
export function spreadLoad(load: number[], n: number, offset: number): number {
  const p = load.length;
  if (p === 1) {
    load[0] = n;
    return 0;
  }
  const base = Math.floor(n / p);
  const extra = n - base * p;
  for (let i = 0; i < p; i++) load[i] = base;
  for (let i = 0; i < extra; i++) {
    const s = (offset + i) % p;
    load[s] = load[s]! + 1;
  }
  return (offset + extra) % p;
}
