// Regular streaming join (INNER / LEFT / RIGHT / FULL), as Flink's StreamingJoinOperator
// (flink-table-runtime, join/stream), without mini-batch.
//
// State per side: join key -> multiset of records, each with a multiplicity and, on outer sides,
// its number of associations (matches on the other side, "numOfAssociations"). Records with a
// NULL in a join key are stored (Flink stores them too) but never match, as SQL `=` has it.
//
// Output row kinds (Flink 1.15+ behaviour, chosen deliberately and tested):
//   accumulate (+I/+U) on side S, matches M on the other side O:
//     S outer, M empty   -> +I[row + nulls]                               (state: add, assoc 0)
//     S outer, M found   -> if O outer: -D[nulls + m] for each m with assoc 0, m.assoc++
//                           then +I[row + m] for each m                   (state: add, assoc |M|)
//     S inner, M found   -> if O outer: -D[nulls + m] for assoc-0 m, m.assoc++, then +I[row + m]
//                           else (INNER join): [row + m] with the INPUT kind (+I stays +I, +U +U)
//     S inner, M empty   -> nothing                                       (state: add)
//   retraction (-U/-D) on side S:
//     M empty            -> S outer: -D[row + nulls]; S inner: nothing    (state: retract)
//     M found            -> [row + m] as -D when S is outer, with the INPUT kind (-U/-D) when S
//                           is inner; then if O outer, +I[nulls + m] for each m whose assoc was 1,
//                           m.assoc--
// So null-padded rows are always inserted with +I and retracted with -D, and an INNER join keeps
// the input's row kinds. Multiplicities repeat outputs (a record stored twice matches twice).
// Updating an outer side's association count is a state write, so it refreshes that record's
// TTL, as Flink's OuterJoinRecordStateView.updateNumOfAssociations (a MapState put) does.
//
// State TTL per side, OnCreateAndWrite + NeverReturnExpired: an expired record is invisible to
// probes and retractions and is removed when met or swept by onProcessingTime. Plain TTL
// expiry does NOT touch the other side's association counts (Flink's behaviour: they go stale);
// set `ttlDecrementsAssociations` to have expiry behave like the talk's cleanup.
//
// Cleanup conditions (talk §3, operator-level state cleanup): after an accumulate record on a
// side is processed, that side's condition is evaluated over the record; when TRUE the record
// (all its copies) leaves the side's state without output, and the association counts it held
// on the other side are decremented (reference counting across sides), again without output.
import type { JoinType } from '../plan/graph';
import type { Batch, Change, Row, Value } from '../types';
import { RowKind } from '../types';
import type { CompiledExpr } from '../expr/ir';
import type { Operator, OperatorContext, StateSize } from './operator';
import { KeyPartitioner, hasNullAt, hashRow, makeKeyFn, normaliseTtl, rowsEqual, type KeyFn, type StateKey } from './keys';
import { ENTRY_OVERHEAD, SLOT_BYTES, rowBytes, valueBytes } from './size';

export interface JoinOptions {
  joinType: JoinType;
  /** Left input columns of the equality key, pairwise with `rightKeys`. */
  leftKeys: readonly number[];
  rightKeys: readonly number[];
  /** Column counts of the inputs (for null padding). Output row = left columns, right columns. */
  leftArity: number;
  rightArity: number;
  /** Extra ON conditions over the joined row (left ++ right); a pair matches only when TRUE. */
  residual?: CompiledExpr | null;
  parallelism?: number;
  /** Per-side state TTL in ms (hint, else `table.exec.state.ttl`); 0 or null = never. */
  leftTtlMs?: number | null;
  rightTtlMs?: number | null;
  /** Per-side business-rule cleanup over that side's input row (talk §3). */
  leftCleanupCondition?: CompiledExpr | null;
  rightCleanupCondition?: CompiledExpr | null;
  /** When true, TTL expiry also decrements the other side's association counts. Default false. */
  ttlDecrementsAssociations?: boolean;
}

