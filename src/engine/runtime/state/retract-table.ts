// RetractTable: what a reader of a table without a primary key sees when it is fed a retract
// stream: a multiset where +I/+U add a row and -U/-D remove one equal row. Rows in
// first-insertion order of each distinct row, repeated by multiplicity.
// rows = rows a reader sees; bytes = bytes(row) (size.ts) per distinct row, stored once, plus an
// 8-byte multiplicity.
import type { Batch, Row } from '../../types';
import { RowKind } from '../../types';
import type { StateSize } from '../operator';
import type { Materializer } from '../sink';
import { rowKey } from '../keys';
import { SLOT_BYTES, rowBytes } from './size';

interface Counted {
  row: Row;
  count: number;
}

export class RetractTable implements Materializer {
  private table = new Map<string, Counted>();
  private total = 0;
  private bytes = 0;
  private misses = 0;

  apply(batch: Batch): void {
    const table = this.table;
    for (let i = 0; i < batch.length; i++) {
      const change = batch[i]!;
      const key = rowKey(change.row);
      const entry = table.get(key);
      if (change.kind === RowKind.INSERT || change.kind === RowKind.UPDATE_AFTER) {
        if (entry === undefined) {
          table.set(key, { row: change.row, count: 1 });
          this.bytes += rowBytes(change.row) + SLOT_BYTES;
        } else entry.count++;
        this.total++;
      } else if (entry === undefined) {
        this.misses++;
      } else {
        this.total--;
        if (entry.count > 1) entry.count--;
        else {
          table.delete(key);
          this.bytes -= rowBytes(entry.row) + SLOT_BYTES;
        }
      }
    }
  }

  rows(): Row[] {
    const out: Row[] = [];
    for (const entry of this.table.values()) for (let copy = 0; copy < entry.count; copy++) out.push(entry.row);
    return out;
  }
  size(): number {
    return this.total;
  }
  /** Retractions that found no equal row. */
  retractMisses(): number {
    return this.misses;
  }
  snapshot(): { v: 1; rows: [Row, number][] } {
    return { v: 1, rows: Array.from(this.table.values(), (entry) => [entry.row.slice(), entry.count] as [Row, number]) };
  }
  restore(snapshot: unknown): void {
    const snap = snapshot as { rows: [Row, number][] } | null;
    this.table = new Map();
    this.total = 0;
    this.bytes = 0;
    if (!snap) return;
    for (const [row, count] of snap.rows) {
      this.table.set(rowKey(row), { row: row.slice(), count });
      this.total += count;
      this.bytes += rowBytes(row) + SLOT_BYTES;
    }
  }
  stateSize(): StateSize {
    return { rows: this.total, bytes: this.bytes };
  }
}

export function retractTable(): RetractTable {
  return new RetractTable();
}
