// Conditional: COALESCE, IFNULL, IF, NULLIF, GREATEST, LEAST.
import { def } from './registry';
import { strictN } from './args';
import { align } from './comparison';

def(['coalesce'], (args) => (row) => {
  for (const f of args) {
    const v = f(row);
    if (v !== null) return v;
  }
  return null;
});
def(['ifnull'], ([a, b]) => (row) => {
  const v = a!(row);
  return v !== null ? v : b!(row);
});
def(['if'], ([c, t, e]) => (row) => (c!(row) === true ? t!(row) : e!(row)));
def(['nullif'], ([a, b], exprs) => {
  // Compared in the common type; the result is the first argument as it is.
  const [x2, y2] = align([a!, b!], exprs).args;
  return (row) => {
    const x = a!(row);
    if (x === null) return null;
    const y = y2!(row);
    return y !== null && x2!(row) === y ? null : x;
  };
});
// The binder gives every argument the result type, so they share one representation.
def(['greatest'], (args, exprs) => {
  const { compare } = align(args, exprs);
  return strictN(args, (xs) => xs.reduce((m, x) => (compare(x, m) > 0 ? x : m)));
});
def(['least'], (args, exprs) => {
  const { compare } = align(args, exprs);
  return strictN(args, (xs) => xs.reduce((m, x) => (compare(x, m) < 0 ? x : m)));
});