export interface JoinCounters {
  /** Records that left state because their TTL passed (met on access or swept), per side. */
  expiredLeft: number;
  expiredRight: number;
  /** Records cleared by a cleanup condition, per side. */
  cleanedLeft: number;
  cleanedRight: number;
}

/** One distinct record in a side's state. */
class Entry {
  /** Next live entry with the same hash in the bucket's index chain. */
  next: Entry | null = null;
  constructor(
    readonly row: Row,
    /** hashRow(row). */
    readonly hash: number,
    /** Multiplicity; 0 marks a removed entry (awaiting compaction in a bucket). */
    public count: number,
    /** Number of associations (outer sides only; Flink keeps it per distinct record). */
    public assoc: number,
    public lastWrite: number,
  ) {}
}

/** The records of a join key holding two or more (a key's only record is stored alone). */
class Bucket {
  /** Records in insertion order (probes emit matches in this order), with removed ones (count 0)
   *  left in place until there are more removed than live ones, then compacted. */
  entries: Entry[];
  live: number;
  dead = 0;
  /** Row-hash index (chained through Entry.next) for large buckets, built at INDEX_AT entries. */
  index: Map<number, Entry> | null = null;
  constructor(
    entries: Entry[],
    readonly subtask: number,
    readonly keyBytes: number,
  ) {
    this.entries = entries;
    this.live = entries.length;
  }
}

/**
 * What a side's state holds per join key: the Entry itself while the key has one live record
 * (most keys: no Bucket and no array per record), a Bucket from the second record on, until the
 * key is empty. Either way records keep their insertion order.
 */
type Slot = Entry | Bucket;

/** Buckets this large get a row-hash index so finding an equal record stays O(1). */
const INDEX_AT = 16;

class Side {
  buckets = new Map<StateKey, Slot>();
  rows = 0;
  bytes = 0;
  rowsPer: number[];
  bytesPer: number[];
  minWrite = Infinity;
  readonly keyFn: KeyFn;
  readonly entryOverhead: number;
  constructor(
    readonly keys: readonly number[],
    readonly outer: boolean,
    readonly ttl: number,
    readonly cleanup: CompiledExpr | null,
    readonly part: KeyPartitioner,
  ) {
    this.keyFn = makeKeyFn(keys);
    this.rowsPer = new Array<number>(part.parallelism).fill(0);
    this.bytesPer = new Array<number>(part.parallelism).fill(0);
    // multiplicity slot, plus the association count slot on outer sides
    this.entryOverhead = SLOT_BYTES + (outer ? SLOT_BYTES : 0);
  }

  expired(e: Entry, now: number): boolean {
    return this.ttl > 0 && now >= e.lastWrite + this.ttl;
  }

  /** The live record equal to `row` (whose hashRow is `h`) in slot `x`, if any. */
  find(x: Slot, row: Row, h: number): Entry | undefined {
    if (x instanceof Entry) return x.hash === h && x.count > 0 && rowsEqual(x.row, row) ? x : undefined;
    const b = x;
    if (b.index !== null) {
      let e: Entry | null | undefined = b.index.get(h);
      while (e !== undefined && e !== null) {
        if (rowsEqual(e.row, row)) return e;
        e = e.next;
      }
      return undefined;
    }
    const es = b.entries;
    for (let i = 0; i < es.length; i++) {
      const e = es[i]!;
      if (e.hash === h && e.count > 0 && rowsEqual(e.row, row)) return e;
    }
    return undefined;
  }

  /** Accounted bytes of a join key (see size.ts), from a record holding it. */
  keyBytesOf(row: Row): number {
    let keyBytes = ENTRY_OVERHEAD;
    for (let i = 0; i < this.keys.length; i++) keyBytes += valueBytes(row[this.keys[i]!]!);
    return keyBytes;
  }

