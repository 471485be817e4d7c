// Operations on bound expressions that binding and the physical rules share: an expression's
// identity, conjunct lists, and rewriting the columns an expression reads (when a Calc is merged
// into the one below it, or when columns move because others were inserted before them).
import type { BoundExpr } from '../expr/ir';
import { mk } from '../expr/typeutil';

/** Identity of a bound expression (where it was written does not count). */
export function exprKey(e: BoundExpr): string {
  // JSON.stringify recurses; a long operator chain takes the explicit-stack writer. Which one
  // runs depends only on the expression, so equal expressions get equal keys.
  // A bigint literal (an exact BIGINT or DECIMAL) is written as `{"$big": "digits"}`.
  if (leftDepth(e) < DEEP_KEY) return JSON.stringify(e, (k, v: unknown) => (k === 'span' ? undefined : typeof v === 'bigint' ? { $big: String(v) } : v));
  return deepKey(e);
}

/** Left-spine depth from which exprKey writes without recursion. */
const DEEP_KEY = 64;

function leftDepth(e: BoundExpr): number {
  let depth = 0;
  for (let x: BoundExpr | undefined = e; x !== undefined && depth < DEEP_KEY; depth++) {
    x = x.op === 'call' ? x.args[0] : x.op === 'cast' ? x.expr : undefined;
  }
  return depth;
}

/** JSON text of a tree of plain data without recursion, leaving out `span`. */
function deepKey(root: unknown): string {
  const parts: string[] = [];
  // Items are values to write, or text (wrapped in a TEXT-keyed object) to emit as is.
  const stack: unknown[] = [root];
  const TEXT = Symbol('text');
  const text = (t: string) => ({ [TEXT]: t });
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'object' && v !== null && TEXT in v) {
      parts.push((v as Record<symbol, string>)[TEXT]!);
    } else if (Array.isArray(v)) {
      stack.push(text(']'));
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push(v[i] === undefined ? null : v[i]);
        if (i > 0) stack.push(text(','));
      }
      stack.push(text('['));
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v).filter(([k, x]) => k !== 'span' && x !== undefined);
      stack.push(text('}'));
      for (let i = entries.length - 1; i >= 0; i--) {
        stack.push(entries[i]![1]);
        stack.push(text((i > 0 ? ',' : '') + JSON.stringify(entries[i]![0]) + ':'));
      }
      stack.push(text('{'));
    } else {
      parts.push(typeof v === 'bigint' ? JSON.stringify({ $big: String(v) }) : (JSON.stringify(v) ?? 'null'));
    }
  }
  return parts.join('');
}

/** How many nodes a bound expression has, counted without recursion. */
export function boundNodeCount(e: BoundExpr): number {
  let count = 0;
  const stack: BoundExpr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    count++;
    if (x.op === 'call') for (const a of x.args) stack.push(a);
    else if (x.op === 'cast') stack.push(x.expr);
    else if (x.op === 'case') {
      for (const w of x.whens) stack.push(w.when, w.then);
      if (x.else) stack.push(x.else);
    }
  }
  return count;
}

/** Splits `a AND b AND c` (already bound) into its conjuncts. */
export function boundConjuncts(e: BoundExpr): BoundExpr[] {
  // An explicit stack, first operands first out: a generated condition can chain thousands of ANDs.
  const out: BoundExpr[] = [];
  const stack: BoundExpr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.op === 'call' && x.fn === 'and') for (let i = x.args.length - 1; i >= 0; i--) stack.push(x.args[i]!);
    else out.push(x);
  }
  return out;
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
