// The fixed registry of scalar functions and operators. Each entry builds a closure from the
// compiled arguments; a few look at constant arguments (a LIKE pattern, an IN list, a date
// pattern) to precompute. Names are the IR's `call.fn` (lower case). The registry is a Map, so a
// hostile name such as `constructor` or `__proto__` is simply not found.
//
// The entries live by family in the sibling files, each registering itself when it is loaded:
// reach the registry through `./index`, which loads every family, never through this file alone.
import type { DataType } from '../../types';
import type { BoundExpr, CompiledExpr } from '../ir';
import { ExprError } from '../cast';

/** What compiled expressions may ask of their environment. */
export interface EvalContext {
  /**
   * Current (virtual) time as ms since 1970-01-01 UTC, for CURRENT_TIMESTAMP, NOW(),
   * CURRENT_DATE, LOCALTIMESTAMP, PROCTIME(). The simulator supplies its virtual clock.
   */
  now(): number;
  /**
   * The watermark of the operator evaluating the expression (absolute ms), or null before its
   * first: CURRENT_WATERMARK. Absent where no operator supplies one.
   */
  watermark?(): number | null;
  /**
   * The next number in [0, 1) of the simulation's seeded stream: RAND() and RAND_INTEGER(n)
   * without a seed. Absent outside a simulation.
   */
  random?(): number;
}

export const NO_CONTEXT: EvalContext = {
  now() {
    throw new ExprError('CURRENT_TIMESTAMP and other time functions need the simulation clock here');
  },
};

export type Builder = (args: CompiledExpr[], exprs: BoundExpr[], type: DataType, ctx: EvalContext) => CompiledExpr;

export const FUNCTIONS = new Map<string, Builder>();
export const def = (names: string[], b: Builder) => {
  for (const n of names) FUNCTIONS.set(n, b);
};
