// Streaming GroupAggregate with retraction, as Flink's GroupAggFunction with default settings
// (no mini-batch, generateUpdateBefore = true).
//
// Per group: accumulators plus a record count. For each input record:
//   - state absent (never created, expired, or cleaned) and the record is a retraction
//     (-U/-D): ignored, no state is created (Flink: "Don't create a new accumulator for a
//     retraction message");
//   - accumulate (+I/+U) or retract (-U/-D);
//   - record count 0: emit -D(previous result), drop the group's state;
//   - first record of the group: emit +I(result);
//   - otherwise: emit -U(previous) +U(new) if the result changed. If it did not change, emit
//     nothing when state TTL is off; with TTL on, Flink emits -U/+U anyway so downstream state
//     is refreshed, and so do we.
// Output row = group key values, then one value per aggregate call.
//
// State TTL follows Flink's StateTtlConfig with UpdateType.OnCreateAndWrite and
// StateVisibility.NeverReturnExpired: a group expires `ttlMs` after its last write (every
// record that leaves the group non-empty writes it) and an expired group is treated as absent,
// so a later record starts a fresh group and emits +I again. That is the "state expired early,
// results go wrong" behaviour the simulator demonstrates. `onProcessingTime` sweeps expired
// groups so state size drops.
//
// `cleanupCondition` is the operator-level business-rule cleanup from the source talk: evaluated
// over the latest input row after each record is aggregated; when it returns true the group's
// state is cleared without output.
//
// Values are compared with JS relational operators: numbers numerically, strings by UTF-16 code
// units (not by collation; Flink compares StringData by UTF-8 bytes, which agrees except for
// characters outside the BMP relative to U+E000..U+FFFF), booleans FALSE < TRUE.
import type { AggFunction } from '../plan/graph';
import type { Batch, Change, Row, TypeName, Value } from '../types';
import { RowKind } from '../types';
import type { CompiledExpr } from '../expr/ir';
import type { Operator, OperatorContext, StateSize } from './operator';
import { KeyPartitioner, makeKeyFn, normaliseTtl, pick, valuesEqual, type KeyFn, type StateKey } from './keys';
import { ENTRY_OVERHEAD, MAP_ENTRY_BYTES, ROW_OVERHEAD, SLOT_BYTES, STRING_OVERHEAD, rowBytes } from './size';

/** What the operator needs of an aggregate call; the planner's AggCall satisfies it. */
export interface AggSpec {
  fn: AggFunction;
  /** Input column of the argument; null for COUNT(*). */
  arg: number | null;
  distinct: boolean;
  /** Input column holding the FILTER (WHERE ...) condition; rows count only when it is TRUE. */
  filter: number | null;
  /** Result type: integer AVG truncates, DECIMAL SUM/AVG round to `scale`. */
  type: { name: TypeName; scale?: number };
}

export interface GroupAggregateOptions {
  /** Input columns forming the group key; empty for a global aggregate (one group). */
  groupKeys: readonly number[];
  aggs: readonly AggSpec[];
  /** Logical subtasks the keyed state is partitioned over (hash of the key). Default 1. */
  parallelism?: number;
  /** State TTL in ms (the hint's, else `table.exec.state.ttl`); 0 or null = never expires. */
  ttlMs?: number | null;
  /** Business-rule cleanup over the latest input row of a group (talk §3). */
  cleanupCondition?: CompiledExpr | null;
  /** Emit -U before +U (Flink: true unless the downstream is an upsert consumer). Default true. */
  generateUpdateBefore?: boolean;
  /**
   * The input is insert-only (the planner's changelog mode). MIN/MAX then keep only the current
   * extreme, like Flink's MinAggFunction/MaxAggFunction, instead of a value -> count map view
   * (MinWithRetractAggFunction); a retraction reaching such a MIN/MAX throws. Default false.
   */
  inputInsertOnly?: boolean;
}

export interface GroupAggregateCounters {
  /** Groups dropped because their TTL passed (on access or by a sweep). */
  expiredGroups: number;
  /** Groups cleared by the cleanup condition. */
  cleanedGroups: number;
  /** Retractions that found no state (never created, expired or cleaned) and were ignored. */
  ignoredRetractions: number;
}