  /** Stores `e` as the only record of `key`, which holds none. */
  addFirst(key: StateKey, subtask: number, e: Entry): void {
    this.buckets.set(key, e);
    const keyBytes = this.keyBytesOf(e.row);
    this.bytes += keyBytes;
    this.bytesPer[subtask]! += keyBytes;
    this.added(subtask, e);
  }

  /** Stores `e` under `key`, whose records are in slot `x`. */
  insert(key: StateKey, x: Slot, e: Entry): void {
    let b: Bucket;
    if (x instanceof Entry) {
      // The second record: the entries array is created with both (an empty array's first push
      // allocates room for 16).
      b = new Bucket([x, e], this.part.subtaskOf(key), this.keyBytesOf(x.row));
      this.buckets.set(key, b); // same key: keeps its position in the Map's order
    } else {
      b = x;
      b.entries.push(e);
      b.live++;
    }
    const index = b.index;
    if (index !== null) {
      e.next = index.get(e.hash) ?? null;
      index.set(e.hash, e);
    } else if (b.live >= INDEX_AT) {
      const idx = new Map<number, Entry>();
      for (const x of b.entries) {
        if (x.count === 0) continue;
        x.next = idx.get(x.hash) ?? null;
        idx.set(x.hash, x);
      }
      b.index = idx;
    }
    this.added(b.subtask, e);
  }

  /** Accounts a new stored record. */
  private added(subtask: number, e: Entry): void {
    const bytes = rowBytes(e.row) + this.entryOverhead;
    this.rows++;
    this.bytes += bytes;
    this.rowsPer[subtask]!++;
    this.bytesPer[subtask]! += bytes;
    if (e.lastWrite < this.minWrite) this.minWrite = e.lastWrite;
  }

  /** Removes record `e` (all its copies) from `key`, whose records are in slot `x`. */
  remove(key: StateKey, x: Slot, e: Entry): void {
    if (e.count === 0) return;
    e.count = 0;
    if (x instanceof Entry) {
      this.buckets.delete(key);
      const st = this.part.subtaskOf(key);
      const bytes = rowBytes(e.row) + this.entryOverhead + this.keyBytesOf(e.row);
      this.rows--;
      this.bytes -= bytes;
      this.rowsPer[st]!--;
      this.bytesPer[st]! -= bytes;
      return;
    }
    const b = x;
    b.live--;
    b.dead++;
    const index = b.index;
    if (index !== null) {
      const head = index.get(e.hash)!;
      if (head === e) {
        if (e.next === null) index.delete(e.hash);
        else index.set(e.hash, e.next);
      } else {
        let p = head;
        while (p.next !== e) p = p.next!;
        p.next = e.next;
      }
      e.next = null;
    }
    const bytes = rowBytes(e.row) + this.entryOverhead;
    this.rows--;
    this.bytes -= bytes;
    this.rowsPer[b.subtask]!--;
    this.bytesPer[b.subtask]! -= bytes;
    if (b.live === 0) {
      this.buckets.delete(key);
      this.bytes -= b.keyBytes;
      this.bytesPer[b.subtask]! -= b.keyBytes;
    } else if (b.dead >= 8 && b.dead > b.live) {
      b.entries = b.entries.filter((x) => x.count > 0);
      b.dead = 0;
    }
  }

  reset(): void {
    this.buckets = new Map();
    this.rows = 0;
    this.bytes = 0;
    this.rowsPer.fill(0);
    this.bytesPer.fill(0);
    this.minWrite = Infinity;
  }
}

/** Per join key (recomputed from the records on restore): [record, multiplicity, associations, last write][] */
type SideSnapshot = [Row, number, number, number][][];
interface JoinSnapshot {
  v: 1;
  left: SideSnapshot;
  right: SideSnapshot;
}

