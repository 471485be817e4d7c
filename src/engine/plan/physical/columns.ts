// Column bookkeeping the physical rules share: output names, identity projections and how a
// unique key survives a projection.
import type { BoundExpr } from '../../expr/ir';
import type { ScopeCol } from '../bind/scope';

/** Calcite-style unique names: a repeated `id` becomes `id0`, `id1`, ... */
export function uniquify(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    let name = n;
    let k = 0;
    while (seen.has(name.toLowerCase())) name = `${n}${k++}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** Projections that pass every column through unchanged. */
export function identityProjections(cols: ScopeCol[]): BoundExpr[] {
  return cols.map((c, i) => ({ op: 'col', index: i, type: c.type }));
}

/** `from`, `from + 1`, ..., `to - 1`. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** The input's unique key as output positions, or null when a key column is not passed through. */
export function keyThroughProjections(key: number[] | null, projections: BoundExpr[]): number[] | null {
  if (key === null) return null;
  const out: number[] = [];
  for (const k of key) {
    const i = projections.findIndex((p) => p.op === 'col' && p.index === k);
    if (i < 0) return null;
    out.push(i);
  }
  return out;
}