const C_COUNT_STAR = 0;
const C_COUNT = 1;
const C_SUM = 2;
const C_AVG = 3;
const C_MIN = 4;
const C_MAX = 5;
const C_COUNT_DISTINCT = 6;
const C_SUM_DISTINCT = 7;
const C_AVG_DISTINCT = 8;

/** Result post-processing of SUM/AVG. */
const R_PLAIN = 0;
const R_TRUNC = 1;
const R_DECIMAL = 2;
/**
 * SUM of a TINYINT / SMALLINT / INT is of that type and wraps on overflow, as Flink's
 * SumWithRetractAggFunction (the running sum is cast to the result type). The accumulator stays
 * an exact double and only the result wraps: modular arithmetic gives the same value whatever the
 * order of additions and retractions (exact while |sum| < 2^53).
 */
const R_WRAP_INT = 3;
const R_WRAP_SMALLINT = 4;
const R_WRAP_TINYINT = 5;
const WRAP_MODES: Readonly<Record<string, number>> = { INT: R_WRAP_INT, SMALLINT: R_WRAP_SMALLINT, TINYINT: R_WRAP_TINYINT };

const INTEGER_TYPES: ReadonlySet<string> = new Set(['TINYINT', 'SMALLINT', 'INT', 'BIGINT']);

interface Group {
  /** Group key values (the first columns of every output row). */
  key: Row;
  /** Records accumulated minus records retracted. */
  count: number;
  /** Accumulator slots, laid out by the operator's plan. */
  acc: Value[];
  /** Value -> multiplicity views for MIN/MAX/DISTINCT calls, or null if none. */
  maps: ValueCounts[] | null;
  /** The last emitted result row (Flink recomputes it from the accumulators; we keep it). */
  out: Row | null;
  lastWrite: number;
  subtask: number;
  /** Accounted bytes of the group itself (see size.ts), without its map-view entries. */
  baseBytes: number;
  /** Bytes of string values in the map views beyond a number's 8 (0 for non-string views). */
  strBytes: number;
  /**
   * Entries a restored snapshot listed twice for one value (JSON writes NaN and infinities as
   * null), merged in the view but still accounted, as before the views counted entries.
   */
  dupEntries: number;
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
  private a: Value[] | null;
  private m: Map<Value, number> | null = null;
  /** Distinct values. */
  size: number;

  constructor(entries?: readonly (readonly [Value, number])[]) {
    if (entries === undefined) {
      this.a = [];
      this.size = 0;
      return;
    }
    // As new Map(entries): a repeated value keeps its first position and its last count.
    if (entries.length > VIEW_ARRAY_MAX) {
      this.a = null;
      this.m = new Map(entries as [Value, number][]);
      this.size = this.m.size;
    } else {
      const a: Value[] = [];
      for (const [v, c] of entries) {
        const i = this.indexOf(a, v);
        if (i >= 0) a[i + 1] = c;
        else a.push(v === 0 ? 0 : v, c);
      }
      this.a = a;
      this.size = a.length >> 1;
    }
  }

  /** True while in the array form (for tests). */
  get isArray(): boolean {
    return this.a !== null;
  }

  /** Position of `v`'s value slot in the array form, or -1. */
  private indexOf(a: Value[], v: Value): number {
    const n = a.length;
    if (v === v) {
      for (let i = 0; i < n; i += 2) if (a[i] === v) return i;
    } else {
      for (let i = 0; i < n; i += 2) if (a[i] !== a[i]) return i; // NaN
    }
    return -1;
  }

  /** Adds one occurrence; true when the value is new to the view. */
  add(v: Value): boolean {
    const a = this.a;
    if (a !== null) {
      const i = this.indexOf(a, v);
      if (i >= 0) {
        a[i + 1] = (a[i + 1] as number) + 1;
        return false;
      }
      if (this.size < VIEW_ARRAY_MAX) {
        a.push(v === 0 ? 0 : v, 1); // -0 is stored as 0, as Map.prototype.set does
        this.size++;
        return true;
      }
      const m = new Map<Value, number>();
      for (let j = 0; j < a.length; j += 2) m.set(a[j]!, a[j + 1] as number);
      this.m = m;
      this.a = null;
    }
    const m = this.m!;
    const c = m.get(v);
    if (c === undefined) {
      m.set(v, 1);
      this.size++;
      return true;
    }
    m.set(v, c + 1);
    return false;
  }

