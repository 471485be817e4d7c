// The expression compiler: BoundExpr -> a composition of JavaScript closures. No source text is
// generated (no `new Function`, no eval): literals and identifiers stay data captured by the
// closures, so nothing from a script, a file or a row can ever run as code.
import type { Row, Span, Value } from '../types';
import type { BoundExpr, CompiledExpr } from './ir';
import { ExprError } from './cast';
import { FUNCTIONS, NO_CONTEXT, buildCast, type EvalContext } from './functions';

export type { EvalContext } from './functions';

/**
 * Compiles a bound expression. `ctx.now()` supplies (virtual) time for CURRENT_TIMESTAMP and
 * friends; it is read at evaluation time, so one compiled expression follows the clock.
 */
export function compileExpr(e: BoundExpr, ctx: EvalContext = NO_CONTEXT): CompiledExpr {
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
      const args = e.args.map((a) => compileExpr(a, ctx));
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
