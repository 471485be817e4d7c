// What the sink-only connectors (`print`, `blackhole`) share: no reader, an immediately visible
// at-least-once writer, counters.
import type { Change, Row, RowKind } from '../types';
import type { TableDef } from '../plan/graph';
import type { ReaderSpec, SinkWriter, SourceReader, StoreContext, TableStore } from './store';
import { ChangeRing, maxTime } from './store';
import { ConnectorError } from '../errors';

/** A job reads a table whose connector can only be written. */
export function writeOnly(def: TableDef): ConnectorError {
  return new ConnectorError({ table: def.name, message: `table '${def.name}' uses connector '${def.connector}', which can only be written` });
}

export abstract class SinkOnlyTable implements TableStore {
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
    throw writeOnly(this.def);
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
