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
// `cleanupCondition` is the operator-level business-rule cleanup (STATE_CLEANUP): evaluated over
// the group's new result row (keys, then aggregate values: what it just emitted or kept) after
// each record that leaves the group non-empty; when it returns TRUE the group's state is cleared
// without output, so its last result stays downstream, and the next record of that key starts a
// new group with +I (a retraction meeting no state is ignored, as after TTL expiry).
//
//
// The accumulators (what each aggregate call keeps and how a record changes it) are in
// state/accumulators.ts, the groups and their size accounting in state/group-state.ts.
import type { Batch, Change, Row, Value } from '../types';
import { RowKind } from '../types';
import type { CompiledExpr } from '../expr/ir';
import type { Operator, OperatorContext, StateSize } from './operator';
import { KeyPartitioner, makeKeyFn, valuesEqual, type KeyFn } from './keys';
import { Accumulators, viewStringExtra, type AccumulatorState, type AggSpec } from './state/accumulators';
import { GroupState } from './state/group-state';
import { isExpired, normaliseTtl } from './state/ttl';
import { ValueCounts } from './state/value-counts';

export interface GroupAggregateOptions {
  /** Input columns forming the group key; empty for a global aggregate (one group). */
  groupKeys: readonly number[];
  aggs: readonly AggSpec[];
  /** Logical subtasks the keyed state is partitioned over (hash of the key). Default 1. */
  parallelism?: number;
  /** State TTL in ms (the hint's, else `table.exec.state.ttl`); 0 or null = never expires. */
  ttlMs?: number | null;
  /** Business-rule cleanup over a group's result row (keys, then aggregate values), checked after each update. */
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

/** Snapshot layout, JSON-safe: arrays only. */
interface GroupAggregateSnapshot {
  v: 1;
  /** [key values, record count, accumulators, map views as entry lists, last output, last write] */
  groups: [Row, number, Value[], [Value, number][][] | null, Row | null, number][];
}

export class GroupAggregateOperator implements Operator {
  private readonly keyFn: KeyFn;
  /** The state key from a group's key values (positions 0..n-1). */
  private readonly keyOfKeyRow: KeyFn;
  private readonly groupKeys: number[];
  /** Group key columns: the first columns of an output row. */
  private readonly keyCount: number;
  private readonly accumulators: Accumulators;
  private readonly ttl: number;
  private readonly cleanup: CompiledExpr | null;
  private readonly updateBefore: boolean;
  private readonly part: KeyPartitioner;
  private readonly state: GroupState;
  /** The group being processed: its accumulators are copied here, worked on, and stored back. */
  private readonly scratch: AccumulatorState;
  /**
   * The next output row: the results of the group being processed are written here, after its
   * key columns, and compared with its previous results (`previousRow`); it is emitted only if
   * they differ (then a fresh one takes its place), so an unchanged result allocates nothing.
   */
  private pendingRow: Row;
  /** The group's results before the record, rebuilt from its accumulators (the -U / -D row). */
  private previousRow: Row;
  private readonly load: number[];
  private readonly counters: GroupAggregateCounters = { expiredGroups: 0, cleanedGroups: 0, ignoredRetractions: 0 };

  constructor(options: GroupAggregateOptions) {
    this.groupKeys = options.groupKeys.slice();
    this.keyFn = makeKeyFn(this.groupKeys);
    this.keyOfKeyRow = makeKeyFn(this.groupKeys.map((_, i) => i));
    this.keyCount = this.groupKeys.length;
    this.accumulators = new Accumulators(options.aggs, options.inputInsertOnly ?? false);
    this.ttl = normaliseTtl(options.ttlMs);
    this.cleanup = options.cleanupCondition ?? null;
    this.updateBefore = options.generateUpdateBefore ?? true;
    this.part = new KeyPartitioner(options.parallelism ?? 1);
    this.state = new GroupState(this.part, this.keyCount, this.accumulators.accSize, this.accumulators.viewCount);
    this.scratch = { acc: this.accumulators.createAcc(), views: null, viewStringBytes: 0 };
    this.load = new Array<number>(this.part.parallelism).fill(0);
    this.pendingRow = new Array(this.keyCount + this.accumulators.calls);
    this.previousRow = new Array(this.keyCount + this.accumulators.calls);
  }

