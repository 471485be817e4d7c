import { describe, expect, it } from 'vitest';
import { mapRange, skipSpace } from './rangeMap';

describe('mapRange', () => {
  const text = 'SET a = 1;\nINSERT INTO t SELECT 1;\nSELECT 2;';
  const r = { offset: text.indexOf('INSERT'), length: 'INSERT INTO t SELECT 1'.length };
  const slice = (s: string, x: { offset: number; length: number }) => s.slice(x.offset, x.offset + x.length);

  it('shifts the range past a change before it and keeps it for a change after it', () => {
    const before = 'SET abc = 1;' + text.slice(10);
    expect(slice(before, mapRange(text, before, r))).toBe('INSERT INTO t SELECT 1');
    const after = text + '\nSELECT 3;';
    expect(mapRange(text, after, r)).toEqual(r);
  });

  it('grows or shrinks with an edit inside, and keeps insertions at its edges outside', () => {
    const inside = text.replace('SELECT 1', 'SELECT 1, 2');
    expect(slice(inside, mapRange(text, inside, r))).toBe('INSERT INTO t SELECT 1, 2');
    const atStart = text.replace('INSERT', 'SET x = 2;\nINSERT');
    expect(slice(atStart, mapRange(text, atStart, r))).toBe('INSERT INTO t SELECT 1');
  });

  it('clips to a change across an edge', () => {
    const across = text.replace('1;\nINSERT INTO', '9;\nINSERT   INTO');
    const m = mapRange(text, across, r);
    expect(across.slice(m.offset, m.offset + m.length).endsWith('SELECT 1')).toBe(true);
    expect(skipSpace('  \n x', 0)).toBe(4);
  });
});
