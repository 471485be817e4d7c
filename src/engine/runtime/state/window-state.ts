// The state of a window aggregation. Aligned windows (TUMBLE, HOP, CUMULATE): window end ->
// group key -> accumulators, so firing a window takes its groups in one lookup. Session windows:
// group key (without the window columns) -> open sessions, each with its rows; a new row's
// window merges every session it touches (Flink's TimeWindow.intersects: a session ending where
// the next begins merges too), and a session's accumulators are computed when it fires.
//
// Window Top-N and window join keep rows, not accumulators: window end -> per input side ->
// key -> rows in arrival order (WindowRowBuffer), acted on only when the window fires.
//
// Size: aligned, per group 16 + bytes(key values) + 8 per accumulator slot (as GroupAggregate);
// session, per session 16 + bytes(key values) + 16 (bounds), per row bytes(row);
// buffered rows, per row bytes(row).
import type { Row, Value } from '../../types';
import type { StateKey } from '../keys';
import type { AccumulatorState } from './accumulators';
import { ENTRY_OVERHEAD, SLOT_BYTES, rowBytes } from './size';

export interface WindowGroup {
  /** The group's key values, as the output row starts. */
  keys: Row;
  state: AccumulatorState;
}

export interface Session {
  start: number;
  end: number;
  keys: Row;
  rows: Row[];
}

/** The ends of the windows in `byEnd` that fire at `time` (end - 1 <= time), ascending. */
function dueEnds(byEnd: Map<number, unknown>, time: number): number[] {
  return [...byEnd.keys()].filter((end) => end - 1 <= time).sort((a, b) => a - b);
}

export class AlignedWindowState {
  private byEnd = new Map<number, Map<StateKey, WindowGroup>>();
  groups = 0;
  bytes = 0;

  constructor(private readonly accSize: number) {}

  get(end: number, key: StateKey): WindowGroup | undefined {
    return this.byEnd.get(end)?.get(key);
  }

  add(end: number, key: StateKey, group: WindowGroup): void {
    let m = this.byEnd.get(end);
    if (!m) this.byEnd.set(end, (m = new Map()));
    m.set(key, group);
    this.groups++;
    this.bytes += rowBytes(group.keys) + this.accSize * SLOT_BYTES;
  }

  /** Removes and returns the groups of every window with end - 1 <= `time`, by end, then arrival. */
  fire(time: number): WindowGroup[] {
    const out: WindowGroup[] = [];
    for (const end of dueEnds(this.byEnd, time)) {
      for (const g of this.byEnd.get(end)!.values()) {
        out.push(g);
        this.groups--;
        this.bytes -= rowBytes(g.keys) + this.accSize * SLOT_BYTES;
      }
      this.byEnd.delete(end);
    }
    return out;
  }

  entries(): [number, StateKey, WindowGroup][] {
    const out: [number, StateKey, WindowGroup][] = [];
    for (const [end, m] of this.byEnd) for (const [key, g] of m) out.push([end, key, g]);
    return out;
  }

  clear(): void {
    this.byEnd = new Map();
    this.groups = 0;
    this.bytes = 0;
  }
}

const sessionBytes = (s: Session): number => ENTRY_OVERHEAD + rowBytes(s.keys) + 2 * SLOT_BYTES + s.rows.reduce((b, r) => b + rowBytes(r), 0);

export class SessionWindowState {
  private byKey = new Map<StateKey, Session[]>();
  rows = 0;
  bytes = 0;

