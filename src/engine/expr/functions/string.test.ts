import { describe, expect, it } from 'vitest';
import { reverseString } from './string';

describe('REVERSE', () => {
  it('reverses by code point: surrogate pairs keep their order, lone surrogates are one unit', () => {
    expect(reverseString('')).toBe('');
    expect(reverseString('a')).toBe('a');
    expect(reverseString('h€llo')).toBe('oll€h');
    expect(reverseString('a😀b')).toBe('b😀a');
    expect(reverseString('\uD800x\uDC00')).toBe('\uDC00x\uD800');
    expect(reverseString('😀😀')).toBe('😀😀');
  });

  it('agrees with an array reversal across chunk boundaries (pairs straddling them included)', () => {
    for (const len of [8191, 8192, 8193, 20000]) {
      let s = '';
      for (let i = 0; len > s.length; i++) s += i % 7 === 0 ? '😀' : String.fromCharCode(97 + (i % 26));
      expect(reverseString(s)).toBe([...s].reverse().join(''));
    }
  });

  it('reverses a 20 MB value in chunks (an array of code points was 20 million strings)', () => {
    const big = 'a'.repeat(10 * 2 ** 20) + '😀' + 'b'.repeat(10 * 2 ** 20);
    const r = reverseString(big);
    expect(r.length).toBe(big.length);
    expect(r.slice(10 * 2 ** 20 - 1, 10 * 2 ** 20 + 3)).toBe('b😀a');
  });
});
