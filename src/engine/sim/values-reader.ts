// The reader behind an `INSERT ... VALUES` job: a bounded source of constant rows. It has no
// table and no connector, so it lives beside the job runtime that creates it for a Values node
// rather than among the connectors' readers; it honours the same SourceReader contract.
import type { Change } from '../types';
import { RowKind } from '../types';
import type { ReadResult, SourceReader } from '../connectors/store';

export class ValuesReader implements SourceReader {
  private position = 0;
  constructor(private readonly rows: readonly (readonly unknown[])[]) {}
  available(): number {
    return this.rows.length - this.position;
  }
  read(max: number): ReadResult {
    const n = Math.min(max, this.rows.length - this.position);
    const changes: Change[] = [];
    for (let i = 0; i < n; i++) changes.push({ kind: RowKind.INSERT, row: (this.rows[this.position + i] as Change['row']).slice() });
    this.position += n;
    return { changes, originTime: n > 0 ? 0 : null, error: null };
  }
  isFinished(): boolean {
    return this.position >= this.rows.length;
  }
  oldestUnread(): number | null {
    return this.position < this.rows.length ? 0 : null;
  }
  snapshot(): unknown {
    return { pos: this.position };
  }
  restore(s: unknown): void {
    this.position = (s as { pos: number }).pos;
  }
  stateBytes(): number {
    return 8;
  }
}
