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
import { ENTRY_OVERHEAD, ROW_OVERHEAD, SLOT_BYTES, rowBytes, valueBytes } from './size';

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

const INTEGER_TYPES: ReadonlySet<string> = new Set(['TINYINT', 'SMALLINT', 'INT', 'BIGINT']);

interface Group {
  /** Group key values (the first columns of every output row). */
  key: Row;
  /** Records accumulated minus records retracted. */
  count: number;
  /** Accumulator slots, laid out by the operator's plan. */
  acc: Value[];
  /** Value -> multiplicity map views for MIN/MAX/DISTINCT calls, or null if none. */
  maps: Map<Value, number>[] | null;
  /** The last emitted result row (Flink recomputes it from the accumulators; we keep it). */
  out: Row | null;
  lastWrite: number;
  subtask: number;
  /** Accounted bytes of this group (see size.ts). */
  bytes: number;
  /** Map-view entries of this group. */
  entries: number;
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

function extremeOf(m: Map<Value, number>, min: boolean): Value {
  let best: Value = null;
  let first = true;
  for (const v of m.keys()) {
    if (first || (min ? less(v, best) : less(best, v))) {
      best = v;
      first = false;
    }
  }
  return best;
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

  private groups = new Map<StateKey, Group>();
  private load: number[];
  private rows = 0;
  private bytes = 0;
  private rowsPer: number[];
  private bytesPer: number[];
  /** Lower bound of every group's lastWrite: sweeps before minWrite + ttl find nothing. */
  private minWrite = Infinity;
  /** Per-record deltas of map-view entries, applied once the record is done. */
  private dEntries = 0;
  private dBytes = 0;
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
    this.rowsPer = new Array<number>(p).fill(0);
    this.bytesPer = new Array<number>(p).fill(0);
    this.scratch = new Array<Value>(n).fill(null);
  }

