import { describe, expect, it } from 'vitest';
import { VIEW_ARRAY_BACK, VIEW_ARRAY_MAX, ValueCounts } from './value-counts';

describe('ValueCounts', () => {
  it('a view changes form at the documented sizes and behaves as a Map in both', () => {
    const m = new ValueCounts();
    for (let i = 0; i < VIEW_ARRAY_MAX; i++) expect(m.add(i)).toBe(true);
    expect(m.isArray).toBe(true);
    expect(m.add(VIEW_ARRAY_MAX)).toBe(true);
    expect(m.isArray).toBe(false);
    expect(m.size).toBe(VIEW_ARRAY_MAX + 1);
    for (let i = VIEW_ARRAY_MAX; i > VIEW_ARRAY_BACK; i--) expect(m.remove(i)).toBe(true);
    expect(m.isArray).toBe(false);
    expect(m.remove(VIEW_ARRAY_BACK)).toBe(true);
    expect(m.isArray).toBe(true);
    expect(m.size).toBe(VIEW_ARRAY_BACK);
    expect(m.entries()).toEqual(Array.from({ length: VIEW_ARRAY_BACK }, (_, i) => [i, 1]));

    // SameValueZero and insertion order, as a Map: NaN equals NaN, -0 is stored as 0
    for (const big of [false, true]) {
      const v = new ValueCounts();
      const ref = new Map<number, number>();
      const fill = big ? VIEW_ARRAY_MAX + 5 : 3;
      for (let i = 0; i < fill; i++) {
        v.add(100 + i);
        ref.set(100 + i, 1);
      }
      for (const x of [NaN, -0, 0, NaN, 7]) {
        expect(v.add(x)).toBe(!ref.has(x));
        ref.set(x, (ref.get(x) ?? 0) + 1);
      }
      expect(v.remove(NaN)).toBe(false);
      ref.set(NaN, 1);
      expect(v.remove(100)).toBe(true); // leaves; added again it goes last
      ref.delete(100);
      v.add(100);
      ref.set(100, 1);
      expect(v.remove(12345)).toBe(false);
      expect(v.entries()).toEqual(Array.from(ref.entries()));
      expect(Object.is(v.entries().find(([x]) => x === 0)![0], 0)).toBe(true);
      expect(v.isArray).toBe(!big);
    }
  });
});