export class JoinOperator implements Operator {
  private readonly left: Side;
  private readonly right: Side;
  private readonly nl: number;
  private readonly nr: number;
  private readonly residual: CompiledExpr | null;
  private readonly part: KeyPartitioner;
  private readonly ttlDecrements: boolean;
  private readonly scratch: Value[];
  /** Matches of the current probe (reused across records). */
  private readonly matches: Entry[] = [];
  private load: number[];
  private readonly counters: JoinCounters = { expiredLeft: 0, expiredRight: 0, cleanedLeft: 0, cleanedRight: 0 };

  constructor(options: JoinOptions) {
    if (options.leftKeys.length !== options.rightKeys.length) {
      throw new Error('join keys: left and right key lists differ in length');
    }
    const t = options.joinType;
    this.part = new KeyPartitioner(options.parallelism ?? 1);
    const p = this.part.parallelism;
    this.left = new Side(
      options.leftKeys.slice(),
      t === 'LEFT' || t === 'FULL',
      normaliseTtl(options.leftTtlMs),
      options.leftCleanupCondition ?? null,
      this.part,
    );
    this.right = new Side(
      options.rightKeys.slice(),
      t === 'RIGHT' || t === 'FULL',
      normaliseTtl(options.rightTtlMs),
      options.rightCleanupCondition ?? null,
      this.part,
    );
    this.nl = options.leftArity;
    this.nr = options.rightArity;
    this.residual = options.residual ?? null;
    this.ttlDecrements = options.ttlDecrementsAssociations ?? false;
    this.scratch = new Array<Value>(this.nl + this.nr).fill(null);
    this.load = new Array<number>(p).fill(0);
  }

  /** Port 0 is the left input, port 1 the right input. */
  process(batch: Batch, port: number, ctx: OperatorContext): Batch {
    const now = ctx.now;
    const inputIsLeft = port === 0;
    const S = inputIsLeft ? this.left : this.right;
    const O = inputIsLeft ? this.right : this.left;
    const inputOuter = S.outer;
    const otherOuter = O.outer;
    const keyFn = S.keyFn;
    const keys = S.keys;
    const part = this.part;
    const load = this.load;
    load.fill(0);
    const ms = this.matches;
    const out: Change[] = [];
    for (let i = 0; i < batch.length; i++) {
      const ch = batch[i]!;
      const row = ch.row;
      const kind = ch.kind;
      const key = keyFn(row);
      const st = part.subtaskOf(key);
      load[st]!++;
      const h = hashRow(row);
      if (ms.length !== 0) ms.length = 0;
      let total = 0;
      if (!hasNullAt(row, keys)) total = this.probe(O, key, row, inputIsLeft, now);
      const nm = ms.length;
      if (kind === RowKind.INSERT || kind === RowKind.UPDATE_AFTER) {
        if (inputOuter) {
          if (nm === 0) {
            out.push({ kind: RowKind.INSERT, row: this.padded(row, inputIsLeft) });
            this.add(S, key, st, row, h, 0, now);
          } else {
            if (otherOuter) this.associate(ms, inputIsLeft, now, out);
            this.emitJoined(ms, row, inputIsLeft, RowKind.INSERT, out);
            this.add(S, key, st, row, h, total, now);
          }
        } else {
          this.add(S, key, st, row, h, 0, now);
          if (nm > 0) {
            let k: RowKind = kind;
            if (otherOuter) {
              this.associate(ms, inputIsLeft, now, out);
              k = RowKind.INSERT;
            }
            this.emitJoined(ms, row, inputIsLeft, k, out);
          }
        }
        const cond = S.cleanup;
        if (cond !== null && cond(row) === true) this.clean(S, O, key, row, h, inputIsLeft);
      } else {
        this.retractRow(S, key, row, h, inputIsLeft, now);
        if (nm === 0) {
          if (inputOuter) out.push({ kind: RowKind.DELETE, row: this.padded(row, inputIsLeft) });
        } else {
          this.emitJoined(ms, row, inputIsLeft, inputOuter ? RowKind.DELETE : kind, out);
          if (otherOuter) {
            for (let m = 0; m < nm; m++) {
              const e = ms[m]!;
              if (e.assoc === 1) {
                const pad = this.padded(e.row, !inputIsLeft);
                for (let c = 0; c < e.count; c++) out.push({ kind: RowKind.INSERT, row: pad });
              }
              e.assoc--;
              e.lastWrite = now;
            }
          }
        }
      }
    }
    if (ms.length !== 0) ms.length = 0;
    return out;
  }

