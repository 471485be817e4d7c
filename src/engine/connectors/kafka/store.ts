// The `kafka` and `upsert-kafka` connectors over simulated topics: partitions, offsets,
// retention, startup modes. Records are kept decoded (a row kind and a row) rather than as JSON
// text; the format decides which kinds a record can carry:
// - json: inserts only;
// - changelog-json: +I, -U, +U, -D as written;
// - debezium-json: +I/+U are written as "c" (read back as +I), -U/-D as "d" (read back as -D);
// - upsert-kafka: +I/+U are values keyed by the primary key, -D a tombstone, -U is not written;
//   a reader normalizes the upserts back into +I / -U +U / -D (Flink's ChangelogNormalize).
import type { Change, Row, RowKind } from '../../types';
import { RowKind as RK } from '../../types';
import { fnv1a32 } from '../../common/hash';
import type { Random } from '../../common/random';
import type { ReaderSpec, ReadResult, SinkWriter, SourceReader, StoreContext, TableStore } from '../store';
import { ChangeRing, intOption, lowerOptions, maxTime, PendingCommits } from '../store';
import { ConnectorError } from '../../errors';
import type { TableDef } from '../../plan/graph';
import type { FormatName } from '../formats/kinds';
import { encodeKind, formatOf, isChangelogFormat } from '../formats/kinds';
import { keyOf, rowKey, rowsEqual } from '../../runtime/keys';
import { rowBytes } from '../../runtime/state/size';
import { FluctuationTracker, type FluctuationCounts } from '../fluctuation';

export interface TopicRecord {
  /** Position in the topic's global append order (for presentation). */
  seq: number;
  /** Append time, virtual ms (Kafka's record timestamp). */
  time: number;
  kind: RowKind;
  row: Row;
  /** Origin event time, for freshness. */
  eventTime: number;
}

class Partition {
  records: TopicRecord[] = [];
  /** Index in `records` of the first retained record. */
  start = 0;
  /** Offset of records[0]. */
  base = 0;
  get startOffset(): number {
    return this.base + this.start;
  }
  get endOffset(): number {
    return this.base + this.records.length;
  }
  at(offset: number): TopicRecord | undefined {
    return this.records[offset - this.base];
  }
  trim(before: number): number {
    let dropped = 0;
    while (this.start < this.records.length && this.records[this.start]!.time < before) {
      this.start++;
      dropped++;
    }
    if (this.start > 1024 && this.start * 2 > this.records.length) {
      this.records = this.records.slice(this.start);
      this.base += this.start;
      this.start = 0;
    }
    return dropped;
  }
}

/** One simulated topic, shared by every table whose `topic` option names it. */
export class Topic {
  readonly partitions: Partition[];
  private seq = 0;
  /** Records appended so far (including those retention dropped). */
  appended = 0;
  newestEvent: number | null = null;
  readonly ring: ChangeRing;
  constructor(
    readonly name: string,
    partitionCount: number,
    public retentionMs: number,
    changelogMax: number,
  ) {
    this.partitions = Array.from({ length: partitionCount }, () => new Partition());
    this.ring = new ChangeRing(changelogMax);
  }

  append(partition: number, kind: RowKind, row: Row, time: number, eventTime: number): void {
    this.partitions[partition]!.records.push({ seq: this.seq++, time, kind, row, eventTime });
    this.appended++;
    this.ring.push(time, kind, row);
    this.newestEvent = maxTime(this.newestEvent, eventTime);
  }

  applyRetention(now: number): void {
    const before = now - this.retentionMs;
    for (const p of this.partitions) p.trim(before);
  }

  retainedCount(): number {
    let n = 0;
    for (const p of this.partitions) n += p.records.length - p.start;
    return n;
  }

  /** Retained records in append order (the newest `limit`). */
  retained(limit: number): TopicRecord[] {
    const all: TopicRecord[] = [];
    for (const p of this.partitions) for (let i = p.start; i < p.records.length; i++) all.push(p.records[i]!);
    all.sort((a, b) => a.seq - b.seq);
    return all.length > limit ? all.slice(all.length - limit) : all;
  }
}

/** Topics of one simulation, by name. */
export class TopicRegistry {
  private topics = new Map<string, Topic>();
  get(name: string, partitions: number, retentionMs: number, changelogMax: number): Topic {
    let t = this.topics.get(name);
    if (!t) {
      t = new Topic(name, partitions, retentionMs, changelogMax);
      this.topics.set(name, t);
    } else if (t.partitions.length !== partitions) {
      throw partitionConflict(name, t.partitions.length, partitions);
    }
    return t;
  }
}