  /** Removes one occurrence; true when the value's last occurrence left the view. */
  remove(v: Value): boolean {
    const a = this.a;
    if (a !== null) {
      const i = this.indexOf(a, v);
      if (i < 0) return false; // retracting a value never seen (inconsistent input)
      const c = a[i + 1] as number;
      if (c > 1) {
        a[i + 1] = c - 1;
        return false;
      }
      a.splice(i, 2);
      this.size--;
      return true;
    }
    const m = this.m!;
    const c = m.get(v);
    if (c === undefined) return false;
    if (c > 1) {
      m.set(v, c - 1);
      return false;
    }
    m.delete(v);
    this.size--;
    if (this.size <= VIEW_ARRAY_BACK) {
      const b: Value[] = [];
      for (const [x, n] of m) b.push(x, n);
      this.a = b;
      this.m = null;
    }
    return true;
  }

  /** The least (min) or greatest value, the first in insertion order among incomparable ones. */
  extreme(min: boolean): Value {
    let best: Value = null;
    let first = true;
    const a = this.a;
    if (a !== null) {
      for (let i = 0; i < a.length; i += 2) {
        const v = a[i]!;
        if (first || (min ? less(v, best) : less(best, v))) {
          best = v;
          first = false;
        }
      }
      return best;
    }
    for (const v of this.m!.keys()) {
      if (first || (min ? less(v, best) : less(best, v))) {
        best = v;
        first = false;
      }
    }
    return best;
  }

  /** [value, count] pairs in insertion order. */
  entries(): [Value, number][] {
    const a = this.a;
    if (a === null) return Array.from(this.m!.entries());
    const out: [Value, number][] = [];
    for (let i = 0; i < a.length; i += 2) out.push([a[i]!, a[i + 1] as number]);
    return out;
  }
}

/** valueBytes(v) - SLOT_BYTES: what a string value adds to a map-view entry's fixed bytes. */
function stringExtra(v: Value): number {
  return typeof v === 'string' ? 2 * v.length + STRING_OVERHEAD - SLOT_BYTES : 0;
}

/** Snapshot layout, JSON-safe: arrays only. */
interface GroupAggregateSnapshot {
  v: 1;
  /** [key values, record count, accumulators, map views as entry lists, last output, last write] */
  groups: [Row, number, Value[], [Value, number][][] | null, Row | null, number][];
}

/** Rounds half away from zero to `factor` = 10^scale, nudged by one ulp against binary error. */
function roundScaled(x: number, factor: number): number {
  const r = Math.round(Math.abs(x) * factor * (1 + Number.EPSILON)) / factor;
  return x < 0 ? -r : r;
}

function less(a: Value, b: Value): boolean {
  return (a as number) < (b as number);
}

export class GroupAggregateOperator implements Operator {
  private readonly keyFn: KeyFn;
  /** The state key from a group's key values (positions 0..n-1). */
  private readonly keyOfKeyRow: KeyFn;
  private readonly groupKeys: number[];
  private readonly nKeys: number;
  private readonly nAggs: number;
  private readonly code: Int8Array;
  private readonly arg: Int32Array;
  private readonly filt: Int32Array;
  private readonly slot: Int32Array;
  private readonly mapIdx: Int32Array;
  private readonly resultMode: Int8Array;
  private readonly scaleFactor: Float64Array;
  private readonly initAcc: Value[];
  private readonly nMaps: number;
  private readonly groupBaseBytes: number;
  private readonly ttl: number;
  private readonly cleanup: CompiledExpr | null;
  private readonly updateBefore: boolean;
  private readonly part: KeyPartitioner;
  private readonly scratch: Value[];
  /**
   * An unfiltered COUNT(*) is among the calls: it changes with every accumulate and retract, so
   * a group that stays non-empty always has a new result and the comparison can be skipped.
   */
  private readonly alwaysChanges: boolean;