  onProcessingTime(ctx: OperatorContext): Batch {
    this.sweep(this.left, true, ctx.now);
    this.sweep(this.right, false, ctx.now);
    return [];
  }

  // ---- probing and output ----------------------------------------------------------------

  /**
   * Fills `matches` with the live records of side `O` under `key` that satisfy the residual
   * with `input`; returns the total multiplicity. Expired records met here are removed.
   */
  private probe(O: Side, key: StateKey, input: Row, inputIsLeft: boolean, now: number): number {
    const x = O.buckets.get(key);
    if (x === undefined) return 0;
    const ms = this.matches;
    const residual = this.residual;
    const scratch = this.scratch;
    const nl = this.nl;
    const nr = this.nr;
    const otherOff = inputIsLeft ? nl : 0;
    const otherLen = inputIsLeft ? nr : nl;
    if (residual !== null) {
      const off = inputIsLeft ? 0 : nl;
      const len = inputIsLeft ? nl : nr;
      for (let j = 0; j < len; j++) scratch[off + j] = input[j]!;
    }
    if (x instanceof Entry) {
      // a key's only record (always live)
      if (O.ttl > 0 && now >= x.lastWrite + O.ttl) {
        this.purge(O, O === this.left, key, x, now);
        return 0;
      }
      if (residual !== null) {
        const r = x.row;
        for (let j = 0; j < otherLen; j++) scratch[otherOff + j] = r[j]!;
        if (residual(scratch) !== true) return 0;
      }
      ms.push(x);
      return x.count;
    }
    const b = x;
    const es = b.entries;
    let total = 0;
    let sawExpired = false;
    for (let i = 0; i < es.length; i++) {
      const e = es[i]!;
      if (e.count === 0) continue;
      if (O.ttl > 0 && now >= e.lastWrite + O.ttl) {
        sawExpired = true;
        continue;
      }
      if (residual !== null) {
        const r = e.row;
        for (let j = 0; j < otherLen; j++) scratch[otherOff + j] = r[j]!;
        if (residual(scratch) !== true) continue;
      }
      ms.push(e);
      total += e.count;
    }
    if (sawExpired) this.purge(O, O === this.left, key, b, now);
    return total;
  }

  /** Accumulate with an outer other side: retract null padding of unmatched records, assoc++. */
  private associate(ms: Entry[], inputIsLeft: boolean, now: number, out: Change[]): void {
    for (let m = 0; m < ms.length; m++) {
      const e = ms[m]!;
      if (e.assoc === 0) {
        const pad = this.padded(e.row, !inputIsLeft);
        for (let c = 0; c < e.count; c++) out.push({ kind: RowKind.DELETE, row: pad });
      }
      e.assoc++;
      e.lastWrite = now;
    }
  }

  private emitJoined(ms: Entry[], input: Row, inputIsLeft: boolean, kind: RowKind, out: Change[]): void {
    for (let m = 0; m < ms.length; m++) {
      const e = ms[m]!;
      const j = inputIsLeft ? this.joined(input, e.row) : this.joined(e.row, input);
      out.push({ kind, row: j });
      for (let c = 1; c < e.count; c++) out.push({ kind, row: j });
    }
  }

  private joined(l: Row, r: Row): Row {
    const nl = this.nl;
    const nr = this.nr;
    const o: Row = new Array(nl + nr);
    for (let i = 0; i < nl; i++) o[i] = l[i]!;
    for (let i = 0; i < nr; i++) o[nl + i] = r[i]!;
    return o;
  }

