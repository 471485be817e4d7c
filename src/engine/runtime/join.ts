// Regular streaming join (INNER / LEFT / RIGHT / FULL), as Flink's StreamingJoinOperator
// (flink-table-runtime, join/stream), without mini-batch.
//
// State per side (state/join-side.ts): join key -> multiset of records, each with a multiplicity
// and, on outer sides, its number of associations (matches on the other side,
// "numOfAssociations"). Records with a NULL in a join key are stored (Flink stores them too) but
// never match, as SQL `=` has it.
//
// Output row kinds (Flink 1.15+ behaviour, chosen deliberately and tested). A record arrives on
// its own side and probes the other side, finding matches M:
//   accumulate (+I/+U):
//     own outer, M empty   -> +I[row + nulls]                              (state: add, assoc 0)
//     own outer, M found   -> if other outer: -D[nulls + m] for each m with assoc 0, m.assoc++
//                             then +I[row + m] for each m                  (state: add, assoc |M|)
//     own inner, M found   -> if other outer: -D[nulls + m] for assoc-0 m, m.assoc++, then
//                             +I[row + m]; else (INNER join): [row + m] with the INPUT kind
//                             (+I stays +I, +U stays +U)
//     own inner, M empty   -> nothing                                      (state: add)
//   retraction (-U/-D):
//     M empty              -> own outer: -D[row + nulls]; own inner: nothing (state: retract)
//     M found              -> [row + m] as -D when own is outer, with the INPUT kind (-U/-D) when
//                             own is inner; then if other outer, +I[nulls + m] for each m whose
//                             assoc was 1, m.assoc--
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
import { OutputBudgetExceeded } from './operator';
import { KeyPartitioner, hasNullAt, hashRow, type StateKey } from './keys';
import { JoinRecord, JoinSide, type JoinSideSnapshot, type KeyRecords } from './state/join-side';
import { normaliseTtl } from './state/ttl';

/** What every two-input join operator (regular, interval, window) is given. */
export interface EquiJoinOptions {
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
}

export interface JoinOptions extends EquiJoinOptions {
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

interface JoinSnapshot {
  v: 1;
  left: JoinSideSnapshot;
  right: JoinSideSnapshot;
}

export class JoinOperator implements Operator {
  private readonly left: JoinSide;
  private readonly right: JoinSide;
  private readonly leftArity: number;
  private readonly rightArity: number;
  private readonly residual: CompiledExpr | null;
  private readonly part: KeyPartitioner;
  private readonly ttlDecrements: boolean;
  /** A joined row (left ++ right) the residual condition is evaluated over. */
  private readonly residualRow: Value[];
  /** Matches of the current probe (reused across records). */
  private readonly matches: JoinRecord[] = [];
  /** The current call's OperatorContext.maxOutputRows. */
  private outputLimit = Infinity;
  private readonly load: number[];

  constructor(options: JoinOptions) {
    if (options.leftKeys.length !== options.rightKeys.length) {
      throw new Error('join keys: left and right key lists differ in length');
    }
    const joinType = options.joinType;
    this.part = new KeyPartitioner(options.parallelism ?? 1);
    this.left = new JoinSide(
      true,
      options.leftKeys.slice(),
      joinType === 'LEFT' || joinType === 'FULL',
      normaliseTtl(options.leftTtlMs),
      options.leftCleanupCondition ?? null,
      this.part,
    );
    this.right = new JoinSide(
      false,
      options.rightKeys.slice(),
      joinType === 'RIGHT' || joinType === 'FULL',
      normaliseTtl(options.rightTtlMs),
      options.rightCleanupCondition ?? null,
      this.part,
    );
    this.leftArity = options.leftArity;
    this.rightArity = options.rightArity;
    this.residual = options.residual ?? null;
    this.ttlDecrements = options.ttlDecrementsAssociations ?? false;
    this.residualRow = new Array<Value>(this.leftArity + this.rightArity).fill(null);
    this.load = new Array<number>(this.part.parallelism).fill(0);
  }

