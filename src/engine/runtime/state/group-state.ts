// Keyed state of a GroupAggregate: group key -> the group's record count, accumulators and views,
// with the size accounting per logical subtask (formula in size.ts) and the lower bound of the
// groups' last writes that lets a TTL sweep return early (see ttl.ts).
//
// Layout (issue 14: ~660 bytes and six objects per group before): a group is a slot number, the
// Map's value; its fields live in flat columns indexed by slot (key values at slot * keyCount,
// accumulators at slot * accSize, count, last write, and views only when a call keeps one). So a
// group costs its Map entry plus a few array slots and no object of its own: small integers are
// stored in the columns unboxed and old-generation GC has nothing per group to trace but the
// values. The last output row is not kept: the operator recomputes it from the accumulators (as
// Flink's GroupAggFunction does) when it emits -U or -D. Freed slots are reused.
import type { Row, Value } from '../../types';
import type { KeyPartitioner, StateKey } from '../keys';
import type { AccumulatorState } from './accumulators';
import type { ValueCounts } from './value-counts';
import { ACC_SLOT_BYTES, GROUP_ENTRY_BYTES, GROUP_VIEWS_BYTES, MAP_ENTRY_BYTES, VIEW_BYTES, STRING_OVERHEAD, SLOT_BYTES } from './size';
import type { StateSize } from '../operator';

export class GroupState {
  /** Group key -> slot. */
  readonly slots = new Map<StateKey, number>();
  readonly keyCount: number;
  readonly accSize: number;
  /** Key values: slot * keyCount + k. */
  readonly keys: Value[] = [];
  /** Accumulator values: slot * accSize + j. */
  readonly acc: Value[] = [];
  /** Records accumulated minus records retracted, per slot. */
  readonly count: number[] = [];
  readonly lastWrite: number[] = [];
  /** Per slot, only when some call keeps a view: the views, the string bytes in them, and the
   * entries a restored snapshot listed twice for one value (merged but still accounted). */
  readonly views: (ValueCounts[] | null)[] | null;
  readonly viewStringBytes: number[] | null;
  readonly duplicateEntries: number[] | null;
  private readonly freeSlots: number[] = [];
  private nextSlot = 0;
  /** Bytes of a group without its key values: GROUP_ENTRY_BYTES + ACC_SLOT_BYTES per accumulator + its views' objects (size.ts). */
  private readonly groupBytesWithoutKey: number;
  // State size per subtask, kept as counts; sizes derive bytes from them (formula in size.ts).
  private readonly groupsPer: number[];
  /** Sum of the groups' base bytes (baseBytesAt). */
  private readonly groupBytesPer: number[];
  private readonly viewEntriesPer: number[];
  private readonly viewStringBytesPer: number[];
  /** Lower bound of every group's lastWrite: sweeps before minWrite + ttl find nothing. */
  minWrite = Infinity;

  constructor(
    readonly part: KeyPartitioner,
    keyCount: number,
    accSize: number,
    viewCount: number,
  ) {
    const hasViews = viewCount > 0;
    const p = part.parallelism;
    this.keyCount = keyCount;
    this.accSize = accSize;
    this.groupsPer = new Array<number>(p).fill(0);
    this.groupBytesPer = new Array<number>(p).fill(0);
    this.viewEntriesPer = new Array<number>(p).fill(0);
    this.viewStringBytesPer = new Array<number>(p).fill(0);
    this.groupBytesWithoutKey = GROUP_ENTRY_BYTES + ACC_SLOT_BYTES * accSize + (hasViews ? GROUP_VIEWS_BYTES + VIEW_BYTES * viewCount : 0);
    this.views = hasViews ? [] : null;
    this.viewStringBytes = hasViews ? [] : null;
    this.duplicateEntries = hasViews ? [] : null;
  }

  get size(): number {
    return this.slots.size;
  }

  /** Accounted bytes of the group in `slot` without its view entries (key values included). */
  private baseBytesAt(slot: number): number {
    let bytes = this.groupBytesWithoutKey;
    const at = slot * this.keyCount;
    for (let k = 0; k < this.keyCount; k++) {
      const v = this.keys[at + k];
      bytes += typeof v === 'string' ? 2 * v.length + STRING_OVERHEAD : SLOT_BYTES;
    }
    return bytes;
  }