  /** `row` with the other side's columns NULL. */
  private padded(row: Row, isLeft: boolean): Row {
    const nl = this.nl;
    const nr = this.nr;
    const o: Row = new Array(nl + nr);
    if (isLeft) {
      for (let i = 0; i < nl; i++) o[i] = row[i]!;
      for (let i = 0; i < nr; i++) o[nl + i] = null;
    } else {
      for (let i = 0; i < nl; i++) o[i] = null;
      for (let i = 0; i < nr; i++) o[nl + i] = row[i]!;
    }
    return o;
  }

  // ---- state -----------------------------------------------------------------------------

  /** Flink's addRecord: multiplicity + 1; on outer sides the association count is (re)set. */
  private add(S: Side, key: StateKey, subtask: number, row: Row, h: number, assoc: number, now: number): void {
    const x = S.buckets.get(key);
    if (x === undefined) {
      S.addFirst(key, subtask, new Entry(row, h, 1, assoc, now));
      return;
    }
    const e = S.find(x, row, h);
    if (e !== undefined) {
      if (S.expired(e, now)) {
        e.count = 1; // expired state reads as absent: a fresh record
        if (S === this.left) this.counters.expiredLeft++;
        else this.counters.expiredRight++;
      } else e.count++;
      e.assoc = assoc;
      e.lastWrite = now;
      return;
    }
    S.insert(key, x, new Entry(row, h, 1, assoc, now));
  }

  /** Flink's retractRecord: multiplicity - 1, removing the record at zero. */
  private retractRow(S: Side, key: StateKey, row: Row, h: number, isLeft: boolean, now: number): void {
    const x = S.buckets.get(key);
    if (x === undefined) return;
    const e = S.find(x, row, h);
    if (e === undefined) return;
    if (S.expired(e, now)) {
      this.expire(S, isLeft, key, x, e);
      return;
    }
    if (e.count > 1) {
      e.count--;
      e.lastWrite = now;
    } else S.remove(key, x, e);
  }

  /** Cleanup condition matched: the record leaves state; the other side's counts drop. */
  private clean(S: Side, O: Side, key: StateKey, row: Row, h: number, isLeft: boolean): void {
    const x = S.buckets.get(key);
    if (x === undefined) return;
    const e = S.find(x, row, h);
    if (e === undefined) return;
    const count = e.count;
    S.remove(key, x, e);
    if (isLeft) this.counters.cleanedLeft++;
    else this.counters.cleanedRight++;
    if (O.outer) this.decrementAssociations(O, key, e.row, count, isLeft);
  }

  /** Removes an expired record (decrementing the other side only when configured). */
  private expire(S: Side, isLeft: boolean, key: StateKey, x: Slot, e: Entry): void {
    const count = e.count;
    S.remove(key, x, e);
    if (isLeft) this.counters.expiredLeft++;
    else this.counters.expiredRight++;
    const O = isLeft ? this.right : this.left;
    if (this.ttlDecrements && O.outer) this.decrementAssociations(O, key, e.row, count, isLeft);
  }

  /** The records of `O` that `row` (on the other side, `count` copies) matched lose `count` associations each. */
  private decrementAssociations(O: Side, key: StateKey, row: Row, count: number, eIsLeft: boolean): void {
    if (hasNullAt(row, eIsLeft ? this.left.keys : this.right.keys)) return;
    const x = O.buckets.get(key);
    if (x === undefined) return;
    const residual = this.residual;
    const scratch = this.scratch;
    const nl = this.nl;
    if (residual !== null) {
      const off = eIsLeft ? 0 : nl;
      const len = eIsLeft ? nl : this.nr;
      for (let j = 0; j < len; j++) scratch[off + j] = row[j]!;
    }
    const otherOff = eIsLeft ? nl : 0;
    const otherLen = eIsLeft ? this.nr : nl;
    for (const o of x instanceof Entry ? [x] : x.entries) {
      if (o.count === 0) continue;
      if (residual !== null) {
        for (let j = 0; j < otherLen; j++) scratch[otherOff + j] = o.row[j]!;
        if (residual(scratch) !== true) continue;
      }
      o.assoc -= count;
      if (o.assoc < 0) o.assoc = 0;
    }
  }

