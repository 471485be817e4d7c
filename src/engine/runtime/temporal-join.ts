// Event-time temporal join, as Flink's TemporalRowTimeJoinOperator (flink-table-runtime,
// operators/join/temporal): per join key, left rows are kept in arrival order and right rows
// (versions) by their rowtime (a later row of the same rowtime replaces the earlier one). Each key
// has one event-time timer, the smallest time of a row that arrived since it last fired. When the
// watermark passes it, every left row at or before the watermark is emitted in arrival order,
// joined with the latest version at or before its time when that version is an insert or update
// and the residual holds (LEFT JOIN: padded with NULLs otherwise); then every version older than
// the latest one at or before the watermark is dropped, and the timer moves to the oldest left
// row still waiting. An UPDATE_BEFORE of the versioned side is ignored (Flink asks that input
// for UPDATE_AFTER only); a DELETE is a version that matches nothing. Output rows keep the left
// row's kind. A left row with a NULL time never joins (LEFT: padded). Idle-state retention is
// not modelled.
import type { Batch, Row, Value } from '../types';
import { RowKind } from '../types';
import type { Operator, OperatorContext, StateSize } from './operator';
import { KeyPartitioner, makeKeyFn, type KeyFn, type StateKey } from './keys';
import { ENTRY_OVERHEAD, JOIN_RECORD_BYTES, rowBytes } from './state/size';

export interface TemporalJoinOptions {
  joinType: 'INNER' | 'LEFT';
  leftKeys: readonly number[];
  rightKeys: readonly number[];
  leftArity: number;
  rightArity: number;
  /** Over the joined row (left then right); null when the keys are the whole condition. */
  residual: ((row: Row) => Value) | null;
  leftTimeIndex: number;
  rightTimeIndex: number;
  parallelism?: number;
}

interface Version {
  time: number;
  row: Row;
  deleted: boolean;
}

interface KeyState {
  /** Left rows waiting for the watermark, in arrival order, with their row kinds. */
  left: { kind: RowKind; row: Row }[];
  /** Versions by rowtime. */
  versions: Map<number, Version>;
  /** The key's event-time timer, or null. */
  timer: number | null;
}

interface TemporalJoinSnapshot {
  v: 1;
  watermark: number | null;
  keys: [StateKey, { left: [RowKind, Row][]; versions: [number, Row, boolean][]; timer: number | null }][];
}

export class TemporalJoinOperator implements Operator {
  private readonly leftKeyOf: KeyFn;
  private readonly rightKeyOf: KeyFn;
  private readonly part: KeyPartitioner;
  private readonly load: number[];
  private readonly nullRight: Value[];
  private keys = new Map<StateKey, KeyState>();
  private watermark = -Infinity;
  private rows = 0;
  private bytes = 0;

  constructor(private readonly o: TemporalJoinOptions) {
    this.leftKeyOf = makeKeyFn(o.leftKeys);
    this.rightKeyOf = makeKeyFn(o.rightKeys);
    this.part = new KeyPartitioner(o.parallelism ?? 1);
    this.load = new Array<number>(this.part.parallelism).fill(0);
    this.nullRight = new Array<Value>(o.rightArity).fill(null);
  }

  process(batch: Batch, port: number, _ctx: OperatorContext): Batch {
    this.load.fill(0);
    for (const ch of batch) {
      const row = ch.row;
      const key = port === 0 ? this.leftKeyOf(row) : this.rightKeyOf(row);
      this.load[this.part.subtaskOf(key)]!++;
      if (port === 0) {
        const t = row[this.o.leftTimeIndex];
        const s = this.state(key);
        s.left.push({ kind: ch.kind, row });
        this.account(row, 1);
        // A NULL time fires at the next watermark and finds no version.
        this.setSmallestTimer(s, typeof t === 'number' ? t : -Infinity);
        continue;
      }
      if (ch.kind === RowKind.UPDATE_BEFORE) continue;
      const t = row[this.o.rightTimeIndex];
      if (typeof t !== 'number') continue;
      const s = this.state(key);
      const previous = s.versions.get(t);
      if (previous) this.account(previous.row, -1);
      s.versions.set(t, { time: t, row, deleted: ch.kind === RowKind.DELETE });
      this.account(row, 1);
      this.setSmallestTimer(s, t);
    }
    return [];
  }

