// The expression compiler: BoundExpr -> a composition of JavaScript closures. No source text is
// generated (no `new Function`, no eval): literals and identifiers stay data captured by the
// closures, so nothing from a script, a file or a row can ever run as code.
import type { Row, Span, Value } from '../types';
import type { BoundExpr, CompiledExpr } from './ir';
import { ExprError } from './cast';
import { FUNCTIONS, NO_CONTEXT, buildCast, type EvalContext } from './functions';
import { asDouble } from './exact';

/**
 * Functions that take BIGINT and wide DECIMAL arguments as they are (exact: bigints included).
 * Every other function computes in doubles and gets such arguments as doubles.
 */
const EXACT_ARGUMENTS: ReadonlySet<string> = new Set([
  '+', '-', '*', '/', '%', 'mod', 'neg', 'abs', 'round', 'truncate', 'floor', 'ceil', 'sign',
  '=', '<>', '<', '<=', '>', '>=', 'is_distinct_from', 'is_not_distinct_from', 'between', 'between_symmetric', 'in',
  'coalesce', 'ifnull', 'if', 'nullif', 'greatest', 'least', 'is_null', 'is_not_null',
]);

/** The compiled argument `a` as function `fn` takes it (see EXACT_ARGUMENTS). */
function argFor(fn: string, c: CompiledExpr, a: BoundExpr): CompiledExpr {
  return EXACT_ARGUMENTS.has(fn) ? c : asDouble(c, a.type);
}

export type { EvalContext } from './functions';

/**
 * Compiles a bound expression. `ctx.now()` supplies (virtual) time for CURRENT_TIMESTAMP and
 * friends; it is read at evaluation time, so one compiled expression follows the clock.
 */
export function compileExpr(e: BoundExpr, ctx: EvalContext = NO_CONTEXT): CompiledExpr {
  const spine = leftSpine(e);
  return spine.length >= CHAIN_MIN ? compileChain(spine, ctx) : compileNode(e, ctx);
}

/** Chains shorter than this compile to nested closures (the common case); longer ones to a loop. */
const CHAIN_MIN = 64;

/** `e`, its first operand, that one's first operand, ...: the calls and casts down the left. */
function leftSpine(e: BoundExpr): BoundExpr[] {
  const spine: BoundExpr[] = [];
  for (let x: BoundExpr | undefined = e; x !== undefined && (x.op === 'cast' || (x.op === 'call' && x.args.length > 0)); ) {
    spine.push(x);
    x = x.op === 'cast' ? x.expr : x.op === 'call' ? x.args[0] : undefined;
  }
  return spine;
}

/**
 * A long left-deep chain (`a + b + c + ...` binds to `+(+(+(a, b), c), ...)`) as one loop: each
 * step is the node's own function with its first operand read from the running value, so neither
 * compiling nor evaluating takes a stack frame per term, and every step keeps its own type.
 */
function compileChain(spine: BoundExpr[], ctx: EvalContext): CompiledExpr {
  const innermost = spine[spine.length - 1]!;
  const leaf = compileExpr(innermost.op === 'cast' ? innermost.expr : (innermost as { args: BoundExpr[] }).args[0]!, ctx);
  // The running value: set by the loop below before any step reads it.
  let acc: Value = null;
  const running: CompiledExpr = () => acc;
  const steps: CompiledExpr[] = [];
  for (let i = spine.length - 1; i >= 0; i--) {
    const node = spine[i]!;
    if (node.op === 'cast') {
      const f = buildCast(running, node.expr.type, node.type, node.safe);
      steps.push(node.span ? located(f, node.span) : f);
    } else if (node.op === 'call') {
      const build = FUNCTIONS.get(node.fn);
      if (!build) throw new ExprError(`unknown function ${node.fn}`);
      const args = [argFor(node.fn, running, node.args[0]!), ...node.args.slice(1).map((a) => argFor(node.fn, compileExpr(a, ctx), a))];
      const f = build(args, node.args, node.type, ctx);
      steps.push(node.span ? located(f, node.span) : f);
    }
  }
  const n = steps.length;
  return (row) => {
    acc = leaf(row);
    for (let i = 0; i < n; i++) acc = steps[i]!(row);
    return acc;
  };
}

function compileNode(e: BoundExpr, ctx: EvalContext): CompiledExpr {
  switch (e.op) {
    case 'col': {
      const i = e.index;
      return (row) => {
        const v = row[i];
        return v === undefined ? null : v;
      };
    }
    case 'lit': {
      const v = e.value;
      return () => v;
    }
    case 'cast': {
      const inner = compileExpr(e.expr, ctx);
      const f = buildCast(inner, e.expr.type, e.type, e.safe);
      return e.span ? located(f, e.span) : f;
    }
    case 'case': {
      const whens = e.whens.map((w) => compileExpr(w.when, ctx));
      const thens = e.whens.map((w) => compileExpr(w.then, ctx));
      const otherwise = e.else ? compileExpr(e.else, ctx) : null;
      const n = whens.length;
      if (n === 1) {
        const w = whens[0]!;
        const t = thens[0]!;
        return (row) => (w(row) === true ? t(row) : otherwise ? otherwise(row) : null);
      }
      return (row) => {
        for (let i = 0; i < n; i++) if (whens[i]!(row) === true) return thens[i]!(row);
        return otherwise ? otherwise(row) : null;
      };
    }
    case 'call': {
      const build = FUNCTIONS.get(e.fn);
      if (!build) throw new ExprError(`unknown function ${e.fn}`);
      const args = e.args.map((a) => argFor(e.fn, compileExpr(a, ctx), a));
      const f = build(args, e.args, e.type, ctx);
      return e.span ? located(f, e.span) : f;
    }
  }
}

/** Tags a runtime failure of `f` with where the expression stands in the script. */
function located(f: CompiledExpr, span: Span): CompiledExpr {
  return (row) => {
    try {
      return f(row);
    } catch (err) {
      if (err instanceof ExprError && err.span === undefined) err.span = span;
      throw err;
    }
  };
}

/** A filter: keeps a row only when the condition is TRUE (not FALSE, not NULL). */
export function compilePredicate(e: BoundExpr, ctx?: EvalContext): (row: readonly Value[]) => boolean {
  const f = compileExpr(e, ctx);
  return (row) => f(row) === true;
}

/** A projection: one output row per input row. */
export function compileProjection(exprs: BoundExpr[], ctx?: EvalContext): (row: readonly Value[]) => Row {
  const fs = exprs.map((x) => compileExpr(x, ctx));
  const n = fs.length;
  // Pure column pick-lists are the common case after planning.
  if (exprs.every((x) => x.op === 'col')) {
    const idx = exprs.map((x) => (x as { index: number }).index);
    return (row) => {
      const out = new Array<Value>(n);
      for (let i = 0; i < n; i++) {
        const v = row[idx[i]!];
        out[i] = v === undefined ? null : v;
      }
      return out;
    };
  }
  return (row) => {
    const out = new Array<Value>(n);
    for (let i = 0; i < n; i++) out[i] = fs[i]!(row);
    return out;
  };
}

/** Evaluates an expression that reads no columns (constant folding, VALUES rows). */
export function evalConstant(e: BoundExpr, ctx?: EvalContext): Value {
  return compileExpr(e, ctx)([]);
}

/** Whether `fn` is in the registry (operators included). */
export function hasFunction(fn: string): boolean {
  return FUNCTIONS.has(fn);
}
