// Keeping a statement range valid while the script changes elsewhere. Pure.

export interface Range {
  offset: number;
  length: number;
}

/**
 * Maps a range of `before` into `after` (one contiguous change between them, found as the common
 * prefix and suffix). Text inserted at its start goes before it, at its end into it; a change
 * inside grows or shrinks it; a change across an edge clips the edge to the change.
 */
export function mapRange(before: string, after: string, r: Range): Range {
  if (before === after) return r;
  let a = 0;
  const max = Math.min(before.length, after.length);
  while (a < max && before[a] === after[a]) a++;
  let b = 0;
  while (b < max - a && before[before.length - 1 - b] === after[after.length - 1 - b]) b++;
  const oldEnd = before.length - b; // changed region in `before`: [a, oldEnd)
  const delta = after.length - before.length;
  const start = r.offset;
  const end = r.offset + r.length;
  const map = (p: number, edge: 'start' | 'end'): number => {
    if (p <= a) return p;
    if (p >= oldEnd) return p + delta;
    return edge === 'start' ? a : after.length - b;
  };
  // Pure insertion: at the start edge it goes before the range, at the end edge into it (the
  // range ends before its `;`, where typing extends the statement).
  if (a === oldEnd) {
    if (a <= start) return { offset: start + delta, length: r.length };
    if (a > end) return r;
    return { offset: start, length: r.length + delta };
  }
  const s = map(start, 'start');
  const e = Math.max(s, map(end, 'end'));
  return { offset: s, length: e - s };
}

/** The first offset at or after `offset` that is not white space (or the end). */
export function skipSpace(text: string, offset: number): number {
  let i = Math.max(0, offset);
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}
