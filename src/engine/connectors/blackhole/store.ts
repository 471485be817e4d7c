// The `blackhole` connector: a sink that only counts.
import type { Row, RowKind } from '../../types';
import { SinkOnlyTable } from '../sink-only';

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