  /** Port 0 is the left input, port 1 the right input. */
  process(batch: Batch, port: number, ctx: OperatorContext): Batch {
    const now = ctx.now;
    this.outputLimit = ctx.maxOutputRows ?? Infinity;
    const ownIsLeft = port === 0;
    const own = ownIsLeft ? this.left : this.right;
    const other = ownIsLeft ? this.right : this.left;
    const ownOuter = own.outer;
    const otherOuter = other.outer;
    const keyFn = own.keyFn;
    const keyColumns = own.keyColumns;
    const part = this.part;
    const load = this.load;
    load.fill(0);
    const matches = this.matches;
    const out: Change[] = [];
    for (let i = 0; i < batch.length; i++) {
      const change = batch[i]!;
      const row = change.row;
      const kind = change.kind;
      const key = keyFn(row);
      const subtask = part.subtaskOf(key);
      load[subtask]!++;
      const rowHash = hashRow(row);
      if (matches.length !== 0) matches.length = 0;
      let matchedCopies = 0;
      if (!hasNullAt(row, keyColumns)) matchedCopies = this.probe(other, key, row, now);
      const matchCount = matches.length;
      if (kind === RowKind.INSERT || kind === RowKind.UPDATE_AFTER) {
        if (ownOuter) {
          if (matchCount === 0) {
            out.push({ kind: RowKind.INSERT, row: this.padded(row, ownIsLeft) });
            own.addRecord(key, subtask, row, rowHash, 0, now);
          } else {
            if (otherOuter) this.associate(matches, ownIsLeft, now, out);
            this.emitJoined(matches, row, ownIsLeft, RowKind.INSERT, out);
            own.addRecord(key, subtask, row, rowHash, matchedCopies, now);
          }
        } else {
          own.addRecord(key, subtask, row, rowHash, 0, now);
          if (matchCount > 0) {
            let joinedKind: RowKind = kind;
            if (otherOuter) {
              this.associate(matches, ownIsLeft, now, out);
              joinedKind = RowKind.INSERT;
            }
            this.emitJoined(matches, row, ownIsLeft, joinedKind, out);
          }
        }
        const cleanup = own.cleanup;
        if (cleanup !== null && cleanup(row) === true) this.clean(own, other, key, row, rowHash);
      } else {
        this.retractRecord(own, key, row, rowHash, now);
        if (matchCount === 0) {
          if (ownOuter) out.push({ kind: RowKind.DELETE, row: this.padded(row, ownIsLeft) });
        } else {
          this.emitJoined(matches, row, ownIsLeft, ownOuter ? RowKind.DELETE : kind, out);
          if (otherOuter) {
            for (let m = 0; m < matchCount; m++) {
              const match = matches[m]!;
              if (match.associations === 1) {
                const padded = this.padded(match.row, !ownIsLeft);
                for (let c = 0; c < match.multiplicity; c++) out.push({ kind: RowKind.INSERT, row: padded });
              }
              match.associations--;
              match.lastWrite = now;
            }
          }
        }
      }
    }
    if (matches.length !== 0) matches.length = 0;
    return out;
  }

  onProcessingTime(ctx: OperatorContext): Batch {
    this.sweep(this.left, ctx.now);
    this.sweep(this.right, ctx.now);
    return [];
  }

  // ---- probing and output ----------------------------------------------------------------

  /**
   * Fills `matches` with the live records of side `other` under `key` that satisfy the residual
   * with `input` (a record of the opposite side); returns their total multiplicity. Expired
   * records met here are removed.
   */
  private probe(other: JoinSide, key: StateKey, input: Row, now: number): number {
    const keyRecords = other.byKey.get(key);
    if (keyRecords === undefined) return 0;
    const matches = this.matches;
    const residual = this.residual;
    const residualRow = this.residualRow;
    const leftArity = this.leftArity;
    const inputIsLeft = !other.isLeft;
    const otherOffset = inputIsLeft ? leftArity : 0;
    const otherArity = inputIsLeft ? this.rightArity : leftArity;
    if (residual !== null) {
      const inputOffset = inputIsLeft ? 0 : leftArity;
      const inputArity = inputIsLeft ? leftArity : this.rightArity;
      for (let j = 0; j < inputArity; j++) residualRow[inputOffset + j] = input[j]!;
    }
    if (keyRecords instanceof JoinRecord) {
      // a key's only record (always live)
      if (other.ttl > 0 && now >= keyRecords.lastWrite + other.ttl) {
        this.purge(other, key, keyRecords, now);
        return 0;
      }
      if (residual !== null) {
        const stored = keyRecords.row;
        for (let j = 0; j < otherArity; j++) residualRow[otherOffset + j] = stored[j]!;
        if (residual(residualRow) !== true) return 0;
      }
      matches.push(keyRecords);
      return keyRecords.multiplicity;
    }
    const records = keyRecords.records;
    let total = 0;
    let sawExpired = false;
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      if (record.multiplicity === 0) continue;
      if (other.ttl > 0 && now >= record.lastWrite + other.ttl) {
        sawExpired = true;
        continue;
      }
      if (residual !== null) {
        const stored = record.row;
        for (let j = 0; j < otherArity; j++) residualRow[otherOffset + j] = stored[j]!;
        if (residual(residualRow) !== true) continue;
      }
      matches.push(record);
      total += record.multiplicity;
    }
    if (sawExpired) this.purge(other, key, keyRecords, now);
    return total;
  }

