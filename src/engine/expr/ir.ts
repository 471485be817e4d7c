// Bound expressions: the planner's output, the expression compiler's input. Names are resolved to
// column positions of the operator's input row and every node carries its SQL type, so compiling
// never looks at names or at script text.
import type { DataType, Span, Value } from '../types';

export type BoundExpr =
  /** The value at `index` of the input row (for a join: left columns then right columns). */
  | { op: 'col'; index: number; type: DataType }
  /** A constant. Values are data; the compiler never turns them into source text. */
  | { op: 'lit'; value: Value; type: DataType }
  /**
   * A scalar function or operator from the fixed registry in src/engine/expr (for example
   * `+`, `=`, `and`, `is_null`, `like`, `in`, `between`, `upper`, `substring`, `date_format`,
   * `floor_to`, `extract`, `timestampdiff`, `coalesce`, `if`). Unit-like arguments (`HOUR`,
   * `DAY`, ...) are string literals.
   */
  | {
      op: 'call';
      fn: string;
      args: BoundExpr[];
      type: DataType;
      /** Where the call stands in the script, for calls that can fail at runtime (division). */
      span?: Span;
    }
  | { op: 'case'; whens: { when: BoundExpr; then: BoundExpr }[]; else: BoundExpr | null; type: DataType }
  | {
      op: 'cast';
      expr: BoundExpr;
      type: DataType;
      /** TRY_CAST yields NULL instead of failing. */
      safe: boolean;
      /** Where an explicit CAST stands in the script, so a failing value can be located. */
      span?: Span;
    };

/** A compiled expression: evaluates over one input row. */
export type CompiledExpr = (row: readonly Value[]) => Value;
