// The lines two scripts differ in (longest common subsequence of lines), to show what B changes. Pure.

export interface DiffLine {
  kind: 'del' | 'add';
  /** 1-based line number in A (del) or B (add). */
  line: number;
  text: string;
}

/** Lines only in A (`del`) and only in B (`add`), in order; scripts past ~4000 lines each compare by position. */
export function lineDiff(a: string, b: string): DiffLine[] {
  const la = a.split('\n');
  const lb = b.split('\n');
  // Common head and tail first: a one-line change in a long script leaves a tiny middle.
  let head = 0;
  while (head < la.length && head < lb.length && la[head] === lb[head]) head++;
  let tail = 0;
  while (tail < la.length - head && tail < lb.length - head && la[la.length - 1 - tail] === lb[lb.length - 1 - tail]) tail++;
  const ma = la.slice(head, la.length - tail);
  const mb = lb.slice(head, lb.length - tail);
  const out: DiffLine[] = [];
  if (ma.length * mb.length > 16_000_000) {
    ma.forEach((text, i) => out.push({ kind: 'del', line: head + i + 1, text }));
    mb.forEach((text, i) => out.push({ kind: 'add', line: head + i + 1, text }));
    return out;
  }
  // lcs[i][j]: common lines of ma[i..] and mb[j..].
  const lcs = Array.from({ length: ma.length + 1 }, () => new Uint32Array(mb.length + 1));
  for (let i = ma.length - 1; i >= 0; i--) for (let j = mb.length - 1; j >= 0; j--) lcs[i]![j] = ma[i] === mb[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  let i = 0;
  let j = 0;
  while (i < ma.length || j < mb.length) {
    if (i < ma.length && j < mb.length && ma[i] === mb[j]) {
      i++;
      j++;
    } else if (i < ma.length && (j === mb.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push({ kind: 'del', line: head + i + 1, text: ma[i]! });
      i++;
    } else {
      out.push({ kind: 'add', line: head + j + 1, text: mb[j]! });
      j++;
    }
  }
  return out;
}