  private groups = new Map<StateKey, Group>();
  private load: number[];
  // State size per subtask, kept as counts; stateSize() derives bytes (formula in size.ts).
  /** Groups. */
  private groupsPer: number[];
  /** Sum of the groups' baseBytes. */
  private groupBytesPer: number[];
  /** Map-view entries. */
  private entriesPer: number[];
  /** Sum of the groups' strBytes. */
  private strBytesPer: number[];
  /** Lower bound of every group's lastWrite: sweeps before minWrite + ttl find nothing. */
  private minWrite = Infinity;
  private readonly counters: GroupAggregateCounters = { expiredGroups: 0, cleanedGroups: 0, ignoredRetractions: 0 };

  constructor(options: GroupAggregateOptions) {
    this.groupKeys = options.groupKeys.slice();
    this.keyFn = makeKeyFn(this.groupKeys);
    this.keyOfKeyRow = makeKeyFn(this.groupKeys.map((_, i) => i));
    this.nKeys = this.groupKeys.length;
    const aggs = options.aggs;
    const n = aggs.length;
    this.nAggs = n;
    this.code = new Int8Array(n);
    this.arg = new Int32Array(n);
    this.filt = new Int32Array(n);
    this.slot = new Int32Array(n);
    this.mapIdx = new Int32Array(n).fill(-1);
    this.resultMode = new Int8Array(n);
    this.scaleFactor = new Float64Array(n).fill(1);
    const init: Value[] = [];
    let maps = 0;
    for (let i = 0; i < n; i++) {
      const a = aggs[i]!;
      const code = codeOf(a);
      this.code[i] = code;
      this.arg[i] = a.arg === null ? -1 : a.arg;
      this.filt[i] = a.filter === null ? -1 : a.filter;
      this.slot[i] = init.length;
      switch (code) {
        case C_COUNT_STAR:
        case C_COUNT:
          init.push(0);
          break;
        case C_SUM:
        case C_AVG:
          init.push(0, 0); // sum, non-null count
          break;
        case C_MIN:
        case C_MAX:
          init.push(null); // current extreme
          if (!options.inputInsertOnly) this.mapIdx[i] = maps++; // value -> count, for retraction
          break;
        case C_COUNT_DISTINCT:
          this.mapIdx[i] = maps++;
          break;
        default: // SUM/AVG DISTINCT
          init.push(0); // sum of distinct values
          this.mapIdx[i] = maps++;
      }
      if (code === C_SUM || code === C_AVG || code === C_SUM_DISTINCT || code === C_AVG_DISTINCT) {
        const t = a.type.name;
        if (t === 'DECIMAL') {
          this.resultMode[i] = R_DECIMAL;
          this.scaleFactor[i] = Math.pow(10, a.type.scale ?? 0);
        } else if ((code === C_AVG || code === C_AVG_DISTINCT) && INTEGER_TYPES.has(t)) {
          this.resultMode[i] = R_TRUNC;
        } else if ((code === C_SUM || code === C_SUM_DISTINCT) && WRAP_MODES[t] !== undefined) {
          this.resultMode[i] = WRAP_MODES[t]!;
        } else {
          this.resultMode[i] = R_PLAIN;
        }
      }
    }
    this.initAcc = init;
    this.nMaps = maps;
    // 16 overhead + 8 record count + 8 per accumulator slot; key bytes are added per group.
    this.groupBaseBytes = ENTRY_OVERHEAD + SLOT_BYTES + SLOT_BYTES * init.length;
    this.ttl = normaliseTtl(options.ttlMs);
    this.cleanup = options.cleanupCondition ?? null;
    this.updateBefore = options.generateUpdateBefore ?? true;
    this.part = new KeyPartitioner(options.parallelism ?? 1);
    const p = this.part.parallelism;
    this.load = new Array<number>(p).fill(0);
    this.groupsPer = new Array<number>(p).fill(0);
    this.groupBytesPer = new Array<number>(p).fill(0);
    this.entriesPer = new Array<number>(p).fill(0);
    this.strBytesPer = new Array<number>(p).fill(0);
    this.scratch = new Array<Value>(n).fill(null);
    let always = false;
    for (let i = 0; i < n; i++) if (this.code[i] === C_COUNT_STAR && this.filt[i] === -1) always = true;
    this.alwaysChanges = always;
  }

