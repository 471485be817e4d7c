// Keyed state of a GroupAggregate: group key -> the group's record count, accumulators and last
// result, with the size accounting per logical subtask (formula in size.ts) and the lower bound
// of the groups' last writes that lets a TTL sweep return early (see ttl.ts).
import type { Row, Value } from '../../types';
import type { KeyPartitioner, StateKey } from '../keys';
import type { AccumulatorState } from './accumulators';
import type { ValueCounts } from './value-counts';
import { ACC_SLOT_BYTES, GROUP_ENTRY_BYTES, MAP_ENTRY_BYTES, ROW_OVERHEAD, rowBytes } from './size';
import type { StateSize } from '../operator';

export interface Group extends AccumulatorState {
  /** Group key values (the first columns of every output row). */
  key: Row;
  /** Records accumulated minus records retracted. */
  count: number;
  acc: Value[];
  views: ValueCounts[] | null;
  /** The last emitted result row (Flink recomputes it from the accumulators; we keep it). */
  out: Row | null;
  lastWrite: number;
  subtask: number;
  /** Accounted bytes of the group itself (see size.ts), without its view entries. */
  baseBytes: number;
  viewStringBytes: number;
  /**
   * Entries a restored snapshot listed twice for one value (JSON writes NaN and infinities as
   * null), merged in the view but still accounted, as before the views counted entries.
   */
  duplicateEntries: number;
}

export class GroupState {
  readonly groups = new Map<StateKey, Group>();
  /** Bytes of a group without its key values: GROUP_ENTRY_BYTES + ACC_SLOT_BYTES per accumulator (size.ts). */
  private readonly groupBytesWithoutKey: number;
  // State size per subtask, kept as counts; sizes derive bytes from them (formula in size.ts).
  /** Groups. */
  private readonly groupsPer: number[];
  /** Sum of the groups' baseBytes. */
  private readonly groupBytesPer: number[];
  /** View entries. */
  private readonly viewEntriesPer: number[];
  /** Sum of the groups' viewStringBytes. */
  private readonly viewStringBytesPer: number[];
  /** Lower bound of every group's lastWrite: sweeps before minWrite + ttl find nothing. */
  minWrite = Infinity;

  constructor(
    readonly part: KeyPartitioner,
    accSize: number,
  ) {
    const p = part.parallelism;
    this.groupsPer = new Array<number>(p).fill(0);
    this.groupBytesPer = new Array<number>(p).fill(0);
    this.viewEntriesPer = new Array<number>(p).fill(0);
    this.viewStringBytesPer = new Array<number>(p).fill(0);
    this.groupBytesWithoutKey = GROUP_ENTRY_BYTES + ACC_SLOT_BYTES * accSize;
  }

  /** Accounted bytes of a group with these key values, without its view entries. */
  baseBytesOf(keyRow: Row): number {
    return this.groupBytesWithoutKey + rowBytes(keyRow) - ROW_OVERHEAD;
  }

  add(key: StateKey, group: Group): void {
    this.groups.set(key, group);
    const subtask = group.subtask;
    this.groupsPer[subtask]!++;
    this.groupBytesPer[subtask]! += group.baseBytes;
    if (group.views !== null) {
      let entries = group.duplicateEntries;
      for (const view of group.views) entries += view.size;
      this.viewEntriesPer[subtask]! += entries;
    }
    this.viewStringBytesPer[subtask]! += group.viewStringBytes;
    if (group.lastWrite < this.minWrite) this.minWrite = group.lastWrite;
  }

  remove(key: StateKey, group: Group): void {
    this.groups.delete(key);
    const subtask = group.subtask;
    this.groupsPer[subtask]!--;
    this.groupBytesPer[subtask]! -= group.baseBytes;
    if (group.views !== null) {
      let entries = group.duplicateEntries;
      for (const view of group.views) entries += view.size;
      this.viewEntriesPer[subtask]! -= entries;
    }
    this.viewStringBytesPer[subtask]! -= group.viewStringBytes;
  }

  /**
   * Accounts view entries the accumulators added (`entries` > 0) or removed (< 0) in `group`,
   * whose viewStringBytes moved by `stringBytes` meanwhile.
   */
  viewEntriesChanged(group: Group, entries: number, stringBytes: number): void {
    this.viewEntriesPer[group.subtask]! += entries;
    this.viewStringBytesPer[group.subtask]! += stringBytes;
  }

  clear(): void {
    this.groups.clear();
    this.groupsPer.fill(0);
    this.groupBytesPer.fill(0);
    this.viewEntriesPer.fill(0);
    this.viewStringBytesPer.fill(0);
    this.minWrite = Infinity;
  }

  /**
   * rows = state entries: one accumulator row per group plus one per MIN/MAX/DISTINCT view entry
   * (each is a separate MapState entry in Flink). bytes: see size.ts; derived here from the
   * counts: a view entry is MAP_ENTRY_BYTES plus, for a string, its extra bytes.
   */
  size(): StateSize {
    let rows = 0;
    let bytes = 0;
    for (let i = 0; i < this.groupsPer.length; i++) {
      const subtaskSize = this.subtaskSize(i);
      rows += subtaskSize.rows;
      bytes += subtaskSize.bytes;
    }
    return { rows, bytes };
  }

  sizePerSubtask(): StateSize[] {
    return this.groupsPer.map((_, i) => this.subtaskSize(i));
  }

  private subtaskSize(subtask: number): StateSize {
    const entries = this.viewEntriesPer[subtask]!;
    return {
      rows: this.groupsPer[subtask]! + entries,
      bytes: this.groupBytesPer[subtask]! + entries * MAP_ENTRY_BYTES + this.viewStringBytesPer[subtask]!,
    };
  }
}
