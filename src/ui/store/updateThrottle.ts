// The studio refreshes from a playing run at most ~4 times a second: play-loop updates that arrive
// in between are held, their metrics snapshots kept, and the newest state is applied with all of
// them on the next refresh (or 260 ms later). A stopped run's update applies at once. Used by the
// simulation store (run A) and the compare store (run B).
import type { MetricsSnapshot } from '../../engine/api';
import type { SimUpdate } from '../../workers/protocol';

const MIN_INTERVAL_MS = 250;
const FLUSH_AFTER_MS = 260;

/** Wall time for the throttle: the browser's by default; tests pass the play loop's manual clock. */
export interface ThrottleClock {
  now(): number;
  later(fn: () => void, ms: number): void;
}

export const browserThrottleClock: ThrottleClock = {
  now: () => performance.now(),
  later: (fn, ms) => void setTimeout(fn, ms),
};

export class UpdateThrottle {
  private lastApplied = 0;
  private snapshots: MetricsSnapshot[] = [];
  private held: SimUpdate | null = null;
  private timerSet = false;

  /** `apply` gets the update to show and every snapshot since the last one applied. */
  constructor(
    private readonly apply: (u: SimUpdate, snapshots: MetricsSnapshot[]) => void,
    private readonly clock: ThrottleClock = browserThrottleClock,
  ) {}

  /** An update from the play loop; `throttle` false applies it at once. */
  push(u: SimUpdate, throttle: boolean): void {
    this.snapshots.push(...u.snapshots);
    const t = this.clock.now();
    if (throttle && t - this.lastApplied < MIN_INTERVAL_MS) {
      this.held = u;
      if (!this.timerSet) {
        this.timerSet = true;
        this.clock.later(() => {
          this.timerSet = false;
          if (this.held) this.push({ ...this.held, snapshots: [] }, false);
        }, FLUSH_AFTER_MS);
      }
      return;
    }
    this.held = null;
    this.lastApplied = t;
    this.apply(u, this.snapshots.splice(0));
  }

  /** A new run starts: what was held belongs to the old one. */
  reset(): void {
    this.snapshots = [];
    this.held = null;
  }
}
