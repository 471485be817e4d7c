// Batch mode's sink side (`execution.runtime-mode` = 'batch'): Flink's batch operators emit final
// results only, so a table written by a batch job sees no -U/+U churn. The simulator's operators
// stay incremental; this writer in front of the table's own writer folds what reaches it into net
// rows and writes them at the end of input: first the rows the job removed (-D, e.g. the old row
// of a MERGE update), then the rows it added (+I). There are no checkpoints in batch mode, so the
// wrapped writer sees only that final write and its end of input. A sink that upserts by its
// primary key (keyed jdbc, upsert-kafka, an Iceberg upsert table) gets no -D for a row whose key
// the job writes again: the upsert replaces it, as a batch INSERT of an existing key does, and a
// reader never sees the key missing in between.
import type { SinkWriter } from '../connectors/store';
import { RowKind, type Change, type Row } from '../types';
import { keyOf, rowKey } from '../runtime/keys';
import type { TableDef } from '../plan/graph';
import { CONNECTOR_CAPABILITIES } from '../connectors/capabilities';

/** The primary key a sink upserts by, or null when a +I of an existing key does not replace the row. */
export function upsertKeyOf(def: TableDef): number[] | null {
  if (def.primaryKeyIndices.length === 0) return null;
  const connector = def.connector.toLowerCase();
  const upserts = connector === 'jdbc' || connector === 'upsert-kafka' || CONNECTOR_CAPABILITIES.ignoresUpdateBefore?.(def) === true;
  return upserts ? def.primaryKeyIndices : null;
}

export class FinalResultWriter implements SinkWriter {
  private readonly net = new Map<string, { row: Row; count: number }>();
  private newestEventTime: number | null = null;

  constructor(
    private readonly inner: SinkWriter,
    private readonly upsertKey: number[] | null = null,
  ) {}

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
    const upsertKey = this.upsertKey;
    if (upsertKey !== null && removed.length > 0) {
      const rewritten = new Set(added.map((c) => keyOf(c.row, upsertKey)));
      for (let i = removed.length - 1; i >= 0; i--) if (rewritten.has(keyOf(removed[i]!.row, upsertKey))) removed.splice(i, 1);
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
