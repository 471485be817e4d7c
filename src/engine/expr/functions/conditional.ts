// Conditional: COALESCE, IFNULL, IF, NULLIF, GREATEST, LEAST.
import { def } from './registry';
import { strictN, compare } from './args';

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
def(['nullif'], ([a, b]) => (row) => {
  const x = a!(row);
  if (x === null) return null;
  const y = b!(row);
  return y !== null && x === y ? null : x;
});
def(['greatest'], (args) =>
  strictN(args, (xs) => xs.reduce((m, x) => (compare(x, m) > 0 ? x : m))),
);
def(['least'], (args) =>
  strictN(args, (xs) => xs.reduce((m, x) => (compare(x, m) < 0 ? x : m))),
);