export const DEFAULT_PARTITIONS = 4;
export const DEFAULT_RETENTION_MS = 7 * 24 * 3_600_000;

/** Two tables name one topic with different partition counts. */
export function partitionConflict(topic: string, declared: number, partitions: number): ConnectorError {
  // No option named: the message quotes the topic, not a key, and the diagnostic stays at the table.
  return new ConnectorError({ message: `topic '${topic}' is declared with ${declared} and with ${partitions} partitions` });
}

/** The topic a table names and how its records are encoded, checked (throws ConnectorError). */
export function topicOptions(def: TableDef): { upsert: boolean; format: FormatName; name: string; partitions: number; retentionMs: number } {
  const opts = lowerOptions(def.options);
  const upsert = def.connector.toLowerCase() === 'upsert-kafka';
  const format = formatOf(opts, def.connector);
  // The next three messages quote no option key, so their diagnostics stay at the table.
  if (upsert && format !== 'json') throw new ConnectorError({ message: `upsert-kafka carries its own changelog; use value.format 'json', not '${format}'` });
  if (upsert && def.primaryKeyIndices.length === 0) throw new ConnectorError({ message: `upsert-kafka table '${def.name}' needs a PRIMARY KEY` });
  const name = opts['topic'] ?? def.name;
  if (name.includes(';')) throw new ConnectorError({ message: `a list of topics ('${name}') is not supported; name one topic` });
  const partitions = intOption(opts, 'partitions', DEFAULT_PARTITIONS, 1);
  const retentionMs = intOption(opts, 'retention.ms', DEFAULT_RETENTION_MS, 1);
  return { upsert, format, name, partitions, retentionMs };
}

/** How a sink keys, partitions and commits records, checked (throws ConnectorError). */
export function keyAndSinkOptions(
  def: TableDef,
  upsert: boolean,
): { keyIndices: number[]; partitioner: 'default' | 'fixed' | 'round-robin'; exactlyOnce: boolean } {
  const opts = lowerOptions(def.options);
  const cols = def.schema.columns.map((c) => c.name.toLowerCase());
  let keyIndices: number[];
  if (def.primaryKeyIndices.length > 0) keyIndices = def.primaryKeyIndices;
  else if (opts['key.fields']) {
    keyIndices = opts['key.fields'].split(';').map((f) => {
      const i = cols.indexOf(f.trim().toLowerCase());
      if (i < 0) throw new ConnectorError({ option: 'key.fields', message: `'key.fields' names '${f.trim()}', which is not a column of '${def.name}'` });
      return i;
    });
  } else keyIndices = [];
  const partitioner = (opts['sink.partitioner'] ?? 'default').toLowerCase();
  if (partitioner !== 'default' && partitioner !== 'fixed' && partitioner !== 'round-robin')
    throw new ConnectorError({ option: 'sink.partitioner', message: `'sink.partitioner' must be 'default', 'fixed' or 'round-robin', not '${partitioner}'` });
  const guarantee = (opts['sink.delivery-guarantee'] ?? 'at-least-once').toLowerCase();
  if (!['at-least-once', 'exactly-once', 'none'].includes(guarantee))
    throw new ConnectorError({
      option: 'sink.delivery-guarantee',
      message: `'sink.delivery-guarantee' must be 'at-least-once', 'exactly-once' or 'none', not '${guarantee}'`,
    });
  return { keyIndices, partitioner, exactlyOnce: guarantee === 'exactly-once' && !upsert };
}

export class KafkaTable implements TableStore {
  readonly canRead = true;
  readonly canWrite = true;
  readonly kindColumn: boolean;
  readonly upsert: boolean;
  readonly format: FormatName;
  readonly topic: Topic;
  readonly keyIndices: number[];
  readonly partitioner: 'default' | 'fixed' | 'round-robin';
  readonly exactlyOnce: boolean;

  /** upsert-kafka: keys a -U record left missing for a consumer (none: the sink writes no -U). */
  private readonly fluctuation: FluctuationTracker | null;

  constructor(
    private readonly ctx: StoreContext,
    registry: TopicRegistry,
  ) {
    const topic = topicOptions(ctx.def);
    this.upsert = topic.upsert;
    this.fluctuation = topic.upsert ? new FluctuationTracker() : null;
    this.format = topic.format;
    this.kindColumn = this.upsert || isChangelogFormat(this.format);
    this.topic = registry.get(topic.name, topic.partitions, topic.retentionMs, ctx.changelogMax);
    const sink = keyAndSinkOptions(ctx.def, this.upsert);
    this.keyIndices = sink.keyIndices;
    this.partitioner = sink.partitioner;
    this.exactlyOnce = sink.exactlyOnce;
  }