  process(batch: Batch, _port: number, ctx: OperatorContext): Batch {
    const now = ctx.now;
    const ttl = this.ttl;
    const load = this.load;
    load.fill(0);
    const skipCompare = ttl > 0 || this.alwaysChanges;
    const groups = this.groups;
    const keyFn = this.keyFn;
    const part = this.part;
    const cleanup = this.cleanup;
    const out: Change[] = [];
    for (let i = 0; i < batch.length; i++) {
      const ch = batch[i]!;
      const row = ch.row;
      const kind = ch.kind;
      const isAcc = kind === RowKind.INSERT || kind === RowKind.UPDATE_AFTER;
      const key = keyFn(row);
      const st = part.subtaskOf(key);
      load[st]!++;
      let g = groups.get(key);
      if (g !== undefined && ttl > 0 && now >= g.lastWrite + ttl) {
        this.removeGroup(key, g);
        this.counters.expiredGroups++;
        g = undefined;
      }
      if (g === undefined) {
        if (!isAcc) {
          this.counters.ignoredRetractions++;
          continue;
        }
        g = this.createGroup(key, row, st, now);
        this.accumulate(g, row);
        const r = this.resultRow(g);
        g.out = r;
        out.push({ kind: RowKind.INSERT, row: r });
      } else {
        if (isAcc) this.accumulate(g, row);
        else this.retract(g, row);
        if (g.count <= 0) {
          out.push({ kind: RowKind.DELETE, row: g.out! });
          this.removeGroup(key, g);
          continue;
        }
        g.lastWrite = now;
        const prev = g.out!;
        let r: Row | null = null;
        if (skipCompare) r = this.resultRow(g);
        else {
          this.computeValues(g, this.scratch, 0);
          if (!this.sameAsScratch(prev)) r = this.rowFromScratch(g);
        }
        if (r !== null) {
          if (this.updateBefore) out.push({ kind: RowKind.UPDATE_BEFORE, row: prev });
          out.push({ kind: RowKind.UPDATE_AFTER, row: r });
          g.out = r;
        }
      }
      if (cleanup !== null && cleanup(row) === true) {
        this.removeGroup(key, g);
        this.counters.cleanedGroups++;
      }
    }
    return out;
  }

  onProcessingTime(ctx: OperatorContext): Batch {
    const ttl = this.ttl;
    if (ttl <= 0) return [];
    const now = ctx.now;
    if (now < this.minWrite + ttl) return [];
    let min = Infinity;
    for (const [key, g] of this.groups) {
      if (now >= g.lastWrite + ttl) {
        this.removeGroup(key, g);
        this.counters.expiredGroups++;
      } else if (g.lastWrite < min) {
        min = g.lastWrite;
      }
    }
    this.minWrite = min;
    return [];
  }

  // ---- accumulators ----------------------------------------------------------------------

  private accumulate(g: Group, row: Row): void {
    g.count++;
    const acc = g.acc;
    const n = this.nAggs;
    let added = 0;
    for (let i = 0; i < n; i++) {
      const f = this.filt[i]!;
      if (f >= 0 && row[f] !== true) continue;
      const code = this.code[i]!;
      if (code === C_COUNT_STAR) {
        acc[this.slot[i]!] = (acc[this.slot[i]!] as number) + 1;
        continue;
      }
      const v = row[this.arg[i]!]!;
      if (v === null) continue;
      const s = this.slot[i]!;
      switch (code) {
        case C_COUNT:
          acc[s] = (acc[s] as number) + 1;
          break;
        case C_SUM:
        case C_AVG:
          acc[s] = (acc[s] as number) + (v as number);
          acc[s + 1] = (acc[s + 1] as number) + 1;
          break;
        case C_MIN: {
          const mi = this.mapIdx[i]!;
          if (mi >= 0 && g.maps![mi]!.add(v)) added += this.added(g, v);
          const cur = acc[s]!;
          if (cur === null || less(v, cur)) acc[s] = v;
          break;
        }
        case C_MAX: {
          const mi = this.mapIdx[i]!;
          if (mi >= 0 && g.maps![mi]!.add(v)) added += this.added(g, v);
          const cur = acc[s]!;
          if (cur === null || less(cur, v)) acc[s] = v;
          break;
        }
        case C_COUNT_DISTINCT:
          if (g.maps![this.mapIdx[i]!]!.add(v)) added += this.added(g, v);
          break;
        default: // SUM/AVG DISTINCT
          if (g.maps![this.mapIdx[i]!]!.add(v)) {
            added += this.added(g, v);
            acc[s] = (acc[s] as number) + (v as number);
          }
      }
    }
    if (added !== 0) this.entriesPer[g.subtask]! += added;
  }

