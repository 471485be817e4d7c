// UpsertTable: what a reader of a table with a primary key sees (JDBC/MySQL serving table,
// upsert Kafka): +I and +U upsert by key, -D deletes by key, -U is ignored (Flink's upsert sinks
// drop UPDATE_BEFORE). Rows in first-insertion order of their keys; an update keeps the key's
// position, a delete then re-insert moves it to the end.
// rows = rows a reader sees; bytes = sum of bytes(row) (size.ts).
import type { Batch, Row } from '../../types';
import { RowKind } from '../../types';
import type { StateSize } from '../operator';
import type { Materializer } from '../sink';
import { makeKeyFn, type KeyFn, type StateKey } from '../keys';
import { rowBytes } from './size';

export interface UpsertTableOptions {
  /** Positions of the primary key columns in the sink row. */
  primaryKey: readonly number[];
}

export class UpsertTable implements Materializer {
  private table = new Map<StateKey, Row>();
  private bytes = 0;
  private readonly keyFn: KeyFn;
  private ignoredBefore = 0;
  private deleteMisses = 0;

  constructor(options: UpsertTableOptions) {
    if (options.primaryKey.length === 0) throw new Error('an upsert table needs a primary key');
    this.keyFn = makeKeyFn(options.primaryKey);
  }

  apply(batch: Batch): void {
    const table = this.table;
    for (let i = 0; i < batch.length; i++) {
      const change = batch[i]!;
      const kind = change.kind;
      if (kind === RowKind.UPDATE_BEFORE) {
        this.ignoredBefore++;
        continue;
      }
      const key = this.keyFn(change.row);
      const old = table.get(key);
      if (kind === RowKind.DELETE) {
        if (old === undefined) this.deleteMisses++;
        else {
          table.delete(key);
          this.bytes -= rowBytes(old);
        }
      } else {
        table.set(key, change.row);
        this.bytes += rowBytes(change.row) - (old === undefined ? 0 : rowBytes(old));
      }
    }
  }

  /** The row stored under the key of `keyRow` (a row with the key columns in place). */
  get(keyRow: Row): Row | undefined {
    return this.table.get(this.keyFn(keyRow));
  }
  rows(): Row[] {
    return Array.from(this.table.values());
  }
  size(): number {
    return this.table.size;
  }
  /** -U changes ignored, and -D changes whose key was absent. */
  ignoredChanges(): { updateBefore: number; deleteMisses: number } {
    return { updateBefore: this.ignoredBefore, deleteMisses: this.deleteMisses };
  }
  snapshot(): { v: 1; rows: Row[] } {
    return { v: 1, rows: this.rows().map((row) => row.slice()) };
  }
  restore(snapshot: unknown): void {
    const snap = snapshot as { rows: Row[] } | null;
    this.table = new Map();
    this.bytes = 0;
    if (!snap) return;
    for (const row of snap.rows) {
      this.table.set(this.keyFn(row), row.slice());
      this.bytes += rowBytes(row);
    }
  }
  stateSize(): StateSize {
    return { rows: this.table.size, bytes: this.bytes };
  }
}

export function upsertTable(options: UpsertTableOptions): UpsertTable {
  return new UpsertTable(options);
}
