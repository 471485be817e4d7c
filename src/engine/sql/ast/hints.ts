// Hints in the syntax tree: `/*+ NAME(args) *\/` after SELECT or a table name.
import type { Span } from '../../types';

/** One argument of a hint: `'k'='v'` (key and value) or a bare `'v'` / `x` (value only). */
export interface HintArg {
  key?: string;
  value: string;
  span: Span;
  /** The value's own token (with its quotes): where a value that is itself SQL, such as a cleanup condition, was written. */
  valueSpan: Span;
}

/**
 * `/*+ NAME('k'='v', 'k2'='v2'), OTHER(x) *\/`: one Hint per name; a comment block may hold
 * several. `name` is upper-cased.
 */
export interface Hint {
  name: string;
  nameSpan: Span;
  args: HintArg[];
  span: Span;
}
