// The `filesystem` connector: a file the user supplies (CSV without a header, as Flink's, JSON lines,
// changelog-json, debezium-json) read as a bounded source, and an append sink whose rows become
// visible when a checkpoint completes (or at end of input when checkpointing is off), like
// Flink's FileSink. A job reading a table that another job writes reads what that job committed
// and finishes once every writer has finished.
import { RowKind, type Change, type Row, type Value } from '../../types';
import type { InputWarning, ReaderSpec, ReadResult, SinkWriter, SourceReader, StoreContext, TableStore } from '../store';
import { boolOption, ChangeRing, lowerOptions, maxTime, PendingCommits, physicalMask } from '../store';
import { ConnectorError } from '../../errors';
import type { TableDef } from '../../plan/graph';
import type { DecodedLine } from '../formats/decode';
import { decodeCsv, decodeJsonLines } from '../formats/decode';
import type { FormatName } from '../formats/kinds';
import { encodeKind, formatOf, isChangelogFormat } from '../formats/kinds';

/** A visible record: a change, when it became visible, and its origin time. */
interface FileRecord {
  kind: RowKind;
  row: Row;
  time: number;
  eventTime: number;
}
/** A malformed line kept in place so that a reader fails when it reaches it. */
interface BadLine {
  error: string;
  time: number;
}

/** The table's options a file store needs, checked (throws ConnectorError). */
export function fileOptions(def: TableDef): { format: FormatName; path: string; ignoreParseErrors: boolean } {
  const opts = lowerOptions(def.options);
  const format = formatOf(opts, 'filesystem');
  const path = opts['path'];
  if (path === undefined || path === '') throw new ConnectorError({ option: 'path', message: `connector 'filesystem' needs a 'path' option` });
  return { format, path, ignoreParseErrors: boolOption(opts, `${format}.ignore-parse-errors`, false) };
}

export class FileTable implements TableStore {
  readonly canRead = true;
  readonly canWrite = true;
  readonly kindColumn: boolean;
  readonly format: FormatName;
  readonly path: string;
  /** Visible records and malformed lines, in file order. */
  readonly records: (FileRecord | BadLine)[] = [];
  readonly fileExists: boolean;
  /** Notes about the file that are not errors (a skipped header line). */
  private readonly fileWarnings: InputWarning[] = [];
  private errors = 0;
  private good = 0;
  private newestEvent: number | null = null;
  private readonly ring: ChangeRing;

  constructor(private readonly ctx: StoreContext) {
    const opts = lowerOptions(ctx.def.options);
    const { format, path, ignoreParseErrors: ignore } = fileOptions(ctx.def);
    this.format = format;
    this.path = path;
    this.kindColumn = isChangelogFormat(this.format);
    this.ring = new ChangeRing(ctx.changelogMax);
    // Own keys only: a path such as 'constructor' or '__proto__' is a file name, not a property.
    const text = Object.prototype.hasOwnProperty.call(ctx.files, path) ? ctx.files[path] : undefined;
    this.fileExists = text !== undefined;
    if (text === undefined) return;
    let decoded: DecodedLine[];
    const physical = physicalMask(ctx.def);
    if (this.format === 'csv') {
      const delimiter = opts['csv.field-delimiter'] ?? ',';
      const quote = opts['csv.quote-character'] ?? '"';
      const decodedDelim = delimiter === '\\t' ? '\t' : delimiter;
      if (decodedDelim.length !== 1)
        throw new ConnectorError({ option: 'csv.field-delimiter', message: `option 'csv.field-delimiter' must be one character, not '${delimiter}'` });
      const csv = decodeCsv(
        text,
        ctx.def.schema.columns,
        { delimiter: decodedDelim, quote, nullLiteral: opts['csv.null-literal'] ?? null, allowComments: boolOption(opts, 'csv.allow-comments', false) },
        physical,
      );
      decoded = csv.lines;
      if (csv.headerWarning) this.fileWarnings.push({ file: path, ...csv.headerWarning });
    } else decoded = decodeJsonLines(text, this.format, ctx.def.schema.columns, physical);
    for (const d of decoded) {
      if ('error' in d) {
        this.errors++;
        if (!ignore) this.records.push({ error: `${path}:${d.line}: ${d.error}`, time: 0 });
      } else
        for (const c of d.changes) {
          this.records.push({ kind: c.kind, row: c.row, time: 0, eventTime: 0 });
          this.ring.push(0, c.kind, c.row);
          this.good++;
          this.newestEvent = 0;
        }
    }
  }

  get def() {
    return this.ctx.def;
  }

  warnings(): readonly InputWarning[] {
    return this.fileWarnings;
  }

  bounded(hasWriters: boolean, writersBounded: boolean): boolean {
    // A reader waits for the jobs writing the table; it ends only if they do.
    return !hasWriters || writersBounded;
  }

  /** Appends committed changes (the sink side). */
  commit(changes: readonly { kind: RowKind; row: Row; eventTime: number | null }[], now: number): void {
    for (const c of changes) {
      const eventTime = c.eventTime ?? now;
      this.records.push({ kind: c.kind, row: c.row, time: now, eventTime });
      this.ring.push(now, c.kind, c.row);
      this.good++;
      this.newestEvent = maxTime(this.newestEvent, eventTime);
    }
  }

  createReader(spec: ReaderSpec): SourceReader {
    if (!this.fileExists && !spec.hasWriters)
      return new FileReader(this, spec, `${this.path}: file not found (table '${this.def.name}' reads it)`);
    return new FileReader(this, spec, null);
  }

  createWriter(): SinkWriter {
    return new FileWriter(this);
  }

