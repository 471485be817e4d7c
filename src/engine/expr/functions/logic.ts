// Logic: AND, OR, NOT (three-valued) and the IS [NOT] NULL / TRUE / FALSE tests, which never
// return NULL.
import type { CompiledExpr } from '../ir';
import { type Builder, def } from './registry';

/**
 * AND (`decisive` false) and OR (`decisive` true): the decisive value wins whatever the other
 * operands are; otherwise NULL if any operand is NULL, else the other truth value.
 */
function junction(decisive: boolean): Builder {
  const otherwise = !decisive;
  return (args) => {
    if (args.length === 2) {
      const [a, b] = args as [CompiledExpr, CompiledExpr];
      return (row) => {
        const x = a(row);
        if (x === decisive) return decisive;
        const y = b(row);
        if (y === decisive) return decisive;
        return x === null || y === null ? null : otherwise;
      };
    }
    return (row) => {
      let unknown = false;
      for (const f of args) {
        const v = f(row);
        if (v === decisive) return decisive;
        if (v === null) unknown = true;
      }
      return unknown ? null : otherwise;
    };
  };
}
def(['and'], junction(false));
def(['or'], junction(true));
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
