// The state of one input side of a regular join (Flink's JoinRecordStateView and, on outer
// sides, OuterJoinRecordStateView): join key -> the side's records under that key, each with
// its multiplicity and, on outer sides, its number of associations (matching records on the
// other side). Records keep their insertion order per key, which is the order probes emit
// matches in. Size accounting per logical subtask follows size.ts:
//   per join key 16 + bytes(key values); per record bytes(row) + 140 (JOIN_RECORD_BYTES) + 8
//   (multiplicity) + 8 (associations, outer sides only).
import type { CompiledExpr } from '../../expr/ir';
import type { Row } from '../../types';
import { hashRow, makeKeyFn, rowsEqual, type KeyFn, type KeyPartitioner, type StateKey } from '../keys';
import { ENTRY_OVERHEAD, JOIN_RECORD_BYTES, SLOT_BYTES, rowBytes, valueBytes } from './size';
import { isExpired } from './ttl';

/** One distinct record in a side's state. */
export class JoinRecord {
  /** Next live record with the same hash in the list's hash index chain. */
  next: JoinRecord | null = null;
  constructor(
    readonly row: Row,
    /** hashRow(row). */
    readonly hash: number,
    /** Copies of the record; 0 marks a removed record (awaiting compaction in a list). */
    public multiplicity: number,
    /** Matching records on the other side (outer sides only; Flink keeps it per distinct record). */
    public associations: number,
    public lastWrite: number,
  ) {}
}

/** The records of a join key holding two or more (a key's only record is stored alone). */
export class RecordList {
  /** Records in insertion order, with removed ones (multiplicity 0) left in place until there
   *  are more removed than live ones, then compacted. */
  records: JoinRecord[];
  live: number;
  removed = 0;
  /** Row-hash index (chained through JoinRecord.next) for long lists, built at INDEX_AT records. */
  index: Map<number, JoinRecord> | null = null;
  constructor(
    records: JoinRecord[],
    readonly subtask: number,
    readonly keyBytes: number,
  ) {
    this.records = records;
    this.live = records.length;
  }
}

/**
 * What a side's state holds per join key: the JoinRecord itself while the key has one live record
 * (most keys: no list and no array per record), a RecordList from the second record on, until
 * the key is empty. Either way records keep their insertion order.
 */
export type KeyRecords = JoinRecord | RecordList;

/** Lists this long get a row-hash index so finding an equal record stays O(1). */
const INDEX_AT = 16;

/** Per join key (recomputed from the records on restore): [record, multiplicity, associations, last write][] */
export type JoinSideSnapshot = [Row, number, number, number][][];

export class JoinSide {
  byKey = new Map<StateKey, KeyRecords>();
  rows = 0;
  bytes = 0;
  rowsPer: number[];
  bytesPer: number[];
  /** Lower bound of every record's lastWrite: sweeps before minWrite + ttl find nothing. */
  minWrite = Infinity;
  /** Records that left state because their TTL passed (met on access or swept). */
  expiredRecords = 0;
  /** Records cleared by the cleanup condition. */
  cleanedRecords = 0;
  readonly keyFn: KeyFn;
  /** Bytes a record adds beyond bytes(row): the multiplicity, plus associations on outer sides. */
  private readonly recordOverhead: number;
  constructor(
    /** The left input (port 0) or the right one: fixes where its columns sit in a joined row. */
    readonly isLeft: boolean,
    readonly keyColumns: readonly number[],
    /** Emits null-padded rows for its unmatched records (LEFT side of a LEFT join, ...). */
    readonly outer: boolean,
    readonly ttl: number,
    readonly cleanup: CompiledExpr | null,
    readonly part: KeyPartitioner,
  ) {
    this.keyFn = makeKeyFn(keyColumns);
    this.rowsPer = new Array<number>(part.parallelism).fill(0);
    this.bytesPer = new Array<number>(part.parallelism).fill(0);
    this.recordOverhead = JOIN_RECORD_BYTES + SLOT_BYTES + (outer ? SLOT_BYTES : 0);
  }

  expired(record: JoinRecord, now: number): boolean {
    return isExpired(record.lastWrite, this.ttl, now);
  }

