// Operations on bound expressions that binding and the physical rules share: an expression's
// identity, conjunct lists, and rewriting the columns an expression reads (when a Calc is merged
// into the one below it, or when columns move because others were inserted before them).
import type { BoundExpr } from '../expr/ir';
import { mk } from '../expr/typeutil';
import { jsonText } from '../common/json-text';

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

/** exprKey's text of a tree too deep for JSON.stringify: the same text, written without recursion. */
function deepKey(root: BoundExpr): string {
  return jsonText(root, { skipKey: 'span', leaf: (v) => (typeof v === 'bigint' ? JSON.stringify({ $big: String(v) }) : undefined) });
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

/** The operands of a node, in order (a CASE's: when, then, ..., else). */
function operands(e: BoundExpr): readonly BoundExpr[] {
  switch (e.op) {
    case 'call':
      return e.args;
    case 'cast':
      return [e.expr];
    case 'case': {
      const out: BoundExpr[] = [];
      for (const w of e.whens) out.push(w.when, w.then);
      if (e.else) out.push(e.else);
      return out;
    }
    default:
      return [];
  }
}

/** `e` with new operands (as operands() lists them); `e` itself when none changed. */
function withOperands(e: BoundExpr, next: readonly BoundExpr[]): BoundExpr {
  const old = operands(e);
  let same = true;
  for (let i = 0; i < old.length && same; i++) same = old[i] === next[i];
  if (same) return e;
  switch (e.op) {
    case 'call':
      return { ...e, args: next.slice() };
    case 'cast':
      return { ...e, expr: next[0]! };
    case 'case':
      return {
        ...e,
        whens: e.whens.map((_, i) => ({ when: next[2 * i]!, then: next[2 * i + 1]! })),
        else: e.else ? next[next.length - 1]! : null,
      };
    default:
      return e;
  }
}

/**
 * Rebuilds `root` with each column reference replaced by `col(ref)`, bottom-up with an explicit
 * stack: a generated chain of 100,000 operators is that deep. Subtrees with nothing replaced
 * are shared, not copied.
 */
function mapColumnRefs(root: BoundExpr, col: (ref: BoundExpr & { op: 'col' }) => BoundExpr): BoundExpr {
  interface Frame {
    node: BoundExpr;
    kids: readonly BoundExpr[];
    done: BoundExpr[];
  }
  const leaf = (x: BoundExpr): BoundExpr | null => (x.op === 'col' ? col(x) : x.op === 'lit' ? x : null);
  const first = leaf(root);
  if (first) return first;
  const stack: Frame[] = [{ node: root, kids: operands(root), done: [] }];
  for (;;) {
    const top = stack[stack.length - 1]!;
    if (top.done.length < top.kids.length) {
      const kid = top.kids[top.done.length]!;
      const mapped = leaf(kid);
      if (mapped) top.done.push(mapped);
      else stack.push({ node: kid, kids: operands(kid), done: [] });
      continue;
    }
    const rebuilt = withOperands(top.node, top.done);
    stack.pop();
    if (stack.length === 0) return rebuilt;
    stack[stack.length - 1]!.done.push(rebuilt);
  }
}

/** Replaces each column reference by the expression at that position of `projections`. */
export function substituteColumns(e: BoundExpr, projections: BoundExpr[]): BoundExpr {
  return mapColumnRefs(e, (c) => projections[c.index]!);
}

/** Moves every column reference by `by` (e.g. a right-side condition onto the right input alone). */
export function shiftColumns(e: BoundExpr, by: number): BoundExpr {
  return shiftColumnsFrom(e, 0, by);
}

/** Moves the columns at `from` and after by `by` (e.g. past columns inserted before them). */
export function shiftColumnsFrom(e: BoundExpr, from: number, by: number): BoundExpr {
  return mapColumnRefs(e, (c) => (c.index >= from ? { ...c, index: c.index + by } : c));
}

/** The column positions an expression reads (an explicit stack, as above). */
export function columnsRead(e: BoundExpr, out: Set<number> = new Set()): Set<number> {
  const stack: BoundExpr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.op === 'col') out.add(x.index);
    else for (const k of operands(x)) stack.push(k);
  }
  return out;
}