  get def() {
    return this.ctx.def;
  }

  get epochMs(): number {
    return this.ctx.epochMs;
  }

  bounded(hasWriters: boolean, writersBounded: boolean): boolean {
    // A topic is endless in Flink. The simulator ends a reader once every job writing the topic
    // has finished and the reader has caught up, so that pipelines on bounded inputs end.
    return hasWriters && writersBounded;
  }

  createReader(spec: ReaderSpec): SourceReader {
    return new KafkaReader(this, spec);
  }

  createWriter(_jobId: string, parallelism: number): SinkWriter {
    return new KafkaWriter(this, parallelism);
  }

  /** A record appended to the topic by this table's writers, as a consumer materializing it by key applies it. */
  noteAppended(kind: RowKind, row: Row, now: number): void {
    this.fluctuation?.apply(keyOf(row, this.keyIndices), kind, now);
  }

  fluctuationWindows(): FluctuationCounts | null {
    return this.fluctuation?.snapshot() ?? null;
  }

  visibleRows(): { kinds: RowKind[] | null; rows: Row[] } {
    const recs = this.topic.retained(this.ctx.maxReadRows);
    return { kinds: this.kindColumn ? recs.map((r) => r.kind) : null, rows: recs.map((r) => r.row) };
  }

  visibleCount(): number {
    return this.topic.retainedCount();
  }

  changelog(limit: number) {
    return this.topic.ring.last(limit);
  }

  changes(): number {
    return this.topic.appended;
  }

  parseErrors(): number {
    return 0;
  }

  newestVisibleEventTime(): number | null {
    return this.topic.newestEvent;
  }

  tick(now: number): void {
    this.topic.applyRetention(now);
  }
}

type Startup =
  | { mode: 'earliest-offset' | 'latest-offset'; timestampMs: null }
  | { mode: 'timestamp'; timestampMs: number }
  | { mode: 'specific-offsets'; timestampMs: null; offsets: number[] };

/** Where a reader starts, from its options (WITH plus OPTIONS hints); throws ConnectorError. */
export function startupPosition(opts: Record<string, string>, partitions: number): Startup {
  let mode = (opts['scan.startup.mode'] ?? 'group-offsets').toLowerCase();
  if (mode === 'group-offsets') {
    // No committed offsets exist in a fresh simulation: fall back to auto.offset.reset.
    mode = (opts['properties.auto.offset.reset'] ?? 'earliest').toLowerCase() === 'latest' ? 'latest-offset' : 'earliest-offset';
  }
  switch (mode) {
    case 'earliest-offset':
    case 'latest-offset':
      return { mode, timestampMs: null };
    case 'timestamp': {
      const ts = opts['scan.startup.timestamp-millis'];
      if (ts === undefined || !/^\d+$/.test(ts.trim()))
        throw new ConnectorError({
          option: 'scan.startup.timestamp-millis',
          message: `'scan.startup.mode' = 'timestamp' needs 'scan.startup.timestamp-millis' (epoch ms)`,
        });
      return { mode, timestampMs: Number(ts) };
    }
    case 'specific-offsets': {
      const text = opts['scan.startup.specific-offsets'];
      if (text === undefined)
        throw new ConnectorError({
          option: 'scan.startup.specific-offsets',
          message: `'scan.startup.mode' = 'specific-offsets' needs 'scan.startup.specific-offsets'`,
        });
      return { mode, timestampMs: null, offsets: parseSpecificOffsets(text, partitions) };
    }
    default:
      throw new ConnectorError({
        option: 'scan.startup.mode',
        message: `'scan.startup.mode' must be one of earliest-offset, latest-offset, group-offsets, timestamp, specific-offsets, not '${mode}'`,
      });
  }
}

function parseSpecificOffsets(text: string, partitions: number): number[] {
  const out = new Array<number>(partitions).fill(0);
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const m = /^\s*partition\s*:\s*(\d+)\s*,\s*offset\s*:\s*(\d+)\s*$/.exec(part);
    if (!m)
      throw new ConnectorError({
        option: 'scan.startup.specific-offsets',
        message: `'scan.startup.specific-offsets' must look like 'partition:0,offset:42;partition:1,offset:300', not '${text}'`,
      });
    const p = Number(m[1]);
    if (p >= partitions)
      throw new ConnectorError({
        option: 'scan.startup.specific-offsets',
        message: `'scan.startup.specific-offsets' names partition ${p}, but the topic has ${partitions}`,
      });
    out[p] = Number(m[2]);
  }
  return out;
}

