// The `print` connector: a sink that keeps the newest printed changes (its rows are the changes
// with their kind, like a changelog topic).
//
// With a PRIMARY KEY it also keeps the current row of each key (+I/+U set it, -U/-D remove it):
// a reader of the table then sees those rows (what an upsert consumer of the printed stream would
// hold), and the raw printed changes stay readable as the metadata table `name$changelog`. Flink
// prints every change it receives, including updates that leave a row as it was (a -U and a +U of
// the same row, or an upsert of an identical row); such changes are flagged `noop` in the
// changelog so a viewer can hide them and say how many it hid.
import type { Column, Row, RowKind } from '../../types';
import { ROW_KIND_SHORT, RowKind as RK } from '../../types';
import { makeKeyFn, rowsEqual, type KeyFn, type StateKey } from '../../runtime/keys';
import { SinkOnlyTable } from '../sink-only';
import type { StoreContext } from '../store';

/** The metadata table holding the raw printed changes of a keyed print table. */
export const PRINT_CHANGELOG_SUFFIX = 'changelog';

export class PrintTable extends SinkOnlyTable {
  readonly keyIndices: number[];
  private readonly keyFn: KeyFn;
  /** Current row per primary key (keyed tables only). */
  private readonly byKey = new Map<StateKey, Row>();
  /** A -U not yet followed by its +U: its sequence number and row. */
  private readonly pendingRetract = new Map<StateKey, { seq: number; row: Row }>();
  /** Sequence numbers (0-based, in commit order) of no-op changes still in the ring. */
  private readonly noops = new Set<number>();

  constructor(ctx: StoreContext) {
    super(ctx);
    this.keyIndices = ctx.def.primaryKeyIndices;
    this.keyFn = makeKeyFn(this.keyIndices);
  }

  get keyed(): boolean {
    return this.keyIndices.length > 0;
  }

  /** A keyed table reads as its current rows (no kind); an unkeyed one as its printed changes. */
  get kindColumn(): boolean {
    return !this.keyed;
  }

  protected override logChange(now: number, kind: RowKind, row: Row): void {
    const seq = this.ring.total;
    super.logChange(now, kind, row);
    if (!this.keyed) return;
    const key = this.keyFn(row);
    if (kind === RK.INSERT || kind === RK.UPDATE_AFTER) {
      const retract = this.pendingRetract.get(key);
      const current = this.byKey.get(key);
      if (retract) {
        this.pendingRetract.delete(key);
        if (rowsEqual(retract.row, row)) {
          this.noops.add(retract.seq);
          this.noops.add(seq);
        }
      } else if (current && rowsEqual(current, row)) this.noops.add(seq);
      this.byKey.set(key, row);
    } else if (kind === RK.UPDATE_BEFORE) {
      this.pendingRetract.set(key, { seq, row: this.byKey.get(key) ?? row });
      this.byKey.delete(key);
    } else {
      this.pendingRetract.delete(key);
      this.byKey.delete(key);
    }
    // Flags of changes that left the ring are dropped.
    const oldest = this.ring.total - this.ring.capacity;
    if (this.noops.size > this.ring.capacity) for (const s of this.noops) if (s < oldest) this.noops.delete(s);
  }

  visibleRows() {
    if (this.keyed) {
      const rows = [...this.byKey.values()];
      return { kinds: null, rows: rows.length > this.ctx.maxReadRows ? rows.slice(0, this.ctx.maxReadRows) : rows };
    }
    const last = this.ring.last(Math.min(this.ctx.changelogMax, this.ctx.maxReadRows));
    return { kinds: last.map((e) => e.kind), rows: last.map((e) => e.row) };
  }

  visibleCount(): number {
    return this.keyed ? this.byKey.size : Math.min(this.changes(), this.ctx.changelogMax);
  }

  /** Newest changes, oldest first; a change that left its key's row as it was has `noop`. */
  override changelog(limit: number): { time: number; kind: RowKind; row: Row; noop?: true }[] {
    const last = this.ring.last(limit);
    if (this.noops.size === 0) return last;
    const first = this.ring.total - last.length;
    return last.map((e, i) => (this.noops.has(first + i) ? { ...e, noop: true as const } : e));
  }

  metadataTableSuffixes(): readonly string[] {
    return this.keyed ? [PRINT_CHANGELOG_SUFFIX] : [];
  }

  /** `name$changelog`: the printed changes (newest `changelogMax`), with their kind first. */
  metadataTable(suffix: string): { columns: readonly Column[]; rows: readonly Row[] } | null {
    if (!this.keyed || suffix.toLowerCase() !== PRINT_CHANGELOG_SUFFIX) return null;
    const columns: Column[] = [{ name: '_kind', type: { name: 'STRING', nullable: false } }, ...this.def.schema.columns];
    const last = this.ring.last(Math.min(this.ctx.changelogMax, this.ctx.maxReadRows));
    return { columns, rows: last.map((e) => [ROW_KIND_SHORT[e.kind], ...e.row]) };
  }
}