  process(batch: Batch, _port: number, ctx: OperatorContext): Batch {
    const now = ctx.now;
    const ttl = this.ttl;
    const load = this.load;
    load.fill(0);
    const skipCompare = ttl > 0 || this.accumulators.alwaysChanges;
    const state = this.state;
    const slots = state.slots;
    const counts = state.count;
    const keyFn = this.keyFn;
    const part = this.part;
    const cleanup = this.cleanup;
    const keyCount = this.keyCount;
    const accumulators = this.accumulators;
    const scratch = this.scratch;
    const out: Change[] = [];
    for (let i = 0; i < batch.length; i++) {
      const change = batch[i]!;
      const row = change.row;
      const kind = change.kind;
      const isAccumulate = kind === RowKind.INSERT || kind === RowKind.UPDATE_AFTER;
      const key = keyFn(row);
      const subtask = part.subtaskOf(key);
      load[subtask]!++;
      let slot = slots.get(key);
      if (slot !== undefined && ttl > 0 && isExpired(state.lastWrite[slot]!, ttl, now)) {
        state.remove(key, slot);
        this.counters.expiredGroups++;
        slot = undefined;
      }
      let current: Row;
      if (slot === undefined) {
        if (!isAccumulate) {
          this.counters.ignoredRetractions++;
          continue;
        }
        slot = state.add(key, subtask, row, this.groupKeys, accumulators.initialValues, accumulators.createViews(), 0, now);
        state.load(slot, scratch);
        counts[slot] = 1;
        const added = accumulators.accumulate(scratch, row);
        state.store(slot, scratch, subtask, added);
        accumulators.writeResults(scratch, this.pendingRow, keyCount);
        current = this.takePendingRow(slot);
        out.push({ kind: RowKind.INSERT, row: current });
      } else {
        state.load(slot, scratch);
        const previous = this.previousRow;
        accumulators.writeResults(scratch, previous, keyCount);
        let entries: number;
        if (isAccumulate) {
          counts[slot]!++;
          entries = accumulators.accumulate(scratch, row);
        } else {
          counts[slot]!--;
          entries = -accumulators.retract(scratch, row);
        }
        state.store(slot, scratch, subtask, entries);
        if (counts[slot]! <= 0) {
          out.push({ kind: RowKind.DELETE, row: this.takePreviousRow(slot) });
          state.remove(key, slot);
          continue;
        }
        state.lastWrite[slot] = now;
        accumulators.writeResults(scratch, this.pendingRow, keyCount);
        if (skipCompare || !this.sameResults()) {
          if (this.updateBefore) out.push({ kind: RowKind.UPDATE_BEFORE, row: this.takePreviousRow(slot) });
          current = this.takePendingRow(slot);
          out.push({ kind: RowKind.UPDATE_AFTER, row: current });
        } else {
          current = previous;
          if (cleanup !== null) state.writeKey(slot, current);
        }
      }
      if (cleanup !== null && cleanup(current) === true) {
        state.remove(key, slot);
        this.counters.cleanedGroups++;
      }
    }
    return out;
  }

  onProcessingTime(ctx: OperatorContext): Batch {
    const ttl = this.ttl;
    if (ttl <= 0) return [];
    const now = ctx.now;
    const state = this.state;
    if (now < state.minWrite + ttl) return [];
    let minWrite = Infinity;
    for (const [key, slot] of state.slots) {
      const lastWrite = state.lastWrite[slot]!;
      if (now >= lastWrite + ttl) {
        state.remove(key, slot);
        this.counters.expiredGroups++;
      } else if (lastWrite < minWrite) {
        minWrite = lastWrite;
      }
    }
    state.minWrite = minWrite;
    return [];
  }

  /** The results just written to the pending row equal those before the record. */
  private sameResults(): boolean {
    const pending = this.pendingRow;
    const previous = this.previousRow;
    for (let i = this.keyCount; i < pending.length; i++) if (!valuesEqual(previous[i]!, pending[i]!)) return false;
    return true;
  }

  /** The pending row, completed with the group's key values, as an output row; a fresh one replaces it. */
  private takePendingRow(slot: number): Row {
    const row = this.pendingRow;
    this.state.writeKey(slot, row);
    this.pendingRow = new Array(row.length);
    return row;
  }

  /** The previous results, completed with the group's key values, as an output row. */
  private takePreviousRow(slot: number): Row {
    const row = this.previousRow;
    this.state.writeKey(slot, row);
    this.previousRow = new Array(row.length);
    return row;
  }

  /** The group's current result row (keys, then results). */
  private resultRow(slot: number): Row {
    const row: Row = new Array(this.keyCount + this.accumulators.calls);
    this.state.load(slot, this.scratch);
    this.accumulators.writeResults(this.scratch, row, this.keyCount);
    this.state.writeKey(slot, row);
    return row;
  }

  snapshot(): GroupAggregateSnapshot {
    const groups: GroupAggregateSnapshot['groups'] = [];
    const state = this.state;
    const keyCount = this.keyCount;
    const accSize = state.accSize;
    for (const slot of state.slots.values()) {
      const views = state.views === null ? null : state.views[slot]!;
      groups.push([
        state.keys.slice(slot * keyCount, slot * keyCount + keyCount),
        state.count[slot]!,
        state.acc.slice(slot * accSize, slot * accSize + accSize),
        views === null ? null : views.map((view) => view.entries()),
        this.resultRow(slot),
        state.lastWrite[slot]!,
      ]);
    }
    return { v: 1, groups };
  }

  restore(snapshot: unknown): void {
    const snap = snapshot as GroupAggregateSnapshot | null;
    this.state.clear();
    if (snap === null || snap === undefined) return;
    // The last output row is not restored: it is recomputed from the accumulators when needed.
    for (const [keyRow, count, acc, views, , lastWrite] of snap.groups) {
      // The state key is recomputed (not stored): the snapshot stays JSON-exact for any key.
      const key = this.keyOfKeyRow(keyRow);
      let restoredViews: ValueCounts[] | null = null;
      let viewStringBytes = 0;
      let duplicateEntries = 0;
      if (views !== null) {
        restoredViews = views.map((entries) => {
          const view = new ValueCounts(entries);
          duplicateEntries += entries.length - view.size;
          for (const [value] of entries) viewStringBytes += viewStringExtra(value);
          return view;
        });
      }
      this.state.add(key, this.part.subtaskOf(key), keyRow, null, acc, restoredViews, count, lastWrite, duplicateEntries, viewStringBytes);
    }
  }

  /** State entries and bytes; see GroupState.sizeOf. */
  stateSize(): StateSize {
    return this.state.sizeOf();
  }

  /** State per logical subtask, for skew views. */
  stateSizePerSubtask(): StateSize[] {
    return this.state.sizePerSubtask();
  }

  lastSubtaskLoad(): number[] {
    return this.load.slice();
  }

  /** Number of live groups (including expired ones not yet swept). */
  groupCount(): number {
    return this.state.size;
  }

  getCounters(): GroupAggregateCounters {
    return { ...this.counters };
  }
}

export function groupAggregate(options: GroupAggregateOptions): GroupAggregateOperator {
  return new GroupAggregateOperator(options);
}
