import { describe, expect, it } from 'vitest';
import { Random } from './random';

describe('Random', () => {
  it('gives the same sequence for the same seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 100 }, () => a.nextU32());
    const ys = Array.from({ length: 100 }, () => b.nextU32());
    expect(xs).toEqual(ys);
  });

  it('gives different sequences for nearby seeds', () => {
    const a = new Random(1);
    const b = new Random(2);
    expect(Array.from({ length: 8 }, () => a.nextU32())).not.toEqual(Array.from({ length: 8 }, () => b.nextU32()));
  });

  it('forks depend only on the seed and the name, not on how much the parent was used', () => {
    const a = new Random(9);
    const b = new Random(9);
    for (let i = 0; i < 50; i++) b.next();
    const fa = a.fork('orders');
    const fb = b.fork('orders');
    expect(fa.nextU32()).toBe(fb.nextU32());
    expect(a.fork('orders').nextU32()).not.toBe(a.fork('customers').nextU32());
    expect(a.forkIndex(5).nextU32()).toBe(b.forkIndex(5).nextU32());
    expect(a.forkIndex(5).nextU32()).not.toBe(a.forkIndex(6).nextU32());
  });

  it('stays inside the requested ranges and is roughly uniform', () => {
    const r = new Random(3);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 10000; i++) {
      const x = r.int(0, 4);
      counts[x]!++;
      const f = r.next();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
    }
    for (const c of counts) expect(c).toBeGreaterThan(1800);
    const big = r.int(-9007199254740991, 9007199254740991);
    expect(Number.isSafeInteger(big)).toBe(true);
  });

  it('saves and restores its state', () => {
    const r = new Random(11);
    r.next();
    const s = r.state();
    const x = r.nextU32();
    r.setState(s);
    expect(r.nextU32()).toBe(x);
  });
});

describe('forkIndexInto', () => {
  it('re-seeds a scratch stream to exactly what forkIndex returns', () => {
    const root = new Random(7).fork('table:orders');
    const scratch = new Random(0);
    for (const index of [0, 1, 2, 99, 4294967295, 4294967296, 9007199254740991]) {
      const fresh = root.forkIndex(index);
      const reused = root.forkIndexInto(index, scratch);
      expect(reused.seed).toBe(fresh.seed);
      for (let k = 0; k < 5; k++) expect(reused.nextU32()).toBe(fresh.nextU32());
    }
  });
});
