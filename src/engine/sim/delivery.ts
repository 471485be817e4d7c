// What a failover does to a sink, counted: the changes a sink made visible after the barrier of
// the checkpoint its job restores from are written again by the restarted job (the sources rewind
// to the checkpoint's positions). A two-phase-commit sink (exactly-once: filesystem, iceberg,
// kafka with `sink.delivery-guarantee` = 'exactly-once') makes nothing visible after a barrier
// before that checkpoint completes, so it replays nothing. An at-least-once sink replays what it
// wrote since the barrier: duplicates for an appending sink; for a sink that writes by primary key
// (jdbc with a key, upsert-kafka) the same keys are written again, so a reader sees no duplicate.
// See docs/simulation.md, "Faults on purpose".
import type { SinkDeliveryMetrics } from '../api';
import type { Change } from '../types';
import type { SinkWriter, TableStore } from '../connectors/store';
import { KafkaTable } from '../connectors/kafka/store';

export type DeliveryGuarantee = SinkDeliveryMetrics['guarantee'];

/** The sink's delivery guarantee and whether a replay overwrites by key instead of adding rows. */
export function deliveryOf(store: TableStore): { guarantee: DeliveryGuarantee; idempotent: boolean } {
  const connector = store.def.connector.toLowerCase();
  const keyed = store.def.primaryKeyIndices.length > 0;
  if (store instanceof KafkaTable)
    return store.exactlyOnce ? { guarantee: 'exactly-once', idempotent: false } : { guarantee: 'at-least-once', idempotent: store.upsert };
  if (connector === 'filesystem' || connector === 'iceberg') return { guarantee: 'exactly-once', idempotent: keyed };
  if (connector === 'jdbc') return { guarantee: 'at-least-once', idempotent: keyed };
  return { guarantee: 'at-least-once', idempotent: false };
}

/**
 * A sink writer that counts the changes its table made visible while this writer ran (the table's
 * committed-change counter before and after each call), apart from checkpoint commits, which only
 * publish data from before a barrier. Wraps the connector's writer; behaves exactly as it does.
 */
export class DeliveryLedger implements SinkWriter {
  /** Visible changes this writer made outside checkpoint commits, since the start. */
  private written = 0;
  /** `written` when each checkpoint's barrier passed the sink (after its pre-commit flush). */
  private readonly atBarrier = new Map<number, number>();
  /** `written` at the start, or at the last restore that had no checkpoint. */
  private atStart = 0;
  replayedChanges = 0;
  failovers = 0;
  readonly guarantee: DeliveryGuarantee;
  readonly idempotent: boolean;

  constructor(
    private readonly inner: SinkWriter,
    private readonly store: TableStore,
  ) {
    const d = deliveryOf(store);
    this.guarantee = d.guarantee;
    this.idempotent = d.idempotent;
  }

  private counted<T>(now: number, call: () => T): T {
    const before = this.store.changes(now);
    const result = call();
    this.written += this.store.changes(now) - before;
    return result;
  }

  write(changes: readonly Change[], eventTime: number | null, now: number): string | null {
    return this.counted(now, () => this.inner.write(changes, eventTime, now));
  }

  tick(now: number): void {
    this.counted(now, () => this.inner.tick(now));
  }

  prepareCheckpoint(id: number, now: number): void {
    this.counted(now, () => this.inner.prepareCheckpoint(id, now));
    this.atBarrier.set(id, this.written);
    // Only the newest barriers can be restored from; older marks are dropped.
    for (const k of this.atBarrier.keys()) if (k < id - 64) this.atBarrier.delete(k);
  }

  commitCheckpoint(id: number, now: number): void {
    this.inner.commitCheckpoint(id, now);
  }

  endOfInput(now: number): void {
    this.counted(now, () => this.inner.endOfInput(now));
  }

  abortUncommitted(): void {
    this.inner.abortUncommitted();
  }

  stateBytes(): number {
    return this.inner.stateBytes();
  }

  /**
   * The job restores from checkpoint `checkpointId` (null: from the start): what the sink made
   * visible since that barrier will be written again. The mark moves to now, so a second restore
   * from the same checkpoint counts only what was written since the first.
   */
  onRestore(checkpointId: number | null): void {
    this.failovers++;
    const mark = checkpointId === null ? this.atStart : (this.atBarrier.get(checkpointId) ?? this.atStart);
    this.replayedChanges += Math.max(0, this.written - mark);
    if (checkpointId === null) this.atStart = this.written;
    else this.atBarrier.set(checkpointId, this.written);
  }

  metrics(jobId: string): SinkDeliveryMetrics {
    return {
      jobId,
      table: this.store.def.name,
      guarantee: this.guarantee,
      idempotent: this.idempotent,
      failovers: this.failovers,
      replayedChanges: this.replayedChanges,
      duplicatedRows: this.idempotent ? 0 : this.replayedChanges,
    };
  }
}
