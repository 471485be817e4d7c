// Metrics history: one MetricsSnapshot per `sim.metrics.interval` of virtual time, bounded by
// downsampling. When `sim.metrics.max-samples` samples are held, every other one is dropped and
// the sampling interval doubles, so a long run keeps an even (coarser) history from the start.
import type { MetricsSnapshot } from '../../api';

export class MetricsHistory {
  private samples: MetricsSnapshot[] = [];
  private interval: number;
  private nextAt: number;

  constructor(
    intervalMs: number,
    private readonly maxSamples: number,
  ) {
    this.interval = intervalMs;
    this.nextAt = intervalMs;
  }

  /** Virtual time the next sample is due. */
  dueAt(): number {
    return this.nextAt;
  }

  currentInterval(): number {
    return this.interval;
  }

  record(snapshot: MetricsSnapshot): void {
    this.samples.push(snapshot);
    if (this.samples.length >= this.maxSamples) {
      this.samples = this.samples.filter((_, i) => i % 2 === 1);
      this.interval *= 2;
    }
    // Stay on the grid of the current interval.
    this.nextAt = (Math.floor(snapshot.now / this.interval) + 1) * this.interval;
  }

  all(): MetricsSnapshot[] {
    return this.samples.slice();
  }
}
