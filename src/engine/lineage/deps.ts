// What one column of an operator's output depends on: source table columns, each with the set of
// transformations that lead from it (transformations.ts) and the operators on the way.
import type { BoundExpr } from '../expr/ir';
import type { ColumnRef } from './types';
import { CONDITIONAL, IDENTITY, merge, mergeSet, TRANSFORMATION, type Code, type CodeSet } from './transformations';

export interface Dep {
  from: ColumnRef;
  codes: CodeSet;
  /** Ids of the job's operators between the read of `from` and here. */
  ops: Set<number>;
}

/** Keyed by table and column (a NUL between them: no name holds one). */
export type Deps = Map<string, Dep>;

export const refKey = (table: string, column: string) => `${table}\u0000${column}`;

export const NO_DEPS: Deps = new Map();

/** The column `from` read as it is by operator `op`. */
export function readOf(from: ColumnRef, op: number): Deps {
  return new Map([[refKey(from.table, from.column), { from, codes: 1 << IDENTITY, ops: new Set([op]) }]]);
}

/** Adds `deps`, seen through `outer` at operator `op`, to `into`. */
export function addComposed(into: Deps, deps: Deps, outer: Code, op: number): void {
  for (const [key, dep] of deps) {
    const codes = outer === IDENTITY ? dep.codes : mergeSet(outer, dep.codes);
    const had = into.get(key);
    if (had) {
      had.codes |= codes;
      for (const o of dep.ops) had.ops.add(o);
      had.ops.add(op);
    } else into.set(key, { from: dep.from, codes, ops: new Set(dep.ops).add(op) });
  }
}

/** `deps` passed through operator `op` unchanged. */
export function passThrough(deps: Deps, op: number): Deps {
  const out: Deps = new Map();
  addComposed(out, deps, IDENTITY, op);
  return out;
}

/** Several inputs' deps seen through `outer` at `op`, as one. */
export function composeAll(inputs: readonly Deps[], outer: Code, op: number): Deps {
  const out: Deps = new Map();
  for (const d of inputs) addComposed(out, d, outer, op);
  return out;
}

/**
 * What an expression over an input row (`cols`: each input column's deps) depends on, seen through
 * `ctx` (IDENTITY for a value that flows, FILTER for a WHERE, ...). A bare column keeps ctx; a
 * function call transforms its arguments; an implicit cast (one the binder adds to widen a type)
 * keeps the value, an explicit CAST transforms it; the conditions of CASE, IF, COALESCE, IFNULL
 * and NULLIF are CONDITIONAL while the values they pick keep ctx.
 */
export function exprDeps(e: BoundExpr, cols: readonly Deps[], ctx: Code, op: number, into: Deps = new Map()): Deps {
  // An explicit stack: generated scripts nest operators 100,000 deep (long-scripts.test.ts).
  const stack: { x: BoundExpr; c: Code }[] = [{ x: e, c: ctx }];
  const walk = (x: BoundExpr, c: Code) => stack.push({ x, c });
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { x, c } = top;
    switch (x.op) {
      case 'col':
        addComposed(into, cols[x.index] ?? NO_DEPS, c, op);
        break;
      case 'lit':
        break;
      case 'cast':
        walk(x.expr, x.span !== undefined || x.safe ? merge(c, TRANSFORMATION) : c);
        break;
      case 'case':
        for (const w of x.whens) {
          walk(w.when, merge(c, CONDITIONAL));
          walk(w.then, c);
        }
        if (x.else) walk(x.else, c);
        break;
      case 'call': {
        const cond = merge(c, CONDITIONAL);
        if (x.fn === 'if' && x.args.length === 3) {
          walk(x.args[0]!, cond);
          walk(x.args[1]!, c);
          walk(x.args[2]!, c);
        } else if (x.fn === 'coalesce' || x.fn === 'ifnull') {
          x.args.forEach((a, i) => {
            walk(a, c);
            // Whether an argument is NULL picks the next one.
            if (i < x.args.length - 1) walk(a, cond);
          });
        } else if (x.fn === 'nullif' && x.args.length === 2) {
          walk(x.args[0]!, c);
          walk(x.args[0]!, cond);
          walk(x.args[1]!, cond);
        } else {
          const t = merge(c, TRANSFORMATION);
          for (const a of x.args) walk(a, t);
        }
        break;
      }
    }
  }
  return into;
}
