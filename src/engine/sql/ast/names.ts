// Names in the syntax tree: identifiers and qualified object names.
import type { Span } from '../../types';

/**
 * An identifier. Unquoted identifiers are case-insensitive: `name` is lower-cased. Backquoted
 * identifiers (`` `Order Id` ``) keep their case. `raw` is the text exactly as written,
 * backquotes included.
 */
export interface Ident {
  name: string;
  raw: string;
  quoted: boolean;
  span: Span;
}

/**
 * A possibly qualified object name such as `orders` or `catalog.db.orders`. `name` is the
 * normalized parts joined with '.', so an unqualified table name is just its identifier.
 */
export interface QualifiedName extends Ident {
  parts: Ident[];
}