  /** Accounts a value new to one of g's views; returns 1 (the entry). */
  private added(g: Group, v: Value): number {
    if (typeof v === 'string') {
      const x = stringExtra(v);
      g.strBytes += x;
      this.strBytesPer[g.subtask]! += x;
    }
    return 1;
  }

  /** Accounts a value that left one of g's views; returns 1 (the entry). */
  private removed(g: Group, v: Value): number {
    if (typeof v === 'string') {
      const x = stringExtra(v);
      g.strBytes -= x;
      this.strBytesPer[g.subtask]! -= x;
    }
    return 1;
  }

  private retract(g: Group, row: Row): void {
    g.count--;
    const acc = g.acc;
    const n = this.nAggs;
    let removed = 0;
    for (let i = 0; i < n; i++) {
      const f = this.filt[i]!;
      if (f >= 0 && row[f] !== true) continue;
      const code = this.code[i]!;
      if (code === C_COUNT_STAR) {
        acc[this.slot[i]!] = (acc[this.slot[i]!] as number) - 1;
        continue;
      }
      const v = row[this.arg[i]!]!;
      if (v === null) continue;
      const s = this.slot[i]!;
      switch (code) {
        case C_COUNT:
          acc[s] = (acc[s] as number) - 1;
          break;
        case C_SUM:
        case C_AVG: {
          const c = (acc[s + 1] as number) - 1;
          acc[s + 1] = c;
          // Reset at zero non-null inputs so float drift does not leak into later sums.
          acc[s] = c === 0 ? 0 : (acc[s] as number) - (v as number);
          break;
        }
        case C_MIN:
        case C_MAX: {
          const mi = this.mapIdx[i]!;
          if (mi < 0) throw new Error('GroupAggregate: a retraction reached MIN/MAX declared insert-only');
          const m = g.maps![mi]!;
          if (m.remove(v)) {
            removed += this.removed(g, v);
            if (valuesEqual(acc[s]!, v)) acc[s] = m.extreme(code === C_MIN);
          }
          break;
        }
        case C_COUNT_DISTINCT:
          if (g.maps![this.mapIdx[i]!]!.remove(v)) removed += this.removed(g, v);
          break;
        default: {
          // SUM/AVG DISTINCT
          const m = g.maps![this.mapIdx[i]!]!;
          if (m.remove(v)) {
            removed += this.removed(g, v);
            acc[s] = m.size === 0 ? 0 : (acc[s] as number) - (v as number);
          }
        }
      }
    }
    if (removed !== 0) this.entriesPer[g.subtask]! -= removed;
  }

  /** Writes the current aggregate results of `g` into `out` from position `at`. */
  private computeValues(g: Group, out: Value[], at: number): void {
    const acc = g.acc;
    for (let i = 0; i < this.nAggs; i++) {
      const s = this.slot[i]!;
      switch (this.code[i]!) {
        case C_COUNT_STAR:
        case C_COUNT:
        case C_MIN:
        case C_MAX:
          out[at + i] = acc[s]!;
          break;
        case C_SUM:
          out[at + i] = (acc[s + 1] as number) === 0 ? null : this.finish(i, acc[s] as number);
          break;
        case C_AVG: {
          const c = acc[s + 1] as number;
          out[at + i] = c === 0 ? null : this.finish(i, (acc[s] as number) / c);
          break;
        }
        case C_COUNT_DISTINCT:
          out[at + i] = g.maps![this.mapIdx[i]!]!.size;
          break;
        case C_SUM_DISTINCT:
          out[at + i] = g.maps![this.mapIdx[i]!]!.size === 0 ? null : this.finish(i, acc[s] as number);
          break;
        default: {
          // AVG DISTINCT
          const c = g.maps![this.mapIdx[i]!]!.size;
          out[at + i] = c === 0 ? null : this.finish(i, (acc[s] as number) / c);
        }
      }
    }
  }

