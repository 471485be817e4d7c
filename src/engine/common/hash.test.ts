import { describe, expect, it } from 'vitest';
import { combine32, fmix32, fnv1a32, fnv1a32Fmix, mix32 } from './hash';
import { Random } from './random';

// Pinned values: a change here moves Kafka records between partitions and changes every seeded
// stream, i.e. what a script and seed reproduce.
const INPUTS = ['', 'a', 'orders', 'd1\u0001s2', 'ümlaut', 'x'.repeat(100)];
const PINNED: Array<[number, number, number]> = [
  [2166136261, 12345, 2872998923],
  [3826002220, 1481382536, 444641715],
  [845059820, 703028520, 2069166408],
  [1030925168, 129745348, 1812225568],
  [938441896, 1142525988, 2305323494],
  [2888067797, 1259474025, 3842974242],
];

describe('hash', () => {
  it('keeps the plain and the finalised FNV-1a values bit for bit', () => {
    expect(INPUTS.map((s) => [fnv1a32(s), fnv1a32(s, 12345), fnv1a32Fmix(s)])).toEqual(PINNED);
    for (const s of INPUTS) expect(fnv1a32Fmix(s)).toBe(fmix32(fnv1a32(s)));
  });

  it('keeps the splitmix32 mixers and the seeded streams they feed', () => {
    expect([mix32(0), mix32(1), mix32(-1), combine32(1, 2), combine32(0xffffffff, 7)]).toEqual([
      2462723854, 2527132011, 920564995, 3261423349, 634226663,
    ]);
    const r = new Random(42);
    expect([r.nextU32(), r.fork('orders').nextU32(), r.forkIndex(5).nextU32()]).toEqual([3513271605, 1349612449, 280387942]);
  });

  it('gives unsigned 32-bit results', () => {
    for (const s of INPUTS) {
      for (const h of [fnv1a32(s), fnv1a32Fmix(s)]) {
        expect(Number.isInteger(h)).toBe(true);
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThan(2 ** 32);
      }
    }
  });
});
