// `print` and `blackhole`: sink-only connectors. print keeps the newest printed changes (its
// rows are the changes with their kind, like a changelog topic); blackhole only counts.
import type { Change, Row, RowKind } from '../types';
import type { ReaderSpec, SinkWriter, SourceReader, StoreContext, TableStore } from './table';
import { ChangeRing, ConnectorError, maxTime } from './table';

abstract class SinkOnlyTable implements TableStore {
  readonly canRead = false;
  readonly canWrite = true;
  abstract readonly kindColumn: boolean;
  protected count = 0;
  protected newestEvent: number | null = null;
  protected readonly ring: ChangeRing;

  constructor(protected readonly ctx: StoreContext) {
    this.ring = new ChangeRing(Math.max(ctx.changelogMax, 0));
  }

  get def() {
    return this.ctx.def;
  }

  bounded(): boolean {
    return true;
  }

  createReader(_spec: ReaderSpec): SourceReader {
    throw new ConnectorError(`table '${this.def.name}' uses connector '${this.def.connector}', which can only be written`);
  }

  /** Immediately visible, at-least-once. */
  accept(changes: readonly Change[], eventTime: number | null, now: number): void {
    for (const c of changes) {
      this.count++;
      this.ring.push(now, c.kind, c.row);
    }
    if (changes.length > 0) this.newestEvent = maxTime(this.newestEvent, eventTime ?? now);
  }

  createWriter(): SinkWriter {
    return {
      write: (changes, eventTime, now) => {
        this.accept(changes, eventTime, now);
        return null;
      },
      tick: () => {},
      prepareCheckpoint: () => {},
      commitCheckpoint: () => {},
      endOfInput: () => {},
      abortUncommitted: () => {},
      stateBytes: () => 0,
    };
  }

  abstract visibleRows(now: number): { kinds: RowKind[] | null; rows: Row[] };
  abstract visibleCount(now: number): number;

  changelog(limit: number) {
    return this.ring.last(limit);
  }

  changes(): number {
    return this.count;
  }

  parseErrors(): number {
    return 0;
  }

  newestVisibleEventTime(): number | null {
    return this.newestEvent;
  }

  tick(): void {}
}

export class PrintTable extends SinkOnlyTable {
  readonly kindColumn = true;
  visibleRows() {
    const last = this.ring.last(Math.min(this.ctx.changelogMax, this.ctx.maxReadRows));
    return { kinds: last.map((e) => e.kind), rows: last.map((e) => e.row) };
  }
  visibleCount(): number {
    return Math.min(this.count, this.ctx.changelogMax);
  }
}

export class BlackholeTable extends SinkOnlyTable {
  readonly kindColumn = false;
  visibleRows() {
    return { kinds: null, rows: [] };
  }
  visibleCount(): number {
    return 0;
  }
  override changelog(): { time: number; kind: RowKind; row: Row }[] {
    return [];
  }
}