  onWatermark(watermark: number, _ctx: OperatorContext): Batch {
    const out: Batch = [];
    if (watermark <= this.watermark) return out;
    this.watermark = watermark;
    for (const [key, s] of this.keys) {
      if (s.timer === null || s.timer > watermark) continue;
      this.fire(s, watermark, out);
      if (s.left.length === 0 && s.versions.size === 0) this.keys.delete(key);
    }
    return out;
  }

  private state(key: StateKey): KeyState {
    let s = this.keys.get(key);
    if (!s) {
      s = { left: [], versions: new Map(), timer: null };
      this.keys.set(key, s);
    }
    return s;
  }

  private setSmallestTimer(s: KeyState, t: number): void {
    if (s.timer === null || t < s.timer) s.timer = t;
  }

  private account(row: Row, sign: 1 | -1): void {
    this.rows += sign;
    this.bytes += sign * (rowBytes(row) + JOIN_RECORD_BYTES);
  }

  /** Flink's emitResultAndCleanUpState at `watermark`. */
  private fire(s: KeyState, watermark: number, out: Batch): void {
    const sorted = [...s.versions.values()].sort((a, b) => a.time - b.time);
    const waiting: { kind: RowKind; row: Row }[] = [];
    let nextTimer = Infinity;
    for (const l of s.left) {
      const tv = l.row[this.o.leftTimeIndex];
      const t = typeof tv === 'number' ? tv : -Infinity;
      if (t > watermark) {
        waiting.push(l);
        nextTimer = Math.min(nextTimer, t);
        continue;
      }
      this.account(l.row, -1);
      const version = latestAtOrBefore(sorted, t);
      let right: Row | null = null;
      if (version && !version.deleted) {
        const joined = [...l.row, ...version.row];
        if (this.o.residual === null || this.o.residual(joined) === true) right = version.row;
      }
      if (right) out.push({ kind: l.kind, row: [...l.row, ...right] });
      else if (this.o.joinType === 'LEFT') out.push({ kind: l.kind, row: [...l.row, ...this.nullRight] });
    }
    s.left = waiting;
    // Keep the version valid at the watermark and every later one.
    const firstNewer = sorted.findIndex((v) => v.time > watermark);
    const keepFrom = firstNewer < 0 ? sorted.length - 1 : firstNewer - 1;
    for (let i = 0; i < keepFrom; i++) {
      const v = sorted[i]!;
      s.versions.delete(v.time);
      this.account(v.row, -1);
    }
    s.timer = nextTimer < Infinity ? nextTimer : null;
  }

  snapshot(): TemporalJoinSnapshot {
    return {
      v: 1,
      watermark: this.watermark === -Infinity ? null : this.watermark,
      keys: [...this.keys].map(([k, s]) => [
        k,
        { left: s.left.map((l): [RowKind, Row] => [l.kind, l.row.slice()]), versions: [...s.versions.values()].map((v): [number, Row, boolean] => [v.time, v.row.slice(), v.deleted]), timer: s.timer === -Infinity ? null : s.timer },
      ]),
    };
  }

  restore(snapshot: unknown): void {
    const s = snapshot as TemporalJoinSnapshot;
    this.watermark = s.watermark ?? -Infinity;
    this.keys = new Map();
    this.rows = 0;
    this.bytes = 0;
    for (const [k, ks] of s.keys) {
      const state: KeyState = { left: ks.left.map(([kind, row]) => ({ kind, row: row.slice() })), versions: new Map(), timer: ks.timer };
      for (const [time, row, deleted] of ks.versions) state.versions.set(time, { time, row: row.slice(), deleted });
      // A NULL-time left row's timer (-Infinity) does not survive JSON: fire at the next watermark.
      if (state.timer === null && state.left.length > 0) state.timer = -Infinity;
      for (const l of state.left) this.account(l.row, 1);
      for (const v of state.versions.values()) this.account(v.row, 1);
      this.keys.set(k, state);
    }
  }

  /** Per key 16; per kept row (left or version) bytes(row) + 140, as a join record. */
  stateSize(): StateSize {
    return { rows: this.rows, bytes: this.bytes + this.keys.size * ENTRY_OVERHEAD };
  }

  lastSubtaskLoad(): number[] {
    return this.load.slice();
  }
}

/** The version with the largest time at or before `t` (versions sorted by time), or null. */
function latestAtOrBefore(sorted: Version[], t: number): Version | null {
  let lo = 0;
  let hi = sorted.length - 1;
  let found: Version | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.time <= t) {
      found = sorted[mid]!;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function temporalJoin(options: TemporalJoinOptions): TemporalJoinOperator {
  return new TemporalJoinOperator(options);
}