  /** The live record equal to `row` (whose hashRow is `hash`) among `keyRecords`, if any. */
  find(keyRecords: KeyRecords, row: Row, hash: number): JoinRecord | undefined {
    if (keyRecords instanceof JoinRecord) {
      return keyRecords.hash === hash && keyRecords.multiplicity > 0 && rowsEqual(keyRecords.row, row) ? keyRecords : undefined;
    }
    const list = keyRecords;
    if (list.index !== null) {
      let record: JoinRecord | null | undefined = list.index.get(hash);
      while (record !== undefined && record !== null) {
        if (rowsEqual(record.row, row)) return record;
        record = record.next;
      }
      return undefined;
    }
    const records = list.records;
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      if (record.hash === hash && record.multiplicity > 0 && rowsEqual(record.row, row)) return record;
    }
    return undefined;
  }

  /** Flink's addRecord: multiplicity + 1; on outer sides the association count is (re)set. */
  addRecord(key: StateKey, subtask: number, row: Row, hash: number, associations: number, now: number): void {
    const keyRecords = this.byKey.get(key);
    if (keyRecords === undefined) {
      this.addFirst(key, subtask, new JoinRecord(row, hash, 1, associations, now));
      return;
    }
    const record = this.find(keyRecords, row, hash);
    if (record !== undefined) {
      if (this.expired(record, now)) {
        record.multiplicity = 1; // expired state reads as absent: a fresh record
        this.expiredRecords++;
      } else record.multiplicity++;
      record.associations = associations;
      record.lastWrite = now;
      return;
    }
    this.insert(key, keyRecords, new JoinRecord(row, hash, 1, associations, now));
  }

  /** Accounted bytes of a join key (see size.ts), from a record holding it. */
  private keyBytesOf(row: Row): number {
    let keyBytes = ENTRY_OVERHEAD;
    for (let i = 0; i < this.keyColumns.length; i++) keyBytes += valueBytes(row[this.keyColumns[i]!]!);
    return keyBytes;
  }

  /** Stores `record` as the only record of `key`, which holds none. */
  private addFirst(key: StateKey, subtask: number, record: JoinRecord): void {
    this.byKey.set(key, record);
    const keyBytes = this.keyBytesOf(record.row);
    this.bytes += keyBytes;
    this.bytesPer[subtask]! += keyBytes;
    this.added(subtask, record);
  }

  /** Stores `record` under `key`, which holds `keyRecords`. */
  private insert(key: StateKey, keyRecords: KeyRecords, record: JoinRecord): void {
    let list: RecordList;
    if (keyRecords instanceof JoinRecord) {
      // The second record: the records array is created with both (an empty array's first push
      // allocates room for 16).
      list = new RecordList([keyRecords, record], this.part.subtaskOf(key), this.keyBytesOf(keyRecords.row));
      this.byKey.set(key, list); // same key: keeps its position in the Map's order
    } else {
      list = keyRecords;
      list.records.push(record);
      list.live++;
    }
    const index = list.index;
    if (index !== null) {
      record.next = index.get(record.hash) ?? null;
      index.set(record.hash, record);
    } else if (list.live >= INDEX_AT) {
      const built = new Map<number, JoinRecord>();
      for (const stored of list.records) {
        if (stored.multiplicity === 0) continue;
        stored.next = built.get(stored.hash) ?? null;
        built.set(stored.hash, stored);
      }
      list.index = built;
    }
    this.added(list.subtask, record);
  }

  /** Accounts a new stored record. */
  private added(subtask: number, record: JoinRecord): void {
    const bytes = rowBytes(record.row) + this.recordOverhead;
    this.rows++;
    this.bytes += bytes;
    this.rowsPer[subtask]!++;
    this.bytesPer[subtask]! += bytes;
    if (record.lastWrite < this.minWrite) this.minWrite = record.lastWrite;
  }

  /** Removes `record` (all its copies) from `key`, which holds `keyRecords`. */
  remove(key: StateKey, keyRecords: KeyRecords, record: JoinRecord): void {
    if (record.multiplicity === 0) return;
    record.multiplicity = 0;
    if (keyRecords instanceof JoinRecord) {
      this.byKey.delete(key);
      const subtask = this.part.subtaskOf(key);
      const bytes = rowBytes(record.row) + this.recordOverhead + this.keyBytesOf(record.row);
      this.rows--;
      this.bytes -= bytes;
      this.rowsPer[subtask]!--;
      this.bytesPer[subtask]! -= bytes;
      return;
    }
    const list = keyRecords;
    list.live--;
    list.removed++;
    const index = list.index;
    if (index !== null) {
      const head = index.get(record.hash)!;
      if (head === record) {
        if (record.next === null) index.delete(record.hash);
        else index.set(record.hash, record.next);
      } else {
        let previous = head;
        while (previous.next !== record) previous = previous.next!;
        previous.next = record.next;
      }
      record.next = null;
    }
    const bytes = rowBytes(record.row) + this.recordOverhead;
    this.rows--;
    this.bytes -= bytes;
    this.rowsPer[list.subtask]!--;
    this.bytesPer[list.subtask]! -= bytes;
    if (list.live === 0) {
      this.byKey.delete(key);
      this.bytes -= list.keyBytes;
      this.bytesPer[list.subtask]! -= list.keyBytes;
    } else if (list.removed >= 8 && list.removed > list.live) {
      list.records = list.records.filter((stored) => stored.multiplicity > 0);
      list.removed = 0;
    }
  }

  /** Empties the state (the expiry and cleanup counters keep counting). */
  reset(): void {
    this.byKey = new Map();
    this.rows = 0;
    this.bytes = 0;
    this.rowsPer.fill(0);
    this.bytesPer.fill(0);
    this.minWrite = Infinity;
  }

  snapshot(): JoinSideSnapshot {
    const out: JoinSideSnapshot = [];
    for (const keyRecords of this.byKey.values()) {
      const live: [Row, number, number, number][] = [];
      for (const record of keyRecords instanceof JoinRecord ? [keyRecords] : keyRecords.records) {
        if (record.multiplicity > 0) live.push([record.row.slice(), record.multiplicity, record.associations, record.lastWrite]);
      }
      out.push(live);
    }
    return out;
  }

  /** Adds the records of a snapshot to the (reset) state. */
  restore(data: JoinSideSnapshot): void {
    for (const records of data) {
      if (records.length === 0) continue;
      const key = this.keyFn(records[0]![0]);
      for (const [row, multiplicity, associations, lastWrite] of records) {
        const copy = row.slice();
        const record = new JoinRecord(copy, hashRow(copy), multiplicity, associations, lastWrite);
        const keyRecords = this.byKey.get(key);
        if (keyRecords === undefined) this.addFirst(key, this.part.subtaskOf(key), record);
        else this.insert(key, keyRecords, record);
      }
    }
  }
}