  private purge(S: Side, isLeft: boolean, key: StateKey, x: Slot, now: number): void {
    if (x instanceof Entry) {
      if (x.count > 0 && S.expired(x, now)) this.expire(S, isLeft, key, x, x);
      return;
    }
    const expired: Entry[] = [];
    for (const e of x.entries) if (e.count > 0 && S.expired(e, now)) expired.push(e);
    for (const e of expired) this.expire(S, isLeft, key, x, e);
  }

  private sweep(S: Side, isLeft: boolean, now: number): void {
    if (S.ttl <= 0 || now < S.minWrite + S.ttl) return;
    let min = Infinity;
    for (const [key, b] of S.buckets) {
      let any = false;
      for (const e of b instanceof Entry ? [b] : b.entries) {
        if (e.count === 0) continue;
        if (S.expired(e, now)) any = true;
        else if (e.lastWrite < min) min = e.lastWrite;
      }
      if (any) this.purge(S, isLeft, key, b, now);
    }
    S.minWrite = min;
  }

  snapshot(): JoinSnapshot {
    return { v: 1, left: snapshotSide(this.left), right: snapshotSide(this.right) };
  }

  restore(snapshot: unknown): void {
    const snap = snapshot as JoinSnapshot | null;
    this.left.reset();
    this.right.reset();
    if (snap === null || snap === undefined) return;
    this.restoreSide(this.left, snap.left);
    this.restoreSide(this.right, snap.right);
  }

  private restoreSide(S: Side, data: SideSnapshot): void {
    for (const entries of data) {
      if (entries.length === 0) continue;
      const key = S.keyFn(entries[0]![0]);
      for (const [row, count, assoc, lastWrite] of entries) {
        const r = row.slice();
        const e = new Entry(r, hashRow(r), count, assoc, lastWrite);
        const x = S.buckets.get(key);
        if (x === undefined) S.addFirst(key, this.part.subtaskOf(key), e);
        else S.insert(key, x, e);
      }
    }
  }

  /**
   * rows = state entries: distinct (join key, record) pairs over both sides. bytes: per join
   * key 16 + bytes(key values), per record bytes(row) + 8 (+ 8 on outer sides); see size.ts.
   */
  stateSize(): StateSize {
    return { rows: this.left.rows + this.right.rows, bytes: this.left.bytes + this.right.bytes };
  }

  /** State of one input side: port 0 left, 1 right. */
  sideStateSize(port: number): StateSize {
    const S = port === 0 ? this.left : this.right;
    return { rows: S.rows, bytes: S.bytes };
  }

  stateSizePerSubtask(): StateSize[] {
    return this.left.rowsPer.map((rows, i) => ({
      rows: rows + this.right.rowsPer[i]!,
      bytes: this.left.bytesPer[i]! + this.right.bytesPer[i]!,
    }));
  }

  lastSubtaskLoad(): number[] {
    return this.load.slice();
  }

  getCounters(): JoinCounters {
    return { ...this.counters };
  }
}

function snapshotSide(S: Side): SideSnapshot {
  const out: SideSnapshot = [];
  for (const b of S.buckets.values()) {
    const live: [Row, number, number, number][] = [];
    for (const e of b instanceof Entry ? [b] : b.entries) if (e.count > 0) live.push([e.row.slice(), e.count, e.assoc, e.lastWrite]);
    out.push(live);
  }
  return out;
}

export function join(options: JoinOptions): JoinOperator {
  return new JoinOperator(options);
}
