// What the sink-only connectors (`print`, `blackhole`) share: no reader, an immediately visible
// at-least-once writer, counters.
import type { Change, Row, RowKind } from '../types';
import type { TableDef } from '../plan/graph';
import type { ReaderSpec, SinkWriter, SourceReader, TableStore } from './store';
import { CommittedChangesStore } from './store';
import { ConnectorError } from '../errors';

/** A job reads a table whose connector can only be written. */
export function writeOnly(def: TableDef): ConnectorError {
  return new ConnectorError({ table: def.name, message: `table '${def.name}' uses connector '${def.connector}', which can only be written` });
}

export abstract class SinkOnlyTable extends CommittedChangesStore implements TableStore {
  readonly canRead = false;
  readonly canWrite = true;
  abstract readonly kindColumn: boolean;

  bounded(): boolean {
    return true;
  }

  createReader(_spec: ReaderSpec): SourceReader {
    throw writeOnly(this.def);
  }

  /** Immediately visible, at-least-once. */
  accept(changes: readonly Change[], eventTime: number | null, now: number): void {
    for (const c of changes) this.logChange(now, c.kind, c.row);
    if (changes.length > 0) this.noteEventTime(eventTime, now);
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
}