  private finish(i: number, x: number): number {
    const mode = this.resultMode[i]!;
    if (mode === R_PLAIN) return x;
    if (mode === R_TRUNC) return Math.trunc(x);
    if (mode === R_DECIMAL) return roundScaled(x, this.scaleFactor[i]!);
    // Java's int / short / byte overflow: keep the low 32 / 16 / 8 bits.
    if (mode === R_WRAP_INT) return x | 0;
    if (mode === R_WRAP_SMALLINT) return (x << 16) >> 16;
    return (x << 24) >> 24;
  }

  private sameAsScratch(prev: Row): boolean {
    const nk = this.nKeys;
    const s = this.scratch;
    for (let i = 0; i < this.nAggs; i++) if (!valuesEqual(prev[nk + i]!, s[i]!)) return false;
    return true;
  }

  /** A new output row: the group key, then the current results. */
  private resultRow(g: Group): Row {
    const nk = this.nKeys;
    const r: Row = new Array(nk + this.nAggs);
    const key = g.key;
    for (let i = 0; i < nk; i++) r[i] = key[i]!;
    this.computeValues(g, r, nk);
    return r;
  }

  /** A new output row: the group key, then the results computed into the scratch row. */
  private rowFromScratch(g: Group): Row {
    const nk = this.nKeys;
    const r: Row = new Array(nk + this.nAggs);
    const key = g.key;
    for (let i = 0; i < nk; i++) r[i] = key[i]!;
    const s = this.scratch;
    for (let i = 0; i < this.nAggs; i++) r[nk + i] = s[i]!;
    return r;
  }

  // ---- state ---------------------------------------------------------------------------

  private createGroup(key: StateKey, row: Row, subtask: number, now: number): Group {
    let maps: ValueCounts[] | null = null;
    if (this.nMaps > 0) {
      maps = new Array<ValueCounts>(this.nMaps);
      for (let m = 0; m < this.nMaps; m++) maps[m] = new ValueCounts();
    }
    const keyRow = pick(row, this.groupKeys);
    const g: Group = {
      key: keyRow,
      count: 0,
      acc: this.initAcc.slice(),
      maps,
      out: null,
      lastWrite: now,
      subtask,
      baseBytes: this.groupBaseBytes + rowBytes(keyRow) - ROW_OVERHEAD,
      strBytes: 0,
      dupEntries: 0,
    };
    this.addGroup(key, g);
    return g;
  }

  private addGroup(key: StateKey, g: Group): void {
    this.groups.set(key, g);
    const st = g.subtask;
    this.groupsPer[st]!++;
    this.groupBytesPer[st]! += g.baseBytes;
    if (g.maps !== null) {
      let entries = g.dupEntries;
      for (const m of g.maps) entries += m.size;
      this.entriesPer[st]! += entries;
    }
    this.strBytesPer[st]! += g.strBytes;
    if (g.lastWrite < this.minWrite) this.minWrite = g.lastWrite;
  }

  private removeGroup(key: StateKey, g: Group): void {
    this.groups.delete(key);
    const st = g.subtask;
    this.groupsPer[st]!--;
    this.groupBytesPer[st]! -= g.baseBytes;
    if (g.maps !== null) {
      let entries = g.dupEntries;
      for (const m of g.maps) entries += m.size;
      this.entriesPer[st]! -= entries;
    }
    this.strBytesPer[st]! -= g.strBytes;
  }