  visibleRows(): { kinds: RowKind[] | null; rows: Row[] } {
    const rows: Row[] = [];
    const kinds: RowKind[] = [];
    for (const r of this.records) {
      if ('error' in r) continue;
      rows.push(r.row);
      kinds.push(r.kind);
    }
    const from = Math.max(0, rows.length - this.ctx.maxReadRows);
    return { kinds: this.kindColumn ? kinds.slice(from) : null, rows: from > 0 ? rows.slice(from) : rows };
  }

  visibleCount(): number {
    return this.good;
  }

  /**
   * A lookup join's read (Flink's FileSystemLookupFunction): the file's rows whose `keyColumns`
   * equal `values`. Flink loads the whole file into a cache and reloads it after
   * `lookup.join.cache.ttl`; here the index is rebuilt whenever the file's rows change, so a
   * lookup always sees the file as it stands.
   */
  lookup(keyColumns: readonly number[], values: readonly Value[]): Row[] {
    const signature = keyColumns.join(',');
    if (!this.lookupIndex || this.lookupIndex.rows !== this.good || this.lookupIndex.signature !== signature) {
      const byKey = new Map<string, Row[]>();
      for (const r of this.records) {
        if ('error' in r || r.kind === RowKind.UPDATE_BEFORE || r.kind === RowKind.DELETE) continue;
        const k = lookupKey(keyColumns.map((c) => r.row[c]!));
        if (k === null) continue;
        const list = byKey.get(k);
        if (list) list.push(r.row);
        else byKey.set(k, [r.row]);
      }
      this.lookupIndex = { rows: this.good, signature, byKey };
    }
    const k = lookupKey(values);
    return k === null ? [] : (this.lookupIndex.byKey.get(k) ?? []);
  }
  private lookupIndex: { rows: number; signature: string; byKey: Map<string, Row[]> } | null = null;

  changelog(limit: number) {
    return this.ring.last(limit);
  }

  changes(): number {
    return this.good;
  }

  parseErrors(): number {
    return this.errors;
  }

  newestVisibleEventTime(): number | null {
    return this.newestEvent;
  }

  tick(): void {}
}

class FileReader implements SourceReader {
  private pos = 0;
  /** Metadata columns this reader fills: [column, value]. */
  private readonly metadata: [number, string][];
  constructor(
    private readonly table: FileTable,
    private readonly spec: ReaderSpec,
    private readonly missing: string | null,
  ) {
    this.metadata = (table.def.metadataColumns ?? [])
      .filter((m) => m.key === 'file.path' || m.key === 'file.name')
      .map((m) => [m.index, m.key === 'file.path' ? table.path : (table.path.split('/').pop() ?? table.path)]);
  }

  available(now: number): number {
    if (this.missing) return 1;
    // Records are in commit order, so their times never decrease: binary search the first one
    // that is not visible yet.
    const recs = this.table.records;
    let lo = this.pos;
    let hi = recs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (recs[mid]!.time <= now) lo = mid + 1;
      else hi = mid;
    }
    return lo - this.pos;
  }

  read(max: number, now: number): ReadResult {
    if (this.missing) return { changes: [], originTime: null, error: this.missing };
    const changes: Change[] = [];
    let origin: number | null = null;
    const recs = this.table.records;
    while (changes.length < max && this.pos < recs.length) {
      const r = recs[this.pos]!;
      if ('error' in r) {
        this.pos++;
        return { changes, originTime: origin, error: r.error };
      }
      if (r.time > now) break;
      if (this.metadata.length > 0) {
        const row = r.row.slice();
        for (const [i, v] of this.metadata) row[i] = v;
        changes.push({ kind: r.kind, row });
      } else changes.push({ kind: r.kind, row: r.row });
      origin = maxTime(origin, r.eventTime);
      this.pos++;
    }
    return { changes, originTime: origin, error: null };
  }

  isFinished(): boolean {
    if (this.missing) return false;
    return this.pos >= this.table.records.length && (!this.spec.hasWriters || this.spec.writersFinished());
  }

  oldestUnread(now: number): number | null {
    const r = this.table.records[this.pos];
    if (!r || r.time > now) return null;
    return r.time;
  }

  snapshot(): unknown {
    return { pos: this.pos };
  }

  restore(s: unknown): void {
    this.pos = (s as { pos: number }).pos;
  }

  stateBytes(): number {
    return 8;
  }
}

interface Pending {
  kind: RowKind;
  row: Row;
  eventTime: number | null;
}

class FileWriter implements SinkWriter {
  /** Part files in progress and pending, until a checkpoint commits them. */
  private readonly pending = new PendingCommits<Pending>();

  constructor(private readonly table: FileTable) {}

  write(changes: readonly Change[], eventTime: number | null): string | null {
    for (const c of changes) {
      const kind = encodeKind(this.table.format, c.kind);
      if (kind === null)
        return `table '${this.table.def.name}' (filesystem, format '${this.table.format}') accepts only inserts, but received an update or delete`;
      this.pending.add({ kind, row: c.row, eventTime });
    }
    return null;
  }

  tick(): void {}

  prepareCheckpoint(id: number): void {
    this.pending.prepare(id);
  }

  commitCheckpoint(id: number, now: number): void {
    this.pending.commit(id, (records) => this.table.commit(records, now));
  }

  endOfInput(now: number): void {
    this.pending.commitAll((records) => this.table.commit(records, now));
  }

  abortUncommitted(): void {
    this.pending.clear();
  }

  stateBytes(): number {
    // In-progress and pending part files are part of the checkpoint.
    return this.pending.bytes();
  }
}

/** A lookup key's text: NULL never matches; a safe bigint and the same number are one key. */
function lookupKey(values: readonly Value[]): string | null {
  let out = '';
  for (const v of values) {
    if (v === null) return null;
    const n = typeof v === 'bigint' && v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    out += `${typeof n}:${String(n)}\u0000`;
  }
  return out;
}
