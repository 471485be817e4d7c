// Logic: AND, OR, NOT (three-valued) and the IS [NOT] NULL / TRUE / FALSE tests, which never
// return NULL.
import type { CompiledExpr } from '../ir';
import { def } from './registry';

def(['and'], (args) => {
  if (args.length === 2) {
    const [a, b] = args as [CompiledExpr, CompiledExpr];
    return (row) => {
      const x = a(row);
      if (x === false) return false;
      const y = b(row);
      if (y === false) return false;
      return x === null || y === null ? null : true;
    };
  }
  return (row) => {
    let unknown = false;
    for (const f of args) {
      const v = f(row);
      if (v === false) return false;
      if (v === null) unknown = true;
    }
    return unknown ? null : true;
  };
});
def(['or'], (args) => {
  if (args.length === 2) {
    const [a, b] = args as [CompiledExpr, CompiledExpr];
    return (row) => {
      const x = a(row);
      if (x === true) return true;
      const y = b(row);
      if (y === true) return true;
      return x === null || y === null ? null : false;
    };
  }
  return (row) => {
    let unknown = false;
    for (const f of args) {
      const v = f(row);
      if (v === true) return true;
      if (v === null) unknown = true;
    }
    return unknown ? null : false;
  };
});
def(['not'], ([a]) => (row) => {
  const v = a!(row);
  return v === null ? null : !v;
});
def(['is_null'], ([a]) => (row) => a!(row) === null);
def(['is_not_null'], ([a]) => (row) => a!(row) !== null);
def(['is_true'], ([a]) => (row) => a!(row) === true);
def(['is_not_true'], ([a]) => (row) => a!(row) !== true);
def(['is_false'], ([a]) => (row) => a!(row) === false);
def(['is_not_false'], ([a]) => (row) => a!(row) !== false);
