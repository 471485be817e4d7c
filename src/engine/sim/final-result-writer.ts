// Batch mode's sink side (`execution.runtime-mode` = 'batch'): Flink's batch operators emit final
// results only, so a table written by a batch job sees no -U/+U churn. The simulator's operators
// stay incremental; this writer in front of the table's own writer folds what reaches it into net
// rows and writes them at the end of input: first the rows the job removed (-D, e.g. the old row
// of a MERGE update), then the rows it added (+I). There are no checkpoints in batch mode, so the
// wrapped writer sees only that final write and its end of input.
import type { SinkWriter } from '../connectors/store';
import { RowKind, type Change, type Row } from '../types';
import { rowKey } from '../runtime/keys';

export class FinalResultWriter implements SinkWriter {
  private readonly net = new Map<string, { row: Row; count: number }>();
  private newestEventTime: number | null = null;

  constructor(private readonly inner: SinkWriter) {}

  write(changes: readonly Change[], eventTime: number | null, _now: number): string | null {
    for (const c of changes) {
      const key = rowKey(c.row);
      const add = c.kind === RowKind.INSERT || c.kind === RowKind.UPDATE_AFTER ? 1 : -1;
      const entry = this.net.get(key);
      if (entry === undefined) this.net.set(key, { row: c.row, count: add });
      else entry.count += add;
    }
    if (eventTime !== null && (this.newestEventTime === null || eventTime > this.newestEventTime)) this.newestEventTime = eventTime;
    return null;
  }

  tick(_now: number): void {}

  prepareCheckpoint(_id: number, _now: number): void {}

  commitCheckpoint(_id: number, _now: number): void {}

  endOfInput(now: number): void {
    const removed: Change[] = [];
    const added: Change[] = [];
    for (const { row, count } of this.net.values()) {
      for (let i = 0; i < -count; i++) removed.push({ kind: RowKind.DELETE, row });
      for (let i = 0; i < count; i++) added.push({ kind: RowKind.INSERT, row });
    }
    this.net.clear();
    const error = this.inner.write([...removed, ...added], this.newestEventTime, now);
    if (error !== null) throw new Error(error);
    this.inner.endOfInput(now);
  }

  abortUncommitted(): void {
    this.net.clear();
    this.inner.abortUncommitted();
  }

  stateBytes(): number {
    return this.inner.stateBytes();
  }
}