  process(batch: Batch, _port: number, ctx: OperatorContext): Batch {
    const now = ctx.now;
    const ttl = this.ttl;
    const load = this.load;
    load.fill(0);
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
        this.settle(g);
        this.computeValues(g);
        const r = this.resultRow(g);
        g.out = r;
        out.push({ kind: RowKind.INSERT, row: r });
      } else {
        if (isAcc) this.accumulate(g, row);
        else this.retract(g, row);
        this.settle(g);
        if (g.count <= 0) {
          out.push({ kind: RowKind.DELETE, row: g.out! });
          this.removeGroup(key, g);
          continue;
        }
        g.lastWrite = now;
        this.computeValues(g);
        const prev = g.out!;
        if (ttl > 0 || !this.sameAsScratch(prev)) {
          const r = this.resultRow(g);
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
          if (mi >= 0) this.mapAdd(g.maps![mi]!, v);
          const cur = acc[s]!;
          if (cur === null || less(v, cur)) acc[s] = v;
          break;
        }
        case C_MAX: {
          const mi = this.mapIdx[i]!;
          if (mi >= 0) this.mapAdd(g.maps![mi]!, v);
          const cur = acc[s]!;
          if (cur === null || less(cur, v)) acc[s] = v;
          break;
        }
        case C_COUNT_DISTINCT:
          this.mapAdd(g.maps![this.mapIdx[i]!]!, v);
          break;
        default: // SUM/AVG DISTINCT
          if (this.mapAdd(g.maps![this.mapIdx[i]!]!, v)) acc[s] = (acc[s] as number) + (v as number);
      }
    }
  }

  private retract(g: Group, row: Row): void {
    g.count--;
    const acc = g.acc;
    const n = this.nAggs;
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
          if (this.mapRemove(m, v) && valuesEqual(acc[s]!, v)) acc[s] = extremeOf(m, code === C_MIN);
          break;
        }
        case C_COUNT_DISTINCT:
          this.mapRemove(g.maps![this.mapIdx[i]!]!, v);
          break;
        default: {
          // SUM/AVG DISTINCT
          const m = g.maps![this.mapIdx[i]!]!;
          if (this.mapRemove(m, v)) acc[s] = m.size === 0 ? 0 : (acc[s] as number) - (v as number);
        }
      }
    }
  }

  /** Adds one occurrence; true when the value is new to the map. */
  private mapAdd(m: Map<Value, number>, v: Value): boolean {
    const c = m.get(v);
    if (c === undefined) {
      m.set(v, 1);
      this.dEntries++;
      this.dBytes += ENTRY_OVERHEAD + valueBytes(v) + SLOT_BYTES;
      return true;
    }
    m.set(v, c + 1);
    return false;
  }

  /** Removes one occurrence; true when the value's last occurrence left the map. */
  private mapRemove(m: Map<Value, number>, v: Value): boolean {
    const c = m.get(v);
    if (c === undefined) return false; // retracting a value never seen (inconsistent input)
    if (c > 1) {
      m.set(v, c - 1);
      return false;
    }
    m.delete(v);
    this.dEntries--;
    this.dBytes -= ENTRY_OVERHEAD + valueBytes(v) + SLOT_BYTES;
    return true;
  }

  /** Applies the map-view entry deltas of the record just processed to the accounting. */
  private settle(g: Group): void {
    if (this.dEntries === 0 && this.dBytes === 0) return;
    g.entries += this.dEntries;
    g.bytes += this.dBytes;
    this.rows += this.dEntries;
    this.bytes += this.dBytes;
    this.rowsPer[g.subtask]! += this.dEntries;
    this.bytesPer[g.subtask]! += this.dBytes;
    this.dEntries = 0;
    this.dBytes = 0;
  }

  /** Writes the current aggregate results of `g` into the scratch row. */
  private computeValues(g: Group): void {
    const acc = g.acc;
    const out = this.scratch;
    for (let i = 0; i < this.nAggs; i++) {
      const s = this.slot[i]!;
      switch (this.code[i]!) {
        case C_COUNT_STAR:
        case C_COUNT:
        case C_MIN:
        case C_MAX:
          out[i] = acc[s]!;
          break;
        case C_SUM:
          out[i] = (acc[s + 1] as number) === 0 ? null : this.finish(i, acc[s] as number);
          break;
        case C_AVG: {
          const c = acc[s + 1] as number;
          out[i] = c === 0 ? null : this.finish(i, (acc[s] as number) / c);
          break;
        }
        case C_COUNT_DISTINCT:
          out[i] = g.maps![this.mapIdx[i]!]!.size;
          break;
        case C_SUM_DISTINCT:
          out[i] = g.maps![this.mapIdx[i]!]!.size === 0 ? null : this.finish(i, acc[s] as number);
          break;
        default: {
          // AVG DISTINCT
          const c = g.maps![this.mapIdx[i]!]!.size;
          out[i] = c === 0 ? null : this.finish(i, (acc[s] as number) / c);
        }
      }
    }
  }

  private finish(i: number, x: number): number {
    const mode = this.resultMode[i]!;
    if (mode === R_PLAIN) return x;
    if (mode === R_TRUNC) return Math.trunc(x);
    return roundScaled(x, this.scaleFactor[i]!);
  }

  private sameAsScratch(prev: Row): boolean {
    const nk = this.nKeys;
    const s = this.scratch;
    for (let i = 0; i < this.nAggs; i++) if (!valuesEqual(prev[nk + i]!, s[i]!)) return false;
    return true;
  }

  private resultRow(g: Group): Row {
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
    let maps: Map<Value, number>[] | null = null;
    if (this.nMaps > 0) {
      maps = new Array(this.nMaps);
      for (let m = 0; m < this.nMaps; m++) maps[m] = new Map();
    }
    const keyRow = pick(row, this.groupKeys);
    const bytes = this.groupBaseBytes + rowBytes(keyRow) - ROW_OVERHEAD;
    const g: Group = {
      key: keyRow,
      count: 0,
      acc: this.initAcc.slice(),
      maps,
      out: null,
      lastWrite: now,
      subtask,
      bytes,
      entries: 0,
    };
    this.groups.set(key, g);
    this.rows++;
    this.bytes += bytes;
    this.rowsPer[subtask]!++;
    this.bytesPer[subtask]! += bytes;
    if (now < this.minWrite) this.minWrite = now;
    return g;
  }

  private removeGroup(key: StateKey, g: Group): void {
    this.groups.delete(key);
    const rows = 1 + g.entries;
    this.rows -= rows;
    this.bytes -= g.bytes;
    this.rowsPer[g.subtask]! -= rows;
    this.bytesPer[g.subtask]! -= g.bytes;
  }

  snapshot(): GroupAggregateSnapshot {
    const groups: GroupAggregateSnapshot['groups'] = [];
    for (const g of this.groups.values()) {
      groups.push([
        g.key.slice(),
        g.count,
        g.acc.slice(),
        g.maps === null ? null : g.maps.map((m) => Array.from(m.entries())),
        g.out === null ? null : g.out.slice(),
        g.lastWrite,
      ]);
    }
    return { v: 1, groups };
  }

  restore(snapshot: unknown): void {
    const snap = snapshot as GroupAggregateSnapshot | null;
    this.groups = new Map();
    this.rows = 0;
    this.bytes = 0;
    this.rowsPer.fill(0);
    this.bytesPer.fill(0);
    this.minWrite = Infinity;
    if (snap === null || snap === undefined) return;
    for (const [keyRow, count, acc, maps, out, lastWrite] of snap.groups) {
      // The state key is recomputed (not stored): the snapshot stays JSON-exact for any key.
      const key = this.keyOfKeyRow(keyRow);
      const subtask = this.part.subtaskOf(key);
      let bytes = this.groupBaseBytes + rowBytes(keyRow) - ROW_OVERHEAD;
      let entries = 0;
      let gm: Map<Value, number>[] | null = null;
      if (maps !== null) {
        gm = maps.map((list) => {
          for (const [v] of list) bytes += ENTRY_OVERHEAD + valueBytes(v) + SLOT_BYTES;
          entries += list.length;
          return new Map(list);
        });
      }
      const g: Group = {
        key: keyRow.slice(),
        count,
        acc: acc.slice(),
        maps: gm,
        out: out === null ? null : out.slice(),
        lastWrite,
        subtask,
        bytes,
        entries,
      };
      this.groups.set(key, g);
      this.rows += 1 + entries;
      this.bytes += bytes;
      this.rowsPer[subtask]! += 1 + entries;
      this.bytesPer[subtask]! += bytes;
      if (lastWrite < this.minWrite) this.minWrite = lastWrite;
    }
  }

  /**
   * rows = state entries: one accumulator row per group plus one per MIN/MAX/DISTINCT map-view
   * entry (each is a separate MapState entry in Flink). bytes: see size.ts.
   */
  stateSize(): StateSize {
    return { rows: this.rows, bytes: this.bytes };
  }

  /** State per logical subtask, for skew views. */
  stateSizePerSubtask(): StateSize[] {
    return this.rowsPer.map((rows, i) => ({ rows, bytes: this.bytesPer[i]! }));
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
