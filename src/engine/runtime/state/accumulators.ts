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
import type { AggFunction } from '../../plan/graph';
import type { Row, TypeName, Value } from '../../types';
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
  type: { name: TypeName; scale?: number };
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
}

/** Result post-processing of SUM/AVG. */
const enum ResultMode {
  Plain = 0,
  Truncate = 1,
  Decimal = 2,
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

/** Rounds half away from zero to `factor` = 10^scale, nudged by one ulp against binary error. */
function roundScaled(x: number, factor: number): number {
  const r = Math.round(Math.abs(x) * factor * (1 + Number.EPSILON)) / factor;
  return x < 0 ? -r : r;
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
  private readonly scaleFactor: Float64Array;
  private readonly initialAcc: Value[];
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
    this.scaleFactor = new Float64Array(calls).fill(1);
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
        default: // SUM/AVG DISTINCT
          init.push(0); // sum of distinct values
          this.viewIndex[i] = views++;
      }
      this.resultMode[i] = resultModeOf(kind, spec);
      if (this.resultMode[i] === ResultMode.Decimal) this.scaleFactor[i] = Math.pow(10, spec.type.scale ?? 0);
    }
    this.initialAcc = init;
    this.viewCount = views;
    this.alwaysChanges = alwaysChanges;
  }

  /** Accumulator values per group. */
  get accSize(): number {
    return this.initialAcc.length;
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
        case AggKind.Avg:
          acc[at] = (acc[at] as number) + (value as number);
          acc[at + 1] = (acc[at + 1] as number) + 1;
          break;
        case AggKind.Min: {
          const view = this.viewIndex[i]!;
          if (view >= 0 && state.views![view]!.add(value)) added += viewEntryAdded(state, value);
          const current = acc[at]!;
          if (current === null || less(value, current)) acc[at] = value;
          break;
        }
        case AggKind.Max: {
          const view = this.viewIndex[i]!;
          if (view >= 0 && state.views![view]!.add(value)) added += viewEntryAdded(state, value);
          const current = acc[at]!;
          if (current === null || less(current, value)) acc[at] = value;
          break;
        }
        case AggKind.CountDistinct:
          if (state.views![this.viewIndex[i]!]!.add(value)) added += viewEntryAdded(state, value);
          break;
        default: // SUM/AVG DISTINCT
          if (state.views![this.viewIndex[i]!]!.add(value)) {
            added += viewEntryAdded(state, value);
            acc[at] = (acc[at] as number) + (value as number);
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
          acc[at] = nonNull === 0 ? 0 : (acc[at] as number) - (value as number);
          break;
        }
        case AggKind.Min:
        case AggKind.Max: {
          const viewIndex = this.viewIndex[i]!;
          if (viewIndex < 0) throw new Error('GroupAggregate: a retraction reached MIN/MAX declared insert-only');
          const view = state.views![viewIndex]!;
          if (view.remove(value)) {
            removed += viewEntryRemoved(state, value);
            if (valuesEqual(acc[at]!, value)) acc[at] = view.extreme(kind === AggKind.Min);
          }
          break;
        }
        case AggKind.CountDistinct:
          if (state.views![this.viewIndex[i]!]!.remove(value)) removed += viewEntryRemoved(state, value);
          break;
        default: {
          // SUM/AVG DISTINCT
          const view = state.views![this.viewIndex[i]!]!;
          if (view.remove(value)) {
            removed += viewEntryRemoved(state, value);
            acc[at] = view.size === 0 ? 0 : (acc[at] as number) - (value as number);
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
          out[at + i] = acc[offset]!;
          break;
        case AggKind.Sum:
          out[at + i] = (acc[offset + 1] as number) === 0 ? null : this.finish(i, acc[offset] as number);
          break;
        case AggKind.Avg: {
          const nonNull = acc[offset + 1] as number;
          out[at + i] = nonNull === 0 ? null : this.finish(i, (acc[offset] as number) / nonNull);
          break;
        }
        case AggKind.CountDistinct:
          out[at + i] = state.views![this.viewIndex[i]!]!.size;
          break;
        case AggKind.SumDistinct:
          out[at + i] = state.views![this.viewIndex[i]!]!.size === 0 ? null : this.finish(i, acc[offset] as number);
          break;
        default: {
          // AVG DISTINCT
          const distinct = state.views![this.viewIndex[i]!]!.size;
          out[at + i] = distinct === 0 ? null : this.finish(i, (acc[offset] as number) / distinct);
        }
      }
    }
  }

  private finish(call: number, x: number): number {
    const mode = this.resultMode[call]!;
    if (mode === ResultMode.Plain) return x;
    if (mode === ResultMode.Truncate) return Math.trunc(x);
    if (mode === ResultMode.Decimal) return roundScaled(x, this.scaleFactor[call]!);
    // Java's int / short / byte overflow: keep the low 32 / 16 / 8 bits.
    if (mode === ResultMode.WrapInt) return x | 0;
    if (mode === ResultMode.WrapSmallint) return (x << 16) >> 16;
    return (x << 24) >> 24;
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
  return ResultMode.Plain;
}