  /** Accumulate with an outer other side: retract null padding of unmatched records, assoc++. */
  private associate(matches: JoinRecord[], ownIsLeft: boolean, now: number, out: Change[]): void {
    for (let m = 0; m < matches.length; m++) {
      const match = matches[m]!;
      if (match.associations === 0) {
        const padded = this.padded(match.row, !ownIsLeft);
        for (let c = 0; c < match.multiplicity; c++) out.push({ kind: RowKind.DELETE, row: padded });
      }
      match.associations++;
      match.lastWrite = now;
    }
  }

  private emitJoined(matches: JoinRecord[], input: Row, inputIsLeft: boolean, kind: RowKind, out: Change[]): void {
    // An exploding join (many matches per key) fails at the budget instead of aborting the process.
    if (out.length + matches.length > this.outputLimit) throw new OutputBudgetExceeded(this.outputLimit);
    for (let m = 0; m < matches.length; m++) {
      const match = matches[m]!;
      const joined = inputIsLeft ? this.joined(input, match.row) : this.joined(match.row, input);
      out.push({ kind, row: joined });
      for (let c = 1; c < match.multiplicity; c++) out.push({ kind, row: joined });
      if (match.multiplicity > 1 && out.length > this.outputLimit) throw new OutputBudgetExceeded(this.outputLimit);
    }
  }

  private joined(leftRow: Row, rightRow: Row): Row {
    const leftArity = this.leftArity;
    const rightArity = this.rightArity;
    const joined: Row = new Array(leftArity + rightArity);
    for (let i = 0; i < leftArity; i++) joined[i] = leftRow[i]!;
    for (let i = 0; i < rightArity; i++) joined[leftArity + i] = rightRow[i]!;
    return joined;
  }

  /** `row` with the other side's columns NULL. */
  private padded(row: Row, isLeft: boolean): Row {
    const leftArity = this.leftArity;
    const rightArity = this.rightArity;
    const padded: Row = new Array(leftArity + rightArity);
    if (isLeft) {
      for (let i = 0; i < leftArity; i++) padded[i] = row[i]!;
      for (let i = 0; i < rightArity; i++) padded[leftArity + i] = null;
    } else {
      for (let i = 0; i < leftArity; i++) padded[i] = null;
      for (let i = 0; i < rightArity; i++) padded[leftArity + i] = row[i]!;
    }
    return padded;
  }

  // ---- state changes that reach across sides ------------------------------------------------

  private otherSide(side: JoinSide): JoinSide {
    return side.isLeft ? this.right : this.left;
  }

  /** Flink's retractRecord: multiplicity - 1, removing the record at zero. */
  private retractRecord(own: JoinSide, key: StateKey, row: Row, rowHash: number, now: number): void {
    const keyRecords = own.byKey.get(key);
    if (keyRecords === undefined) return;
    const record = own.find(keyRecords, row, rowHash);
    if (record === undefined) return;
    if (own.expired(record, now)) {
      this.expire(own, key, keyRecords, record);
      return;
    }
    if (record.multiplicity > 1) {
      record.multiplicity--;
      record.lastWrite = now;
    } else own.remove(key, keyRecords, record);
  }

