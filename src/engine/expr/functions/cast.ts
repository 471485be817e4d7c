// CAST and TRY_CAST: a `cast` node is not a registry entry; the conversions are in `../cast.ts`.
import type { DataType } from '../../types';
import type { CompiledExpr } from '../ir';
import { ExprError, castConverter } from '../cast';
import { strict1 } from './args';

/** Builds the converter used by `cast` nodes. */
export function buildCast(inner: CompiledExpr, from: DataType, to: DataType, safe: boolean): CompiledExpr {
  const conv = castConverter(from, to);
  if (!safe) return strict1(inner, conv);
  return (row) => {
    const v = inner(row);
    if (v === null) return null;
    try {
      return conv(v);
    } catch (e) {
      if (e instanceof ExprError) return null;
      throw e;
    }
  };
}