  snapshot(): GroupAggregateSnapshot {
    const groups: GroupAggregateSnapshot['groups'] = [];
    for (const g of this.groups.values()) {
      groups.push([
        g.key.slice(),
        g.count,
        g.acc.slice(),
        g.maps === null ? null : g.maps.map((m) => m.entries()),
        g.out === null ? null : g.out.slice(),
        g.lastWrite,
      ]);
    }
    return { v: 1, groups };
  }

  restore(snapshot: unknown): void {
    const snap = snapshot as GroupAggregateSnapshot | null;
    this.groups = new Map();
    this.groupsPer.fill(0);
    this.groupBytesPer.fill(0);
    this.entriesPer.fill(0);
    this.strBytesPer.fill(0);
    this.minWrite = Infinity;
    if (snap === null || snap === undefined) return;
    for (const [keyRow, count, acc, maps, out, lastWrite] of snap.groups) {
      // The state key is recomputed (not stored): the snapshot stays JSON-exact for any key.
      const key = this.keyOfKeyRow(keyRow);
      let gm: ValueCounts[] | null = null;
      let strBytes = 0;
      let dupEntries = 0;
      if (maps !== null) {
        gm = maps.map((list) => {
          const m = new ValueCounts(list);
          dupEntries += list.length - m.size;
          for (const [v] of list) strBytes += stringExtra(v);
          return m;
        });
      }
      const g: Group = {
        key: keyRow.slice(),
        count,
        acc: acc.slice(),
        maps: gm,
        out: out === null ? null : out.slice(),
        lastWrite,
        subtask: this.part.subtaskOf(key),
        baseBytes: this.groupBaseBytes + rowBytes(keyRow) - ROW_OVERHEAD,
        strBytes,
        dupEntries,
      };
      this.addGroup(key, g);
    }
  }

  /**
   * rows = state entries: one accumulator row per group plus one per MIN/MAX/DISTINCT map-view
   * entry (each is a separate MapState entry in Flink). bytes: see size.ts; derived here from
   * the counts: a map-view entry is MAP_ENTRY_BYTES plus, for a string, its extra bytes.
   */
  stateSize(): StateSize {
    let rows = 0;
    let bytes = 0;
    for (let i = 0; i < this.groupsPer.length; i++) {
      const s = this.subtaskSize(i);
      rows += s.rows;
      bytes += s.bytes;
    }
    return { rows, bytes };
  }

  /** State per logical subtask, for skew views. */
  stateSizePerSubtask(): StateSize[] {
    return this.groupsPer.map((_, i) => this.subtaskSize(i));
  }

  private subtaskSize(i: number): StateSize {
    const entries = this.entriesPer[i]!;
    return {
      rows: this.groupsPer[i]! + entries,
      bytes: this.groupBytesPer[i]! + entries * MAP_ENTRY_BYTES + this.strBytesPer[i]!,
    };
  }

  lastSubtaskLoad(): number[] {
    return this.load.slice();
  }

  /** Number of live groups (including expired ones not yet swept). */
  groupCount(): number {
    return this.groups.size;
  }

  getCounters(): GroupAggregateCounters {
    return { ...this.counters };
  }
}

function codeOf(a: AggSpec): number {
  if (a.arg === null && a.fn !== 'COUNT_STAR') {
    if (a.fn === 'COUNT') return C_COUNT_STAR; // COUNT() with no column counts rows
    throw new Error(`aggregate ${a.fn} needs an argument column`);
  }
  switch (a.fn) {
    case 'COUNT_STAR':
      return C_COUNT_STAR;
    case 'COUNT':
      return a.distinct ? C_COUNT_DISTINCT : C_COUNT;
    case 'SUM':
      return a.distinct ? C_SUM_DISTINCT : C_SUM;
    case 'AVG':
      return a.distinct ? C_AVG_DISTINCT : C_AVG;
    case 'MIN':
      return C_MIN; // MIN(DISTINCT x) = MIN(x)
    case 'MAX':
      return C_MAX;
    default:
      throw new Error(`unsupported aggregate function ${String(a.fn)}`);
  }
}

export function groupAggregate(options: GroupAggregateOptions): GroupAggregateOperator {
  return new GroupAggregateOperator(options);
}