  /** Cleanup condition matched: the record leaves state; the other side's counts drop. */
  private clean(own: JoinSide, other: JoinSide, key: StateKey, row: Row, rowHash: number): void {
    const keyRecords = own.byKey.get(key);
    if (keyRecords === undefined) return;
    const record = own.find(keyRecords, row, rowHash);
    if (record === undefined) return;
    const copies = record.multiplicity;
    own.remove(key, keyRecords, record);
    own.cleanedRecords++;
    if (other.outer) this.decrementAssociations(other, key, record.row, copies);
  }

  /** Removes an expired record (decrementing the other side only when configured). */
  private expire(side: JoinSide, key: StateKey, keyRecords: KeyRecords, record: JoinRecord): void {
    const copies = record.multiplicity;
    side.remove(key, keyRecords, record);
    side.expiredRecords++;
    const other = this.otherSide(side);
    if (this.ttlDecrements && other.outer) this.decrementAssociations(other, key, record.row, copies);
  }

  /**
   * The records of `other` that `row` (a record of the opposite side, `copies` times) matched
   * lose `copies` associations each.
   */
  private decrementAssociations(other: JoinSide, key: StateKey, row: Row, copies: number): void {
    const rowIsLeft = !other.isLeft;
    if (hasNullAt(row, rowIsLeft ? this.left.keyColumns : this.right.keyColumns)) return;
    const keyRecords = other.byKey.get(key);
    if (keyRecords === undefined) return;
    const residual = this.residual;
    const residualRow = this.residualRow;
    const leftArity = this.leftArity;
    if (residual !== null) {
      const rowOffset = rowIsLeft ? 0 : leftArity;
      const rowArity = rowIsLeft ? leftArity : this.rightArity;
      for (let j = 0; j < rowArity; j++) residualRow[rowOffset + j] = row[j]!;
    }
    const otherOffset = rowIsLeft ? leftArity : 0;
    const otherArity = rowIsLeft ? this.rightArity : leftArity;
    for (const record of keyRecords instanceof JoinRecord ? [keyRecords] : keyRecords.records) {
      if (record.multiplicity === 0) continue;
      if (residual !== null) {
        for (let j = 0; j < otherArity; j++) residualRow[otherOffset + j] = record.row[j]!;
        if (residual(residualRow) !== true) continue;
      }
      record.associations -= copies;
      if (record.associations < 0) record.associations = 0;
    }
  }

  /** Removes the expired records among `keyRecords` of `side`. */
  private purge(side: JoinSide, key: StateKey, keyRecords: KeyRecords, now: number): void {
    if (keyRecords instanceof JoinRecord) {
      if (keyRecords.multiplicity > 0 && side.expired(keyRecords, now)) this.expire(side, key, keyRecords, keyRecords);
      return;
    }
    const expired: JoinRecord[] = [];
    for (const record of keyRecords.records) if (record.multiplicity > 0 && side.expired(record, now)) expired.push(record);
    for (const record of expired) this.expire(side, key, keyRecords, record);
  }

  private sweep(side: JoinSide, now: number): void {
    if (side.ttl <= 0 || now < side.minWrite + side.ttl) return;
    let minWrite = Infinity;
    for (const [key, keyRecords] of side.byKey) {
      let anyExpired = false;
      for (const record of keyRecords instanceof JoinRecord ? [keyRecords] : keyRecords.records) {
        if (record.multiplicity === 0) continue;
        if (side.expired(record, now)) anyExpired = true;
        else if (record.lastWrite < minWrite) minWrite = record.lastWrite;
      }
      if (anyExpired) this.purge(side, key, keyRecords, now);
    }
    side.minWrite = minWrite;
  }

  snapshot(): JoinSnapshot {
    return { v: 1, left: this.left.snapshot(), right: this.right.snapshot() };
  }

  restore(snapshot: unknown): void {
    const snap = snapshot as JoinSnapshot | null;
    this.left.reset();
    this.right.reset();
    if (snap === null || snap === undefined) return;
    this.left.restore(snap.left);
    this.right.restore(snap.right);
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
    const side = port === 0 ? this.left : this.right;
    return { rows: side.rows, bytes: side.bytes };
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
    return {
      expiredLeft: this.left.expiredRecords,
      expiredRight: this.right.expiredRecords,
      cleanedLeft: this.left.cleanedRecords,
      cleanedRight: this.right.cleanedRecords,
    };
  }
}

export function join(options: JoinOptions): JoinOperator {
  return new JoinOperator(options);
}
