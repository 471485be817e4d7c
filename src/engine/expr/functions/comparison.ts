// Comparison: = <> < <= > >=, IS [NOT] DISTINCT FROM, BETWEEN [SYMMETRIC] and IN, with SQL's
// three-valued logic (a NULL operand gives NULL unless the answer cannot depend on it).
import type { Value } from '../../types';
import { type Builder, def } from './registry';
import { compare } from './args';

function cmpBuilder(test: (c: number) => boolean): Builder {
  return ([a, b], [ea, eb]) => {
    // Specialize column-vs-constant, the shape of most filters.
    if (eb!.op === 'lit' && eb!.value !== null) {
      const k = eb!.value;
      return (row) => {
        const x = a!(row);
        return x === null ? null : test(compare(x, k));
      };
    }
    if (eb!.op === 'lit' && eb!.value === null) return () => null;
    void ea;
    return (row) => {
      const x = a!(row);
      if (x === null) return null;
      const y = b!(row);
      return y === null ? null : test(compare(x, y));
    };
  };
}
def(['='], ([a, b], [, eb]) => {
  if (eb!.op === 'lit' && eb!.value !== null) {
    const k = eb!.value;
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
def(['<>'], ([a, b]) => (row) => {
  const x = a!(row);
  if (x === null) return null;
  const y = b!(row);
  return y === null ? null : x !== y;
});
def(['<'], cmpBuilder((c) => c < 0));
def(['<='], cmpBuilder((c) => c <= 0));
def(['>'], cmpBuilder((c) => c > 0));
def(['>='], cmpBuilder((c) => c >= 0));

def(['is_distinct_from'], ([a, b]) => (row) => {
  const x = a!(row);
  const y = b!(row);
  return x !== y;
});
def(['is_not_distinct_from'], ([a, b]) => (row) => a!(row) === b!(row));

function andOf(x: Value, y: Value): Value {
  if (x === false || y === false) return false;
  if (x === null || y === null) return null;
  return true;
}

def(['between'], ([x, lo, hi]) => (row) => {
  const v = x!(row);
  if (v === null) return null;
  const l = lo!(row);
  const h = hi!(row);
  return andOf(l === null ? null : compare(v, l) >= 0, h === null ? null : compare(v, h) <= 0);
});
def(['between_symmetric'], ([x, lo, hi]) => (row) => {
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
});

def(['in'], ([x, ...list], [, ...exprs]) => {
  const allConst = exprs.every((e) => e.op === 'lit');
  if (allConst) {
    const set = new Set<Value>();
    let hasNull = false;
    for (const e of exprs) {
      const v = (e as { value: Value }).value;
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
