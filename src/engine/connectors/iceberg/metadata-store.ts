// A metadata table a job reads (`SELECT ... FROM `orders$snapshots``): a bounded source whose rows
// are the metadata table when the read starts. Like a bounded read of the lake table itself, the
// read starts once every job writing the table has finished, so a second job of a script sees the
// snapshots, files and manifests the first job committed. The table can only be read.
import type { Change, Row, RowKind } from '../../types';
import { RowKind as RK } from '../../types';
import { ConnectorError } from '../../errors';
import type { TableDef } from '../../plan/graph';
import type { ReaderSpec, ReadResult, SinkWriter, SourceReader, TableStore } from '../store';
import type { MetadataTable } from './metadata-tables';

/** What the metadata store reads of its lake table. */
export interface MetadataSource {
  metadataTable(suffix: string): MetadataTable | null;
}

export class IcebergMetadataStore implements TableStore {
  readonly kindColumn = false;
  readonly canRead = true;
  readonly canWrite = false;
  private readonly suffix: string;

  constructor(
    readonly def: TableDef,
    private readonly lake: MetadataSource,
  ) {
    if (!def.metadataOf) throw new Error(`internal error: ${def.name} is not a metadata table`);
    this.suffix = def.metadataOf.suffix;
  }

  /** The metadata table now. */
  rows(): readonly Row[] {
    return this.lake.metadataTable(this.suffix)?.rows ?? [];
  }

  bounded(hasWriters: boolean, writersBounded: boolean): boolean {
    return !hasWriters || writersBounded;
  }

  createReader(spec: ReaderSpec): SourceReader {
    return new MetadataReader(this, spec);
  }

  createWriter(): SinkWriter {
    throw new ConnectorError({ table: this.def.name, message: `${this.def.name} is a metadata table and can only be read` });
  }

  visibleRows(): { kinds: RowKind[] | null; rows: Row[] } {
    return { kinds: null, rows: this.rows().slice() };
  }

  visibleCount(): number {
    return this.rows().length;
  }

  changelog(): { time: number; kind: RowKind; row: Row }[] {
    return [];
  }

  changes(): number {
    return 0;
  }

  parseErrors(): number {
    return 0;
  }

  newestVisibleEventTime(): number | null {
    return null;
  }

  tick(): void {}
}

/** Reads the metadata table as it stands once every writer of the lake table has finished. */
class MetadataReader implements SourceReader {
  private rows: readonly Row[] | null = null;
  private pos = 0;

  constructor(
    private readonly store: IcebergMetadataStore,
    private readonly spec: ReaderSpec,
  ) {}

  private ready(): boolean {
    if (this.rows) return true;
    if (this.spec.hasWriters && !this.spec.writersFinished()) return false;
    this.rows = this.store.rows();
    return true;
  }

  available(): number {
    return this.ready() ? this.rows!.length - this.pos : 0;
  }

  read(max: number): ReadResult {
    if (!this.ready()) return { changes: [], originTime: null, error: null };
    const n = Math.min(max, this.rows!.length - this.pos);
    const changes: Change[] = new Array(n);
    for (let i = 0; i < n; i++) changes[i] = { kind: RK.INSERT, row: this.rows![this.pos + i]! };
    this.pos += n;
    return { changes, originTime: null, error: null };
  }

  isFinished(): boolean {
    return this.ready() && this.pos >= this.rows!.length;
  }

  oldestUnread(now: number): number | null {
    return this.available() > 0 ? now : null;
  }

  snapshot(): unknown {
    return { pos: this.pos, started: this.rows !== null };
  }

  restore(s: unknown): void {
    const snap = s as { pos: number; started: boolean };
    this.pos = snap.pos;
    if (!snap.started) this.rows = null;
  }

  stateBytes(): number {
    return 8;
  }
}
