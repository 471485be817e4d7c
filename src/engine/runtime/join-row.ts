// The output rows of a two-input join (interval, window): left columns, then right columns. A
// pair joins only when the residual ON condition is TRUE over that row; a row of an outer side
// that met nothing is padded with NULLs for the other side's columns.
import type { Row, Value } from '../types';
import type { CompiledExpr } from '../expr/ir';

export class JoinRowBuilder {
  /** The joined row the residual is evaluated over, reused so a failing pair allocates nothing. */
  private readonly scratch: Value[];

  constructor(
    private readonly leftArity: number,
    private readonly rightArity: number,
    private readonly residual: CompiledExpr | null | undefined,
  ) {
    this.scratch = new Array<Value>(leftArity + rightArity).fill(null);
  }

  /** `l ++ r` when the residual holds (or there is none), else null. */
  joined(l: Row, r: Row): Row | null {
    const res = this.residual;
    if (res) {
      const j = this.scratch;
      for (let i = 0; i < l.length; i++) j[i] = l[i]!;
      for (let i = 0; i < r.length; i++) j[l.length + i] = r[i]!;
      if (res(j) !== true) return null;
    }
    return [...l, ...r];
  }

  /** A left row that met nothing: `l ++ NULLs`. */
  padLeft(l: Row): Row {
    return [...l, ...new Array<Value>(this.rightArity).fill(null)];
  }

  /** A right row that met nothing: `NULLs ++ r`. */
  padRight(r: Row): Row {
    return [...new Array<Value>(this.leftArity).fill(null), ...r];
  }
}
