// Comparison: = <> < <= > >=, IS [NOT] DISTINCT FROM, BETWEEN [SYMMETRIC] and IN, with SQL's
// three-valued logic (a NULL operand gives NULL unless the answer cannot depend on it).
// Numeric operands of different types are first brought to their common type's representation
// (a bigint's meaning depends on its type's scale, see expr/exact.ts).
import type { DataType, Value } from '../../types';
import type { BoundExpr, CompiledExpr } from '../ir';
import { commonNumeric, isNumeric } from '../typeutil';
import { comparatorOf, inRepr, plainCompare, reprConverter } from '../exact';
import { type Builder, def } from './registry';

type NN = Exclude<Value, null>;

interface Aligned {
  args: CompiledExpr[];
  /** Constant operands (literals) in the common representation; undefined for non-literals. */
  consts: (Value | undefined)[];
  compare: (x: NN, y: NN) => number;
}

/** The operands of a comparison in one representation, and the comparison of that type. */
export function align(args: CompiledExpr[], exprs: BoundExpr[]): Aligned {
  const numeric = exprs.every((e) => isNumeric(e.type) || e.type.name === 'NULL');
  let common: DataType | null = null;
  if (numeric)
    for (const e of exprs)
      if (e.type.name !== 'NULL') common = common ? commonNumeric(common, e.type) : e.type;
  if (!common) {
    return {
      args,
      consts: exprs.map((e) => (e.op === 'lit' ? e.value : undefined)),
      compare: plainCompare,
    };
  }
  const to = common;
  return {
    args: args.map((a, i) => inRepr(a, exprs[i]!.type, to)),
    consts: exprs.map((e) => {
      if (e.op !== 'lit') return undefined;
      const conv = e.value === null ? null : reprConverter(e.type, to);
      return conv ? conv(e.value as NN) : e.value;
    }),
    compare: comparatorOf(to),
  };
}

function cmpBuilder(test: (c: number) => boolean): Builder {
  return (rawArgs, exprs) => {
    const { args, consts, compare } = align(rawArgs, exprs);
    const [a, b] = args;
    // Specialize column-vs-constant, the shape of most filters.
    if (consts[1] !== undefined && consts[1] !== null) {
      const k = consts[1];
      return (row) => {
        const x = a!(row);
        return x === null ? null : test(compare(x, k));
      };
    }
    if (consts[1] === null) return () => null;
    return (row) => {
      const x = a!(row);
      if (x === null) return null;
      const y = b!(row);
      return y === null ? null : test(compare(x, y));
    };
  };
}
// Values of one type are canonical (one representation per value), so = is ===.
def(['='], (rawArgs, exprs) => {
  const { args, consts } = align(rawArgs, exprs);
  const [a, b] = args;
  if (consts[1] !== undefined && consts[1] !== null) {
    const k = consts[1];
    return (row) => {
      const x = a!(row);
      return x === null ? null : x === k;
    };
  }
  return (row) => {
    const x = a!(row);
    if (x === null) return null;
    const y = b!(row);
    return y === null ? null : x === y;
  };
});
def(['<>'], (rawArgs, exprs) => {
  const [a, b] = align(rawArgs, exprs).args;
  return (row) => {
    const x = a!(row);
    if (x === null) return null;
    const y = b!(row);
    return y === null ? null : x !== y;
  };
});
def(
  ['<'],
  cmpBuilder((c) => c < 0),
);
def(
  ['<='],
  cmpBuilder((c) => c <= 0),
);
def(
  ['>'],
  cmpBuilder((c) => c > 0),
);
def(
  ['>='],
  cmpBuilder((c) => c >= 0),
);

def(['is_distinct_from'], (rawArgs, exprs) => {
  const [a, b] = align(rawArgs, exprs).args;
  return (row) => a!(row) !== b!(row);
});
def(['is_not_distinct_from'], (rawArgs, exprs) => {
  const [a, b] = align(rawArgs, exprs).args;
  return (row) => a!(row) === b!(row);
});

function andOf(x: Value, y: Value): Value {
  if (x === false || y === false) return false;
  if (x === null || y === null) return null;
  return true;
}

def(['between'], (rawArgs, exprs) => {
  const { args, compare } = align(rawArgs, exprs);
  const [x, lo, hi] = args;
  return (row) => {
    const v = x!(row);
    if (v === null) return null;
    const l = lo!(row);
    const h = hi!(row);
    return andOf(l === null ? null : compare(v, l) >= 0, h === null ? null : compare(v, h) <= 0);
  };
});
def(['between_symmetric'], (rawArgs, exprs) => {
  const { args, compare } = align(rawArgs, exprs);
  const [x, lo, hi] = args;
  return (row) => {
    const v = x!(row);
    if (v === null) return null;
    const l = lo!(row);
    const h = hi!(row);
    if (l === null || h === null) {
      // One bound unknown: true only if it cannot matter.
      const known = l === null ? h : l;
      if (known === null) return null;
      return compare(v, known) === 0 ? true : null;
    }
    const [a, b] = compare(l, h) <= 0 ? [l, h] : [h, l];
    return compare(v, a) >= 0 && compare(v, b) <= 0;
  };
});

def(['in'], (rawArgs, allExprs) => {
  const { args, consts } = align(rawArgs, allExprs);
  const [x, ...list] = args;
  const exprs = allExprs.slice(1);
  const allConst = exprs.every((e) => e.op === 'lit');
  if (allConst) {
    const set = new Set<Value>();
    let hasNull = false;
    for (let i = 0; i < exprs.length; i++) {
      const v = consts[i + 1]!;
      if (v === null) hasNull = true;
      else set.add(v);
    }
    return (row) => {
      const v = x!(row);
      if (v === null) return null;
      if (set.has(v)) return true;
      return hasNull ? null : false;
    };
  }
  return (row) => {
    const v = x!(row);
    if (v === null) return null;
    let sawNull = false;
    for (const f of list) {
      const w = f(row);
      if (w === null) sawNull = true;
      else if (w === v) return true;
    }
    return sawNull ? null : false;
  };
});
