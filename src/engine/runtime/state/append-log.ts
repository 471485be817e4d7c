// AppendLog: what a reader of an append-only table or topic sees: every +I, in arrival order.
// Updates cannot arrive (the planner rejects updating input into append-only sinks); if one
// does, 'reject' throws ChangelogModeError and 'ignore' counts and skips it.
// rows = rows a reader sees; bytes = sum of bytes(row) (size.ts).
import type { Batch, Row } from '../../types';
import { RowKind } from '../../types';
import type { StateSize } from '../operator';
import { ChangelogModeError, type Materializer } from '../sink';
import { rowBytes } from './size';

export interface AppendLogOptions {
  /** What to do with -U/+U/-D: 'reject' (default) throws, 'ignore' skips and counts. */
  onUpdate?: 'reject' | 'ignore';
}

export class AppendLog implements Materializer {
  private log: Row[] = [];
  private bytes = 0;
  private ignored = 0;
  private readonly reject: boolean;

  constructor(options: AppendLogOptions = {}) {
    this.reject = (options.onUpdate ?? 'reject') === 'reject';
  }

  apply(batch: Batch): void {
    for (let i = 0; i < batch.length; i++) {
      const change = batch[i]!;
      if (change.kind === RowKind.INSERT) {
        this.log.push(change.row);
        this.bytes += rowBytes(change.row);
      } else if (this.reject) {
        throw new ChangelogModeError('an append-only sink received an update or delete change');
      } else this.ignored++;
    }
  }

  rows(): Row[] {
    return this.log.slice();
  }
  size(): number {
    return this.log.length;
  }
  /** Non-insert changes skipped in 'ignore' mode. */
  ignoredChanges(): number {
    return this.ignored;
  }
  snapshot(): { v: 1; rows: Row[] } {
    return { v: 1, rows: this.log.map((row) => row.slice()) };
  }
  restore(snapshot: unknown): void {
    const snap = snapshot as { rows: Row[] } | null;
    this.log = snap ? snap.rows.map((row) => row.slice()) : [];
    this.bytes = 0;
    for (const row of this.log) this.bytes += rowBytes(row);
  }
  stateSize(): StateSize {
    return { rows: this.log.length, bytes: this.bytes };
  }
}

export function appendLog(options: AppendLogOptions = {}): AppendLog {
  return new AppendLog(options);
}
