// Query fluctuation of a serving table (docs/simulation.md, "Query fluctuation"): a key a -U
// removed and its +U has not written again is missing for a reader. Counted per table as windows
// (times a key went missing and came back) and their length in virtual time; a window that opens
// and closes within one tick is counted apart (the collector gives it one tick, the scheduler's
// resolution). A -D is a real delete, not a window.
import { RowKind } from '../types';

export interface FluctuationCounts {
  windows: number;
  missingMs: number;
  sameTickWindows: number;
}

export class FluctuationTracker {
  /** Keys a -U removed that no +I/+U has written again yet, with the time they went missing. */
  private readonly missingSince = new Map<unknown, number>();
  private readonly counts: FluctuationCounts = { windows: 0, missingMs: 0, sameTickWindows: 0 };

  /** One change a reader sees at `now`, applied on its own (a jdbc flush, a topic record). */
  apply(key: unknown, kind: RowKind, now: number): void {
    if (kind === RowKind.INSERT || kind === RowKind.UPDATE_AFTER) {
      const since = this.missingSince.size === 0 ? undefined : this.missingSince.get(key);
      if (since === undefined) return;
      this.missingSince.delete(key);
      this.counts.windows++;
      if (now > since) this.counts.missingMs += now - since;
      else this.counts.sameTickWindows++;
    } else if (kind === RowKind.UPDATE_BEFORE) {
      if (!this.missingSince.has(key)) this.missingSince.set(key, now);
    } else this.missingSince.delete(key);
  }

  /**
   * Changes that become visible together (a lake commit: a reader sees one snapshot or the next):
   * a -U and its +U inside them never leave the key missing; a -U whose +U is not among them opens
   * a window until a later commit writes the key again.
   */
  applyAtomic(changes: readonly { key: unknown; kind: RowKind }[], now: number): void {
    // What a reader of the commit sees of a key is its last change in it: -U then +U is the +U.
    const last = new Map<unknown, RowKind>();
    for (const c of changes) last.set(c.key, c.kind);
    for (const [key, kind] of last) this.apply(key, kind, now);
  }

  snapshot(): FluctuationCounts {
    return { ...this.counts };
  }
}
