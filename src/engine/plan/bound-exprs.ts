// Operations on bound expressions that binding and the physical rules share: an expression's
// identity, conjunct lists, and rewriting the columns an expression reads (when a Calc is merged
// into the one below it, or when columns move because others were inserted before them).
import type { BoundExpr } from '../expr/ir';
import { mk } from '../expr/typeutil';

/** Identity of a bound expression (where it was written does not count). */
export function exprKey(e: BoundExpr): string {
  return JSON.stringify(e, (k, v: unknown) => (k === 'span' ? undefined : v));
}

/** Splits `a AND b AND c` (already bound) into its conjuncts. */
export function boundConjuncts(e: BoundExpr): BoundExpr[] {
  if (e.op === 'call' && e.fn === 'and') return e.args.flatMap(boundConjuncts);
  return [e];
}

/** One AND over the conjuncts (flattened), or null for none. */
export function andAll(conjuncts: BoundExpr[]): BoundExpr | null {
  if (conjuncts.length === 0) return null;
  if (conjuncts.length === 1) return conjuncts[0]!;
  return { op: 'call', fn: 'and', args: conjuncts.flatMap(boundConjuncts), type: mk('BOOLEAN', conjuncts.some((x) => x.type.nullable)) };
}

/** Replaces each column reference by the expression at that position of `projections`. */
export function substituteColumns(e: BoundExpr, projections: BoundExpr[]): BoundExpr {
  switch (e.op) {
    case 'col':
      return projections[e.index]!;
    case 'lit':
      return e;
    case 'cast':
      return { ...e, expr: substituteColumns(e.expr, projections) };
    case 'case':
      return {
        ...e,
        whens: e.whens.map((w) => ({ when: substituteColumns(w.when, projections), then: substituteColumns(w.then, projections) })),
        else: e.else ? substituteColumns(e.else, projections) : null,
      };
    case 'call':
      return { ...e, args: e.args.map((a) => substituteColumns(a, projections)) };
  }
}

/** Moves every column reference by `by` (e.g. a right-side condition onto the right input alone). */
export function shiftColumns(e: BoundExpr, by: number): BoundExpr {
  return shiftColumnsFrom(e, 0, by);
}

/** Moves the columns at `from` and after by `by` (e.g. past columns inserted before them). */
export function shiftColumnsFrom(e: BoundExpr, from: number, by: number): BoundExpr {
  switch (e.op) {
    case 'col':
      return e.index >= from ? { ...e, index: e.index + by } : e;
    case 'lit':
      return e;
    case 'cast':
      return { ...e, expr: shiftColumnsFrom(e.expr, from, by) };
    case 'case':
      return {
        ...e,
        whens: e.whens.map((w) => ({ when: shiftColumnsFrom(w.when, from, by), then: shiftColumnsFrom(w.then, from, by) })),
        else: e.else ? shiftColumnsFrom(e.else, from, by) : null,
      };
    case 'call':
      return { ...e, args: e.args.map((a) => shiftColumnsFrom(a, from, by)) };
  }
}

/** The column positions an expression reads. */
export function columnsRead(e: BoundExpr, out: Set<number> = new Set()): Set<number> {
  switch (e.op) {
    case 'col':
      out.add(e.index);
      break;
    case 'cast':
      columnsRead(e.expr, out);
      break;
    case 'case':
      e.whens.forEach((w) => {
        columnsRead(w.when, out);
        columnsRead(w.then, out);
      });
      if (e.else) columnsRead(e.else, out);
      break;
    case 'call':
      e.args.forEach((a) => columnsRead(a, out));
      break;
    default:
      break;
  }
  return out;
}
