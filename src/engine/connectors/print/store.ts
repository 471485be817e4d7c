// The `print` connector: a sink that keeps the newest printed changes (its rows are the changes
// with their kind, like a changelog topic).
import { SinkOnlyTable } from '../sink-only';

export class PrintTable extends SinkOnlyTable {
  readonly kindColumn = true;
  visibleRows() {
    const last = this.ring.last(Math.min(this.ctx.changelogMax, this.ctx.maxReadRows));
    return { kinds: last.map((e) => e.kind), rows: last.map((e) => e.row) };
  }
  visibleCount(): number {
    return Math.min(this.changes(), this.ctx.changelogMax);
  }
}