  /**
   * A new group for `key`: its key values (`keyRow[keyColumns[k]]`, or `keyRow[k]` without
   * columns), the given accumulators and views, count and last write. Returns its slot.
   */
  add(
    key: StateKey,
    subtask: number,
    keyRow: Row,
    keyColumns: readonly number[] | null,
    initialAcc: readonly Value[],
    views: ValueCounts[] | null,
    count: number,
    lastWrite: number,
    duplicateEntries = 0,
    viewStringBytes = 0,
  ): number {
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.nextSlot++;
    const kc = this.keyCount;
    for (let k = 0; k < kc; k++) this.keys[slot * kc + k] = keyRow[keyColumns === null ? k : keyColumns[k]!]!;
    const as = this.accSize;
    for (let j = 0; j < as; j++) this.acc[slot * as + j] = initialAcc[j]!;
    this.count[slot] = count;
    this.lastWrite[slot] = lastWrite;
    if (this.views !== null) {
      this.views[slot] = views;
      this.viewStringBytes![slot] = viewStringBytes;
      this.duplicateEntries![slot] = duplicateEntries;
    }
    this.slots.set(key, slot);
    this.groupsPer[subtask]!++;
    this.groupBytesPer[subtask]! += this.baseBytesAt(slot);
    if (views !== null) {
      let entries = duplicateEntries;
      for (const view of views) entries += view.size;
      this.viewEntriesPer[subtask]! += entries;
    }
    this.viewStringBytesPer[subtask]! += viewStringBytes;
    if (lastWrite < this.minWrite) this.minWrite = lastWrite;
    return slot;
  }

  remove(key: StateKey, slot: number): void {
    this.slots.delete(key);
    const subtask = this.part.subtaskOf(key);
    this.groupsPer[subtask]!--;
    this.groupBytesPer[subtask]! -= this.baseBytesAt(slot);
    if (this.views !== null) {
      const views = this.views[slot];
      if (views !== null && views !== undefined) {
        let entries = this.duplicateEntries![slot]!;
        for (const view of views) entries += view.size;
        this.viewEntriesPer[subtask]! -= entries;
      }
      this.viewStringBytesPer[subtask]! -= this.viewStringBytes![slot]!;
      this.views[slot] = null;
    }
    // Drop references (strings, bigints) the free slot still holds.
    const kc = this.keyCount;
    for (let k = 0; k < kc; k++) this.keys[slot * kc + k] = null;
    const as = this.accSize;
    for (let j = 0; j < as; j++) this.acc[slot * as + j] = null;
    this.freeSlots.push(slot);
  }

  /** Copies the group in `slot` into `into` (a scratch the accumulators work on). */
  load(slot: number, into: AccumulatorState): void {
    const as = this.accSize;
    const base = slot * as;
    const acc = into.acc;
    for (let j = 0; j < as; j++) acc[j] = this.acc[base + j]!;
    if (this.views !== null) {
      into.views = this.views[slot]!;
      into.viewStringBytes = this.viewStringBytes![slot]!;
    }
  }

  /** Writes the scratch back to `slot`; accounts the view entries it added (> 0) or removed (< 0). */
  store(slot: number, from: AccumulatorState, subtask: number, viewEntries: number): void {
    const as = this.accSize;
    const base = slot * as;
    const acc = from.acc;
    for (let j = 0; j < as; j++) this.acc[base + j] = acc[j]!;
    if (this.views !== null) {
      const before = this.viewStringBytes![slot]!;
      this.viewStringBytes![slot] = from.viewStringBytes;
      this.viewEntriesPer[subtask]! += viewEntries;
      this.viewStringBytesPer[subtask]! += from.viewStringBytes - before;
    }
  }

  /** Writes the key values of `slot` into `row` from position 0. */
  writeKey(slot: number, row: Value[]): void {
    const kc = this.keyCount;
    const base = slot * kc;
    for (let k = 0; k < kc; k++) row[k] = this.keys[base + k]!;
  }

  clear(): void {
    this.slots.clear();
    this.keys.length = 0;
    this.acc.length = 0;
    this.count.length = 0;
    this.lastWrite.length = 0;
    if (this.views !== null) {
      this.views.length = 0;
      this.viewStringBytes!.length = 0;
      this.duplicateEntries!.length = 0;
    }
    this.freeSlots.length = 0;
    this.nextSlot = 0;
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
  sizeOf(): StateSize {
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