class KafkaReader implements SourceReader {
  private offsets: number[];
  /** Records appended before this time are skipped ('timestamp' startup mode), virtual ms. */
  private readonly skipBefore: number | null;
  /** upsert-kafka: the latest row per key (ChangelogNormalize state). */
  private latest: Map<string, Row> | null;
  private readonly random: Random;
  /** Metadata columns: [column, key]. */
  private readonly metadata: [number, string][];

  constructor(
    private readonly table: KafkaTable,
    private readonly spec: ReaderSpec,
  ) {
    const opts = spec.options;
    this.metadata = (table.def.metadataColumns ?? []).map((m) => [m.index, m.key.toLowerCase()]);
    const topic = table.topic;
    this.random = spec.random;
    this.latest = table.upsert ? new Map() : null;
    const startup = startupPosition(opts, topic.partitions.length);
    this.skipBefore = startup.timestampMs === null ? null : startup.timestampMs - table.epochMs;
    switch (startup.mode) {
      case 'latest-offset':
        this.offsets = topic.partitions.map((p) => p.endOffset);
        break;
      case 'specific-offsets':
        this.offsets = startup.offsets;
        break;
      default:
        this.offsets = topic.partitions.map((p) => p.startOffset);
    }
  }

  /** Moves offsets past records retention dropped and records before the startup timestamp. */
  private settle(): void {
    const parts = this.table.topic.partitions;
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p]!;
      let o = this.offsets[p]!;
      if (o < part.startOffset) o = part.startOffset;
      if (this.skipBefore !== null) while (o < part.endOffset && part.at(o)!.time < this.skipBefore) o++;
      this.offsets[p] = o;
    }
  }

  available(): number {
    this.settle();
    const parts = this.table.topic.partitions;
    let n = 0;
    for (let p = 0; p < parts.length; p++) n += Math.max(0, parts[p]!.endOffset - this.offsets[p]!);
    return n;
  }

  read(max: number): ReadResult {
    this.settle();
    const parts = this.table.topic.partitions;
    const changes: Change[] = [];
    let origin: number | null = null;
    let remaining = max;
    const open: number[] = [];
    for (let p = 0; p < parts.length; p++) if (parts[p]!.endOffset > this.offsets[p]!) open.push(p);
    // Partitions are consumed in seeded random chunks, as a consumer's fetches interleave them.
    while (remaining > 0 && open.length > 0) {
      const k = open.length === 1 ? 0 : this.random.int(0, open.length - 1);
      const p = open[k]!;
      const part = parts[p]!;
      const avail = part.endOffset - this.offsets[p]!;
      const take = open.length === 1 ? Math.min(avail, remaining) : this.random.int(1, Math.min(avail, remaining));
      for (let i = 0; i < take; i++) {
        const offset = this.offsets[p]! + i;
        const rec = part.at(offset)!;
        origin = maxTime(origin, rec.eventTime);
        const before = changes.length;
        this.emit(rec, changes);
        if (this.metadata.length > 0)
          for (let c = before; c < changes.length; c++) changes[c] = { kind: changes[c]!.kind, row: this.withMetadata(changes[c]!.row, rec, p, offset) };
      }
      this.offsets[p]! += take;
      remaining -= take;
      if (this.offsets[p]! >= part.endOffset) open.splice(k, 1);
    }
    return { changes, originTime: origin, error: null };
  }

  /** Fills Kafka metadata columns: timestamp, partition, offset, topic (others NULL). */
  private withMetadata(row: Row, rec: TopicRecord, partition: number, offset: number): Row {
    const out = row.slice();
    for (const [i, key] of this.metadata) {
      switch (key) {
        case 'timestamp':
          out[i] = this.table.epochMs + rec.time;
          break;
        case 'partition':
          out[i] = partition;
          break;
        case 'offset':
          out[i] = offset;
          break;
        case 'topic':
          out[i] = this.table.topic.name;
          break;
        default:
          out[i] = null;
      }
    }
    return out;
  }

  private emit(rec: TopicRecord, out: Change[]): void {
    if (!this.latest) {
      out.push({ kind: this.table.kindColumn ? rec.kind : RK.INSERT, row: rec.row });
      return;
    }
    const key = keyOf(rec.row, this.table.keyIndices);
    const prev = this.latest.get(key);
    if (rec.kind === RK.DELETE) {
      if (prev) {
        this.latest.delete(key);
        out.push({ kind: RK.DELETE, row: prev });
      }
      return;
    }
    if (prev) {
      if (rowsEqual(prev, rec.row)) return;
      out.push({ kind: RK.UPDATE_BEFORE, row: prev }, { kind: RK.UPDATE_AFTER, row: rec.row });
    } else out.push({ kind: RK.INSERT, row: rec.row });
    this.latest.set(key, rec.row);
  }

  isFinished(): boolean {
    return this.spec.hasWriters && this.spec.writersFinished() && this.available() === 0;
  }

  oldestUnread(): number | null {
    this.settle();
    const parts = this.table.topic.partitions;
    let oldest: number | null = null;
    for (let p = 0; p < parts.length; p++) {
      const rec = parts[p]!.at(this.offsets[p]!);
      if (rec && (oldest === null || rec.time < oldest)) oldest = rec.time;
    }
    return oldest;
  }

  snapshot(): unknown {
    return { offsets: this.offsets.slice(), latest: this.latest ? [...this.latest.entries()] : null };
  }

  restore(s: unknown): void {
    const snap = s as { offsets: number[]; latest: [string, Row][] | null };
    this.offsets = snap.offsets.slice();
    this.latest = snap.latest ? new Map(snap.latest) : null;
  }

  stateBytes(): number {
    // 8 bytes per partition offset; upsert normalize state as the runtime counts keyed rows.
    let b = this.offsets.length * 8;
    if (this.latest) for (const r of this.latest.values()) b += 16 + rowBytes(r);
    return b;
  }
}