  /**
   * The session `[start, end)` would become for `key` after merging every session it touches,
   * and those sessions (not yet changed).
   */
  merged(key: StateKey, start: number, end: number): { start: number; end: number; touched: Session[] } {
    const touched: Session[] = [];
    let s0 = start;
    let e0 = end;
    // Merging can chain (a row bridging two sessions): repeat until nothing more touches.
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of this.byKey.get(key) ?? []) {
        if (touched.includes(s) || !(s.start <= e0 && s.end >= s0)) continue;
        touched.push(s);
        s0 = Math.min(s0, s.start);
        e0 = Math.max(e0, s.end);
        changed = true;
      }
    }
    return { start: s0, end: e0, touched };
  }

  /** Adds `row` to the session `[start, end)` of `key`, replacing the sessions it merged. */
  add(key: StateKey, keys: Row, start: number, end: number, touched: Session[], row: Row): void {
    const list = (this.byKey.get(key) ?? []).filter((s) => !touched.includes(s));
    const rows = touched.flatMap((s) => s.rows);
    rows.push(row);
    for (const s of touched) this.bytes -= sessionBytes(s);
    const session: Session = { start, end, keys: touched[0]?.keys ?? keys, rows };
    list.push(session);
    this.byKey.set(key, list);
    this.rows++;
    this.bytes += sessionBytes(session);
  }

  /** Removes and returns every session with end - 1 <= `time`, by end, then key arrival. */
  fire(time: number): Session[] {
    const out: Session[] = [];
    for (const [key, list] of this.byKey) {
      const keep = list.filter((s) => s.end - 1 > time);
      for (const s of list) {
        if (s.end - 1 > time) continue;
        out.push(s);
        this.rows -= s.rows.length;
        this.bytes -= sessionBytes(s);
      }
      if (keep.length === 0) this.byKey.delete(key);
      else this.byKey.set(key, keep);
    }
    return out.sort((a, b) => a.end - b.end);
  }

  entries(): [StateKey, Session[]][] {
    return [...this.byKey];
  }

  restore(entries: [StateKey, { start: number; end: number; keys: Value[]; rows: Value[][] }[]][]): void {
    this.byKey = new Map();
    this.rows = 0;
    this.bytes = 0;
    for (const [key, sessions] of entries) {
      const list = sessions.map((s) => ({ start: s.start, end: s.end, keys: s.keys.slice(), rows: s.rows.map((r) => r.slice()) }));
      this.byKey.set(key, list);
      for (const s of list) {
        this.rows += s.rows.length;
        this.bytes += sessionBytes(s);
      }
    }
  }
}

/** A snapshot entry of a WindowRowBuffer: the window end, then each side's [key, rows] pairs. */
export type WindowRowsEntry = [number, ...[StateKey, Row[]][][]];

export class WindowRowBuffer {
  /** window end -> per side: key -> rows in arrival order. */
  private byEnd = new Map<number, Map<StateKey, Row[]>[]>();
  rows = 0;
  bytes = 0;

  /** `sides`: the inputs whose rows are kept apart (1 for Top-N, 2 for a join). */
  constructor(private readonly sides: number) {}

  add(end: number, side: number, key: StateKey, row: Row): void {
    let window = this.byEnd.get(end);
    if (!window) this.byEnd.set(end, (window = Array.from({ length: this.sides }, () => new Map<StateKey, Row[]>())));
    const list = window[side]!.get(key);
    if (list) list.push(row);
    else window[side]!.set(key, [row]);
    this.rows++;
    this.bytes += rowBytes(row);
  }

  /** Removes and returns every window with end - 1 <= `time`, by end: each side's rows by key. */
  fire(time: number): Map<StateKey, Row[]>[][] {
    const out: Map<StateKey, Row[]>[][] = [];
    for (const end of dueEnds(this.byEnd, time)) {
      const window = this.byEnd.get(end)!;
      for (const side of window) for (const list of side.values()) for (const r of list) {
        this.rows--;
        this.bytes -= rowBytes(r);
      }
      this.byEnd.delete(end);
      out.push(window);
    }
    return out;
  }

  entries(): WindowRowsEntry[] {
    return [...this.byEnd].map(([end, window]): WindowRowsEntry => [end, ...window.map((side) => [...side].map(([k, rows]): [StateKey, Row[]] => [k, rows.map((r) => r.slice())]))]);
  }

  restore(entries: readonly WindowRowsEntry[]): void {
    this.byEnd = new Map();
    this.rows = 0;
    this.bytes = 0;
    for (const [end, ...sides] of entries) {
      sides.forEach((pairs, side) => {
        for (const [key, rows] of pairs) for (const r of rows) this.add(end, side, key, r.slice());
      });
    }
  }
}
