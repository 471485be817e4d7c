// Seeded pseudo-random numbers. Every random choice the simulator makes comes from here, so the
// same script and seed give the same run in Node and in the browser.
//
// The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state),
// seeded through splitmix32. `fork(name)` derives an independent stream from the root seed and a
// name only, never from how much of the parent stream was used: adding a table or reading more
// from one source does not change the numbers another source gets.
import { combine32, fnv1a32, mix32 } from './hash';

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** The 32-bit seed this stream was built from; forks derive from it. */
  readonly seed: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.a = mix32(this.seed);
    this.b = mix32(this.a ^ 0x6a09e667);
    this.c = mix32(this.b ^ 0xbb67ae85);
    this.d = 1;
    // Warm up so that nearby seeds diverge.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /**
   * `forkIndex(index)` without allocating: re-seeds `into` (a scratch stream its owner reuses, e.g.
   * datagen's one generator for all rows) to exactly the stream forkIndex would return.
   */
  forkIndexInto(index: number, into: Random): Random {
    const hi = Math.floor(index / 4294967296);
    into.reseed(combine32(combine32(this.seed, index >>> 0), hi >>> 0));
    return into;
  }

  /** Restarts this stream as `new Random(seed)` would start. */
  private reseed(seed: number): void {
    (this as { seed: number }).seed = seed >>> 0;
    this.a = mix32(this.seed);
    this.b = mix32(this.a ^ 0x6a09e667);
    this.c = mix32(this.b ^ 0xbb67ae85);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** An independent stream named `name`: depends only on this stream's seed and the name. */
  fork(name: string): Random {
    return new Random(fnv1a32(name, combine32(this.seed, 0x5bd1e995)));
  }

  /** An independent stream for an integer index, e.g. one per generated row. */
  forkIndex(index: number): Random {
    const hi = Math.floor(index / 4294967296);
    return new Random(combine32(combine32(this.seed, index >>> 0), hi >>> 0));
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 53 bits of precision. */
  next(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [min, max] (inclusive). Exact for ranges up to 2^53. */
  int(min: number, max: number): number {
    if (max <= min) return min;
    const span = max - min + 1;
    if (span <= 4294967296) {
      // Rejection sampling keeps it unbiased.
      const limit = Math.floor(4294967296 / span) * span;
      let x = this.nextU32();
      while (x >= limit) x = this.nextU32();
      return min + (x % span);
    }
    return min + Math.floor(this.next() * span);
  }

  /** Uniform float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  bool(): boolean {
    return (this.nextU32() & 1) === 1;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  /** Fisher-Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }

  /** Generator state, for checkpoints. */
  state(): [number, number, number, number] {
    return [this.a, this.b, this.c, this.d];
  }
  setState(s: readonly number[]): void {
    this.a = s[0]! | 0;
    this.b = s[1]! | 0;
    this.c = s[2]! | 0;
    this.d = s[3]! | 0;
  }
}
