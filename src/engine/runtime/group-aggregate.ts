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
import { KeyPartitioner, makeKeyFn, pick, valuesEqual, type KeyFn, type StateKey } from './keys';
import { Accumulators, viewStringExtra, type AggSpec } from './state/accumulators';
import { GroupState, type Group } from './state/group-state';
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
  /**
   * The next output row: the results of the group being processed are written here, after its
   * key columns, and compared with its last output row; it is emitted only if they differ (then
   * a fresh one takes its place), so an unchanged result allocates nothing.
   */
  private pendingRow: Row;
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
    this.state = new GroupState(this.part, this.accumulators.accSize);
    this.load = new Array<number>(this.part.parallelism).fill(0);
    this.pendingRow = new Array(this.keyCount + this.accumulators.calls);
  }

  process(batch: Batch, _port: number, ctx: OperatorContext): Batch {
    const now = ctx.now;
    const ttl = this.ttl;
    const load = this.load;
    load.fill(0);
    const skipCompare = ttl > 0 || this.accumulators.alwaysChanges;
    const state = this.state;
    const groups = state.groups;
    const keyFn = this.keyFn;
    const part = this.part;
    const cleanup = this.cleanup;
    const keyCount = this.keyCount;
    const out: Change[] = [];
    for (let i = 0; i < batch.length; i++) {
      const change = batch[i]!;
      const row = change.row;
      const kind = change.kind;
      const isAccumulate = kind === RowKind.INSERT || kind === RowKind.UPDATE_AFTER;
      const key = keyFn(row);
      const subtask = part.subtaskOf(key);
      load[subtask]!++;
      let group = groups.get(key);
      if (group !== undefined && isExpired(group.lastWrite, ttl, now)) {
        state.remove(key, group);
        this.counters.expiredGroups++;
        group = undefined;
      }
      if (group === undefined) {
        if (!isAccumulate) {
          this.counters.ignoredRetractions++;
          continue;
        }
        group = this.createGroup(key, row, subtask, now);
        this.accumulate(group, row);
        this.accumulators.writeResults(group, this.pendingRow, keyCount);
        const first = this.takePendingRow(group);
        group.out = first;
        out.push({ kind: RowKind.INSERT, row: first });
      } else {
        if (isAccumulate) this.accumulate(group, row);
        else this.retract(group, row);
        if (group.count <= 0) {
          out.push({ kind: RowKind.DELETE, row: group.out! });
          state.remove(key, group);
          continue;
        }
        group.lastWrite = now;
        const previous = group.out!;
        this.accumulators.writeResults(group, this.pendingRow, keyCount);
        if (skipCompare || !this.sameResults(previous)) {
          const updated = this.takePendingRow(group);
          if (this.updateBefore) out.push({ kind: RowKind.UPDATE_BEFORE, row: previous });
          out.push({ kind: RowKind.UPDATE_AFTER, row: updated });
          group.out = updated;
        }
      }
      if (cleanup !== null && cleanup(group.out!) === true) {
        state.remove(key, group);
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
    for (const [key, group] of state.groups) {
      if (now >= group.lastWrite + ttl) {
        state.remove(key, group);
        this.counters.expiredGroups++;
      } else if (group.lastWrite < minWrite) {
        minWrite = group.lastWrite;
      }
    }
    state.minWrite = minWrite;
    return [];
  }

  private accumulate(group: Group, row: Row): void {
    group.count++;
    const stringBytesBefore = group.viewStringBytes;
    const added = this.accumulators.accumulate(group, row);
    if (added !== 0) this.state.viewEntriesChanged(group, added, group.viewStringBytes - stringBytesBefore);
  }

  private retract(group: Group, row: Row): void {
    group.count--;
    const stringBytesBefore = group.viewStringBytes;
    const removed = this.accumulators.retract(group, row);
    if (removed !== 0) this.state.viewEntriesChanged(group, -removed, group.viewStringBytes - stringBytesBefore);
  }

  /** The results just written to the pending row equal those of the previous output row. */
  private sameResults(previous: Row): boolean {
    const pending = this.pendingRow;
    for (let i = this.keyCount; i < pending.length; i++) if (!valuesEqual(previous[i]!, pending[i]!)) return false;
    return true;
  }

  /** The pending row, completed with `group`'s key values, as an output row; a fresh one replaces it. */
  private takePendingRow(group: Group): Row {
    const row = this.pendingRow;
    const keyCount = this.keyCount;
    const key = group.key;
    for (let i = 0; i < keyCount; i++) row[i] = key[i]!;
    this.pendingRow = new Array(row.length);
    return row;
  }

  private createGroup(key: StateKey, row: Row, subtask: number, now: number): Group {
    const keyRow = pick(row, this.groupKeys);
    const group: Group = {
      key: keyRow,
      count: 0,
      acc: this.accumulators.createAcc(),
      views: this.accumulators.createViews(),
      out: null,
      lastWrite: now,
      subtask,
      baseBytes: this.state.baseBytesOf(keyRow),
      viewStringBytes: 0,
      duplicateEntries: 0,
    };
    this.state.add(key, group);
    return group;
  }

  snapshot(): GroupAggregateSnapshot {
    const groups: GroupAggregateSnapshot['groups'] = [];
    for (const group of this.state.groups.values()) {
      groups.push([
        group.key.slice(),
        group.count,
        group.acc.slice(),
        group.views === null ? null : group.views.map((view) => view.entries()),
        group.out === null ? null : group.out.slice(),
        group.lastWrite,
      ]);
    }
    return { v: 1, groups };
  }

  restore(snapshot: unknown): void {
    const snap = snapshot as GroupAggregateSnapshot | null;
    this.state.clear();
    if (snap === null || snap === undefined) return;
    for (const [keyRow, count, acc, views, out, lastWrite] of snap.groups) {
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
      const group: Group = {
        key: keyRow.slice(),
        count,
        acc: acc.slice(),
        views: restoredViews,
        out: out === null ? null : out.slice(),
        lastWrite,
        subtask: this.part.subtaskOf(key),
        baseBytes: this.state.baseBytesOf(keyRow),
        viewStringBytes,
        duplicateEntries,
      };
      this.state.add(key, group);
    }
  }

  /** State entries and bytes; see GroupState.size. */
  stateSize(): StateSize {
    return this.state.size();
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
    return this.state.groups.size;
  }

  getCounters(): GroupAggregateCounters {
    return { ...this.counters };
  }
}

export function groupAggregate(options: GroupAggregateOptions): GroupAggregateOperator {
  return new GroupAggregateOperator(options);
}