interface PendingRecord {
  partition: number;
  kind: RowKind;
  row: Row;
  eventTime: number | null;
}

class KafkaWriter implements SinkWriter {
  private rr = 0;
  /** Records of an exactly-once sink, until a checkpoint commits them. */
  private readonly pending = new PendingCommits<PendingRecord>();

  constructor(
    private readonly table: KafkaTable,
    private readonly parallelism: number,
  ) {}

  private partitionOf(row: Row): number {
    const n = this.table.topic.partitions.length;
    if (n === 1) return 0;
    switch (this.table.partitioner) {
      case 'round-robin':
        return this.rr++ % n;
      case 'fixed':
        // Each sink subtask writes one partition; rows reach subtasks by hash.
        return (fnv1a32(rowKey(row)) % Math.max(1, this.parallelism)) % n;
      default:
        return (
          fnv1a32(this.table.keyIndices.length > 0 ? keyOf(row, this.table.keyIndices) : rowKey(row)) % n
        );
    }
  }

  write(changes: readonly Change[], eventTime: number | null, now: number): string | null {
    for (const c of changes) {
      let kind: RowKind | null;
      let row = c.row;
      if (this.table.upsert) {
        if (c.kind === RK.UPDATE_BEFORE) continue;
        if (c.kind === RK.DELETE) {
          kind = RK.DELETE;
          row = row.map((v, i) => (this.table.keyIndices.includes(i) ? v : null));
        } else kind = RK.UPDATE_AFTER;
      } else {
        kind = encodeKind(this.table.format, c.kind);
        if (kind === null)
          return `table '${this.table.def.name}' (kafka, format '${this.table.format}') accepts only inserts, but received an update or delete; use format 'changelog-json' or 'debezium-json', or upsert-kafka`;
      }
      const rec = { partition: this.partitionOf(row), kind, row, eventTime };
      if (this.table.exactlyOnce) this.pending.add(rec);
      else {
        this.table.topic.append(rec.partition, kind, row, now, eventTime ?? now);
        this.table.noteAppended(kind, row, now);
      }
    }
    return null;
  }

  tick(): void {}

  prepareCheckpoint(id: number): void {
    if (!this.table.exactlyOnce) return;
    this.pending.prepare(id);
  }

  private append(records: readonly PendingRecord[], now: number): void {
    for (const r of records) {
      this.table.topic.append(r.partition, r.kind, r.row, now, r.eventTime ?? now);
      this.table.noteAppended(r.kind, r.row, now);
    }
  }

  commitCheckpoint(id: number, now: number): void {
    this.pending.commit(id, (records) => this.append(records, now));
  }

  endOfInput(now: number): void {
    this.pending.commitAll((records) => this.append(records, now));
  }

  abortUncommitted(): void {
    this.pending.clear();
  }

  stateBytes(): number {
    // Uncommitted records of an exactly-once sink are part of the checkpoint.
    return this.pending.bytes();
  }
}
