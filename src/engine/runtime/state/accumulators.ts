// The accumulators of a GroupAggregate: how the aggregate calls of one operator lay out their
// state in a group (accumulator values plus value -> count views), and how a record is
// accumulated into it, retracted from it, and turned into result values. The operator owns the
// groups and the per-subtask size accounting; this file owns what one group's state means.
//
// Accumulator values per call, at its `accOffset`:
//   COUNT(*), COUNT            [count]
//   SUM, AVG                   [sum, non-null count]
//   MIN, MAX                   [current extreme], plus a view unless the input is insert-only
//   COUNT(DISTINCT)            none; the view's size is the count
//   SUM/AVG(DISTINCT)          [sum of distinct values], plus a view
//
// Sums are exact for integer and DECIMAL arguments (common/decimal.ts): a number while the running
// sum is a safe integer, a bigint beyond; a DECIMAL sum is kept as its unscaled integer at the
// result's scale (SUM keeps the argument's scale, AVG's max(6, s) is at least it). Only the result
// is shaped to the type: BIGINT wraps to 64 bits as Java's long sum does (modular arithmetic gives
// the same value in any order of additions and retractions), DECIMAL is NULL beyond 38 digits.
import type { AggFunction } from '../../plan/graph';
import type { Row, TypeName, Value } from '../../types';
import { type Exact, compareExact, fitsPrecision, fromUnscaled, unscaledBig, unscaledSmall } from '../../common/decimal';
import { decimalDiv } from '../../common/decimal-arith';
import { longDiv, wrapLong } from '../../common/int64';
import { valuesEqual } from '../keys';
import { SLOT_BYTES, STRING_OVERHEAD } from './size';
import { ValueCounts, less } from './value-counts';

/** What the operator needs of an aggregate call; the planner's AggCall satisfies it. */
export interface AggSpec {
  fn: AggFunction;
  /** Input column of the argument; null for COUNT(*). */
  arg: number | null;
  distinct: boolean;
  /** Input column holding the FILTER (WHERE ...) condition; rows count only when it is TRUE. */
  filter: number | null;
  /** Result type: integer AVG truncates, DECIMAL SUM/AVG round to `scale`. */
  type: { name: TypeName; precision?: number; scale?: number };
  /** LISTAGG's separator (default ','). */
  separator?: string;
}

/**
 * The aggregate calls the runtime distinguishes. A const enum, so the per-record switches
 * compare small integers; it is used only in this file's loops, where every build inlines it.
 */
export const enum AggKind {
  CountStar = 0,
  Count = 1,
  Sum = 2,
  Avg = 3,
  Min = 4,
  Max = 5,
  CountDistinct = 6,
  SumDistinct = 7,
  AvgDistinct = 8,
  /** FIRST_VALUE, LAST_VALUE, LISTAGG: insert-only inputs (the planner checks), one value each. */
  FirstValue = 9,
  LastValue = 10,
  ListAgg = 11,
}

/** Result post-processing of SUM/AVG. */
const enum ResultMode {
  Plain = 0,
  Truncate = 1,
  Decimal = 2,
  /** SUM of a BIGINT: exact, wrapped to 64 bits as Java's long. */
  Long = 6,
  /**
   * SUM of a TINYINT / SMALLINT / INT is of that type and wraps on overflow, as Flink's
   * SumWithRetractAggFunction (the running sum is cast to the result type). The accumulator
   * stays an exact double and only the result wraps: modular arithmetic gives the same value
   * whatever the order of additions and retractions (exact while |sum| < 2^53).
   */
  WrapInt = 3,
  WrapSmallint = 4,
  WrapTinyint = 5,
}

const WRAP_MODES: Readonly<Record<string, ResultMode>> = {
  INT: ResultMode.WrapInt,
  SMALLINT: ResultMode.WrapSmallint,
  TINYINT: ResultMode.WrapTinyint,
};

const INTEGER_TYPES: ReadonlySet<string> = new Set(['TINYINT', 'SMALLINT', 'INT', 'BIGINT']);

/** The part of a group's state the accumulators read and write. */
export interface AccumulatorState {
  /** Accumulator values, laid out by the operator's Accumulators. */
  acc: Value[];
  /** Value -> multiplicity views for MIN/MAX/DISTINCT calls, or null if none. */
  views: ValueCounts[] | null;
  /** Bytes of string values in the views beyond a number's 8 (0 for non-string views). */
  viewStringBytes: number;
}

