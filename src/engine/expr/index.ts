// The expression layer: bound IR, the closure compiler, the function registry, casts, printing.
export type { BoundExpr, CompiledExpr } from './ir';
export { compileExpr, compilePredicate, compileProjection, evalConstant, hasFunction, type EvalContext } from './compile';
export { ExprError, canCast, castValue, roundHalfUp, valueToString, javaDoubleToString } from './cast';
export { exprToSql, quoteIdent, quoteString } from './print';
export { likeMatcher } from './like';