/** valueBytes(v) - SLOT_BYTES: what a string value adds to a view entry's fixed bytes. */
export function viewStringExtra(value: Value): number {
  return typeof value === 'string' ? 2 * value.length + STRING_OVERHEAD - SLOT_BYTES : 0;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** How a SUM/AVG call adds: as doubles, as exact integers, or as exact unscaled decimals. */
const enum SumKind {
  Double = 0,
  Integer = 1,
  Decimal = 2,
}

/** An exact integer sum made canonical (number while safe). */
function exactSum(a: Exact, b: Exact, sign: 1 | -1): Exact {
  const s = sign === 1 ? BigInt(a) + BigInt(b) : BigInt(a) - BigInt(b);
  return s >= -BigInt(MAX_SAFE) && s <= BigInt(MAX_SAFE) ? Number(s) : s;
}

/** A DECIMAL argument value as its unscaled integer at `scale` (number while below 10^15). */
function unscaledOf(value: Value, scale: number): Exact {
  if (typeof value === 'number') {
    const k = unscaledSmall(value, scale);
    if (k !== null) return k;
  }
  return unscaledBig(value as Exact, scale);
}

export class Accumulators {
  /** Number of aggregate calls. */
  readonly calls: number;
  private readonly aggKind: Int8Array;
  /** Input column of each call's argument, -1 for COUNT(*). */
  private readonly argColumn: Int32Array;
  /** Input column of each call's FILTER condition, -1 when unfiltered. */
  private readonly filterColumn: Int32Array;
  /** Position of each call's first accumulator value in a group's `acc`. */
  private readonly accOffset: Int32Array;
  /** Index of each call's view in a group's `views`, -1 when it keeps none. */
  private readonly viewIndex: Int32Array;
  private readonly resultMode: Int8Array;
  /** SumKind of each SUM/AVG call. */
  private readonly sumKind: Int8Array;
  /** Scale of each call's DECIMAL result (SUM/AVG) or argument (MIN/MAX), else 0. */
  private readonly scale: Int32Array;
  /** MIN/MAX over a wide DECIMAL with a scale: compared through unscaled values (expr/exact.ts). */
  private readonly exactOrder: Uint8Array;
  private readonly initialAcc: Value[];
  /** LISTAGG separators by call. */
  private readonly separators: (string | undefined)[] = [];
  /** Views per group. */
  readonly viewCount: number;
  /**
   * An unfiltered COUNT(*) is among the calls: it changes with every accumulate and retract, so
   * a group that stays non-empty always has a new result and the comparison can be skipped.
   */
  readonly alwaysChanges: boolean;

  /** `inputInsertOnly`: MIN/MAX keep only the current extreme (no view, no retraction). */
  constructor(specs: readonly AggSpec[], inputInsertOnly: boolean) {
    const calls = specs.length;
    this.calls = calls;
    this.aggKind = new Int8Array(calls);
    this.argColumn = new Int32Array(calls);
    this.filterColumn = new Int32Array(calls);
    this.accOffset = new Int32Array(calls);
    this.viewIndex = new Int32Array(calls).fill(-1);
    this.resultMode = new Int8Array(calls);
    this.sumKind = new Int8Array(calls);
    this.scale = new Int32Array(calls);
    this.exactOrder = new Uint8Array(calls);
    const init: Value[] = [];
    let views = 0;
    let alwaysChanges = false;
    for (let i = 0; i < calls; i++) {
      const spec = specs[i]!;
      const kind = aggKindOf(spec);
      this.aggKind[i] = kind;
      this.argColumn[i] = spec.arg === null ? -1 : spec.arg;
      this.filterColumn[i] = spec.filter === null ? -1 : spec.filter;
      this.accOffset[i] = init.length;
      if (kind === AggKind.CountStar && spec.filter === null) alwaysChanges = true;
      switch (kind) {
        case AggKind.CountStar:
        case AggKind.Count:
          init.push(0);
          break;
        case AggKind.Sum:
        case AggKind.Avg:
          init.push(0, 0); // sum, non-null count
          break;
        case AggKind.Min:
        case AggKind.Max:
          init.push(null); // current extreme
          if (!inputInsertOnly) this.viewIndex[i] = views++; // value -> count, for retraction
          break;
        case AggKind.CountDistinct:
          this.viewIndex[i] = views++;
          break;
        case AggKind.FirstValue:
        case AggKind.LastValue:
        case AggKind.ListAgg:
          init.push(null); // the value (LISTAGG: the text so far)
          this.separators[i] = spec.separator ?? ',';
          break;
        default: // SUM/AVG DISTINCT
          init.push(0); // sum of distinct values
          this.viewIndex[i] = views++;
      }
      this.resultMode[i] = resultModeOf(kind, spec);
      const typeName = spec.type.name;
      this.scale[i] = typeName === 'DECIMAL' ? (spec.type.scale ?? 0) : 0;
      this.sumKind[i] = typeName === 'DECIMAL' ? SumKind.Decimal : INTEGER_TYPES.has(typeName) ? SumKind.Integer : SumKind.Double;
      if (typeName === 'DECIMAL' && (spec.type.precision ?? 10) > 15 && this.scale[i]! > 0) this.exactOrder[i] = 1;
    }
    this.initialAcc = init;
    this.viewCount = views;
    this.alwaysChanges = alwaysChanges;
  }

  /** Accumulator values per group. */
  get accSize(): number {
    return this.initialAcc.length;
  }

  /** A new group's accumulator values (do not modify). */
  get initialValues(): readonly Value[] {
    return this.initialAcc;
  }

  /** Fresh accumulator values for a new group. */
  createAcc(): Value[] {
    return this.initialAcc.slice();
  }

  /** Fresh, empty views for a new group, or null when no call keeps one. */
  createViews(): ValueCounts[] | null {
    const count = this.viewCount;
    if (count === 0) return null;
    const views = new Array<ValueCounts>(count);
    for (let v = 0; v < count; v++) views[v] = new ValueCounts();
    return views;
  }

  /** Adds `row` to the group's state; returns the number of view entries it created. */
  accumulate(state: AccumulatorState, row: Row): number {
    const acc = state.acc;
    const calls = this.calls;
    let added = 0;
    for (let i = 0; i < calls; i++) {
      const filterColumn = this.filterColumn[i]!;
      if (filterColumn >= 0 && row[filterColumn] !== true) continue;
      const kind = this.aggKind[i]!;
      const at = this.accOffset[i]!;
      if (kind === AggKind.CountStar) {
        acc[at] = (acc[at] as number) + 1;
        continue;
      }
      const value = row[this.argColumn[i]!]!;
      if (value === null) continue;
      switch (kind) {
        case AggKind.Count:
          acc[at] = (acc[at] as number) + 1;
          break;
        case AggKind.Sum:
        case AggKind.Avg: {
          const sum = acc[at]!;
          if (typeof sum === 'number' && typeof value === 'number' && this.sumKind[i] !== SumKind.Decimal) {
            const r = sum + value;
            acc[at] = r <= MAX_SAFE && r >= -MAX_SAFE ? r : this.add(i, sum, value, 1);
          } else acc[at] = this.add(i, sum, value, 1);
          acc[at + 1] = (acc[at + 1] as number) + 1;
          break;
        }
        case AggKind.Min: {
          const view = this.viewIndex[i]!;
          if (view >= 0 && state.views![view]!.add(value)) added += viewEntryAdded(state, value);
          const current = acc[at]!;
          if (current === null || this.less(i, value, current)) acc[at] = value;
          break;
        }
        case AggKind.Max: {
          const view = this.viewIndex[i]!;
          if (view >= 0 && state.views![view]!.add(value)) added += viewEntryAdded(state, value);
          const current = acc[at]!;
          if (current === null || this.less(i, current, value)) acc[at] = value;
          break;
        }
        case AggKind.CountDistinct:
          if (state.views![this.viewIndex[i]!]!.add(value)) added += viewEntryAdded(state, value);
          break;
        case AggKind.FirstValue:
          if (acc[at] === null) acc[at] = value;
          break;
        case AggKind.LastValue:
          acc[at] = value;
          break;
        case AggKind.ListAgg:
          acc[at] = acc[at] === null ? value : (acc[at] as string) + this.separators[i]! + (value as string);
          break;
        default: // SUM/AVG DISTINCT
          if (state.views![this.viewIndex[i]!]!.add(value)) {
            added += viewEntryAdded(state, value);
            acc[at] = this.add(i, acc[at]!, value, 1);
          }
      }
    }
    return added;
  }

  /** Removes `row` from the group's state; returns the number of view entries that left. */
  retract(state: AccumulatorState, row: Row): number {
    const acc = state.acc;
    const calls = this.calls;
    let removed = 0;
    for (let i = 0; i < calls; i++) {
      const filterColumn = this.filterColumn[i]!;
      if (filterColumn >= 0 && row[filterColumn] !== true) continue;
      const kind = this.aggKind[i]!;
      const at = this.accOffset[i]!;
      if (kind === AggKind.CountStar) {
        acc[at] = (acc[at] as number) - 1;
        continue;
      }
      const value = row[this.argColumn[i]!]!;
      if (value === null) continue;
      switch (kind) {
        case AggKind.Count:
          acc[at] = (acc[at] as number) - 1;
          break;
        case AggKind.Sum:
        case AggKind.Avg: {
          const nonNull = (acc[at + 1] as number) - 1;
          acc[at + 1] = nonNull;
          // Reset at zero non-null inputs so float drift does not leak into later sums.
          if (nonNull === 0) acc[at] = 0;
          else {
            const sum = acc[at]!;
            if (typeof sum === 'number' && typeof value === 'number' && this.sumKind[i] !== SumKind.Decimal) {
              const r = sum - value;
              acc[at] = r <= MAX_SAFE && r >= -MAX_SAFE ? r : this.add(i, sum, value, -1);
            } else acc[at] = this.add(i, sum, value, -1);
          }
          break;
        }
        case AggKind.Min:
        case AggKind.Max: {
          const viewIndex = this.viewIndex[i]!;
          if (viewIndex < 0) throw new Error('GroupAggregate: a retraction reached MIN/MAX declared insert-only');
          const view = state.views![viewIndex]!;
          if (view.remove(value)) {
            removed += viewEntryRemoved(state, value);
            if (valuesEqual(acc[at]!, value)) acc[at] = this.exactOrder[i] ? view.extreme(kind === AggKind.Min, this.exactLess(i)) : view.extreme(kind === AggKind.Min);
          }
          break;
        }
        case AggKind.CountDistinct:
          if (state.views![this.viewIndex[i]!]!.remove(value)) removed += viewEntryRemoved(state, value);
          break;
        case AggKind.FirstValue:
        case AggKind.LastValue:
        case AggKind.ListAgg:
          throw new Error('GroupAggregate: a retraction reached FIRST_VALUE / LAST_VALUE / LISTAGG, which run over insert-only inputs');
        default: {
          // SUM/AVG DISTINCT
          const view = state.views![this.viewIndex[i]!]!;
          if (view.remove(value)) {
            removed += viewEntryRemoved(state, value);
            acc[at] = view.size === 0 ? 0 : this.add(i, acc[at]!, value, -1);
          }
        }
      }
    }
    return removed;
  }

  /** Writes the group's current aggregate results into `out` from position `at`. */
  writeResults(state: AccumulatorState, out: Value[], at: number): void {
    const acc = state.acc;
    for (let i = 0; i < this.calls; i++) {
      const offset = this.accOffset[i]!;
      switch (this.aggKind[i]!) {
        case AggKind.CountStar:
        case AggKind.Count:
        case AggKind.Min:
        case AggKind.Max:
        case AggKind.FirstValue:
        case AggKind.LastValue:
        case AggKind.ListAgg:
          out[at + i] = acc[offset]!;
          break;
        case AggKind.Sum:
          out[at + i] = (acc[offset + 1] as number) === 0 ? null : this.finish(i, acc[offset] as Exact);
          break;
        case AggKind.Avg: {
          const nonNull = acc[offset + 1] as number;
          out[at + i] = nonNull === 0 ? null : this.average(i, acc[offset] as Exact, nonNull);
          break;
        }
        case AggKind.CountDistinct:
          out[at + i] = state.views![this.viewIndex[i]!]!.size;
          break;
        case AggKind.SumDistinct:
          out[at + i] = state.views![this.viewIndex[i]!]!.size === 0 ? null : this.finish(i, acc[offset] as Exact);
          break;
        default: {
          // AVG DISTINCT
          const distinct = state.views![this.viewIndex[i]!]!.size;
          out[at + i] = distinct === 0 ? null : this.average(i, acc[offset] as Exact, distinct);
        }
      }
    }
  }

  /** `sum + sign * value` off the number fast path: exact integers, unscaled decimals, or doubles. */
  private add(call: number, sum: Value, value: Value, sign: 1 | -1): Exact {
    const kind = this.sumKind[call]!;
    if (kind === SumKind.Double) return sign === 1 ? (sum as number) + (value as number) : (sum as number) - (value as number);
    if (kind === SumKind.Integer) return exactSum(sum as Exact, value as Exact, sign);
    const k = unscaledOf(value, this.scale[call]!);
    if (typeof sum === 'number' && typeof k === 'number') {
      const r = sign === 1 ? sum + k : sum - k;
      if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
    }
    return exactSum(sum as Exact, k, sign);
  }

  /** Orders two MIN/MAX values of call `call`. */
  private less(call: number, a: Value, b: Value): boolean {
    if (this.exactOrder[call] === 0) return less(a, b);
    return compareExact(a as Exact, b as Exact, this.scale[call]!) < 0;
  }

  private exactLess(call: number): (a: Value, b: Value) => boolean {
    const scale = this.scale[call]!;
    return (a, b) => compareExact(a as Exact, b as Exact, scale) < 0;
  }

  /** A sum shaped to the call's result type. */
  private finish(call: number, x: Exact): Value {
    const mode = this.resultMode[call]!;
    if (mode === ResultMode.Plain) return x;
    if (mode === ResultMode.Long) return typeof x === 'bigint' ? wrapLong(x) : x;
    if (mode === ResultMode.Decimal) return fitsPrecision(x, 38) ? fromUnscaled(x, this.scale[call]!) : null;
    // Java's int / short / byte overflow: keep the low 32 / 16 / 8 bits.
    const low = typeof x === 'bigint' ? Number(BigInt.asIntN(32, x)) : x;
    if (mode === ResultMode.WrapInt) return low | 0;
    if (mode === ResultMode.WrapSmallint) return (low << 16) >> 16;
    return (low << 24) >> 24;
  }

  /** AVG: the sum over `count` values, shaped to the call's result type. */
  private average(call: number, sum: Exact, count: number): Value {
    const mode = this.resultMode[call]!;
    // Integer AVG: Java's long sum (wrapped) divided by the count, truncated.
    if (mode === ResultMode.Truncate) return longDiv(typeof sum === 'bigint' ? wrapLong(sum) : sum, count);
    if (mode === ResultMode.Decimal) {
      const scale = this.scale[call]!;
      return decimalDiv(fromUnscaled(sum, scale), scale, count, 0, 38, scale);
    }
    return (sum as number) / count;
  }
}

/** Accounts a value new to one of the group's views; returns 1 (the entry). */
function viewEntryAdded(state: AccumulatorState, value: Value): number {
  if (typeof value === 'string') state.viewStringBytes += viewStringExtra(value);
  return 1;
}

/** Accounts a value that left one of the group's views; returns 1 (the entry). */
function viewEntryRemoved(state: AccumulatorState, value: Value): number {
  if (typeof value === 'string') state.viewStringBytes -= viewStringExtra(value);
  return 1;
}

function aggKindOf(spec: AggSpec): AggKind {
  if (spec.arg === null && spec.fn !== 'COUNT_STAR') {
    if (spec.fn === 'COUNT') return AggKind.CountStar; // COUNT() with no column counts rows
    throw new Error(`aggregate ${spec.fn} needs an argument column`);
  }
  switch (spec.fn) {
    case 'COUNT_STAR':
      return AggKind.CountStar;
    case 'COUNT':
      return spec.distinct ? AggKind.CountDistinct : AggKind.Count;
    case 'SUM':
      return spec.distinct ? AggKind.SumDistinct : AggKind.Sum;
    case 'AVG':
      return spec.distinct ? AggKind.AvgDistinct : AggKind.Avg;
    case 'MIN':
      return AggKind.Min; // MIN(DISTINCT x) = MIN(x)
    case 'MAX':
      return AggKind.Max;
    case 'FIRST_VALUE':
      return AggKind.FirstValue;
    case 'LAST_VALUE':
      return AggKind.LastValue;
    case 'LISTAGG':
      return AggKind.ListAgg;
    default:
      throw new Error(`unsupported aggregate function ${String(spec.fn)}`);
  }
}

/** How SUM/AVG results of `spec`'s type are finished; Plain for every other call. */
function resultModeOf(kind: AggKind, spec: AggSpec): ResultMode {
  const isSum = kind === AggKind.Sum || kind === AggKind.SumDistinct;
  const isAvg = kind === AggKind.Avg || kind === AggKind.AvgDistinct;
  if (!isSum && !isAvg) return ResultMode.Plain;
  const typeName = spec.type.name;
  if (typeName === 'DECIMAL') return ResultMode.Decimal;
  if (isAvg && INTEGER_TYPES.has(typeName)) return ResultMode.Truncate;
  if (isSum && WRAP_MODES[typeName] !== undefined) return WRAP_MODES[typeName]!;
  if (isSum && typeName === 'BIGINT') return ResultMode.Long;
  return ResultMode.Plain;
}
