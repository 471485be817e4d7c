// Arithmetic: + - * / MOD, negation and the numeric functions (ROUND, FLOOR, POWER, ...).
//
// Deliberate semantics (Flink's):
// - `/` on two integer operands is integer division truncating toward zero (Flink: 7 / 2 = 3).
//   DuckDB's `/` gives 3.5; differential tests cast to DOUBLE first.
// - Integer and DECIMAL division or MOD by zero throw (Flink raises ArithmeticException and the
//   job fails); FLOAT/DOUBLE follow IEEE (Infinity, NaN), as Java does.
// - INT/SMALLINT/TINYINT arithmetic wraps on overflow like Java's int; BIGINT is exact over the
//   whole long range and wraps like Java's long (common/int64.ts).
// - DECIMAL is exact (common/decimal-arith.ts): Flink's BigDecimal result, HALF_UP to the result
//   scale, NULL when it does not fit the result precision.
// Operands come in their own types (numbers, or bigints for BIGINT and wide DECIMAL); a DOUBLE
// result reads bigint operands as doubles.
import type { DataType, Value } from '../../types';
import { ExprError, roundHalfUp, wrapInt } from '../cast';
import { MS_PER_DAY } from '../../common/calendar';
import type { Exact } from '../../common/decimal';
import { absolute, decimalAdd, decimalDiv, decimalMod, decimalMul, decimalRound, decimalSub, isZero, negate, signum } from '../../common/decimal-arith';
import { longAdd, longDiv, longMul, longNeg, longRem, longSub, wrapLong } from '../../common/int64';
import { exactScale, inRepr } from '../exact';
import type { BoundExpr, CompiledExpr } from '../ir';
import { familyOf } from '../typeutil';
import { type Builder, def } from './registry';
import { type NN, strict1, strict2, numericResult } from './args';

type DecimalOp = (x: Exact, sx: number, y: Exact, sy: number, precision: number, scale: number) => Exact | null;
type LongOp = (x: Exact, y: Exact) => Exact;

/**
 * An arithmetic operator on numeric operands by its result type: `long` for BIGINT, `decimal`
 * for DECIMAL, `plain` (on numbers) for the rest, with bigint operands read as doubles there.
 */
function numericOp(
  [a, b]: CompiledExpr[],
  [ea, eb]: BoundExpr[],
  type: DataType,
  ops: { long: LongOp; decimal: DecimalOp; plain: (x: NN, y: NN) => Value; zeroCheck: boolean },
): CompiledExpr {
  const zeroCheck = ops.zeroCheck;
  if (type.name === 'BIGINT') {
    const long = ops.long;
    return strict2(a!, b!, (x, y) => {
      if (zeroCheck && y === 0) throw new ExprError('division by zero');
      return long(x as Exact, y as Exact);
    });
  }
  if (type.name === 'DECIMAL') {
    const dec = ops.decimal;
    const sx = exactScale(ea!.type);
    const sy = exactScale(eb!.type);
    const p = type.precision ?? 10;
    const s = type.scale ?? 0;
    return strict2(a!, b!, (x, y) => {
      if (zeroCheck && isZero(y as Exact)) throw new ExprError('division by zero');
      return dec(x as Exact, sx, y as Exact, sy, p, s);
    });
  }
  // Operands that cannot be bigints pass as they are: the hot DOUBLE path is one closure as before.
  return strict2(inRepr(a!, ea!.type, type), inRepr(b!, eb!.type, type), ops.plain);
}

def(['+'], (args, exprs, type) => {
  const [a, b] = args;
  const [ea, eb] = exprs;
  const fa = familyOf(ea!.type);
  const fb = familyOf(eb!.type);
  if (type.name === 'DATE') {
    // DATE + INTERVAL (ms) -> DATE
    const [d, iv] = fa === 'date' ? [a!, b!] : [b!, a!];
    return strict2(d, iv, (x, y) => (x as number) + Math.trunc((y as number) / MS_PER_DAY));
  }
  if (fa === 'timestamp' || fb === 'timestamp' || (fa === 'interval' && fb === 'interval')) {
    return strict2(a!, b!, (x, y) => (x as number) + (y as number));
  }
  if (type.name === 'INT') {
    return (row) => {
      const x = a!(row);
      if (x === null) return null;
      const y = b!(row);
      return y === null ? null : ((x as number) + (y as number)) | 0;
    };
  }
  const out = numericResult(type);
  return numericOp(args, exprs, type, { long: longAdd, decimal: decimalAdd, plain: (x, y) => out((x as number) + (y as number)), zeroCheck: false });
});

def(['-'], (args, exprs, type) => {
  const [a, b] = args;
  const [ea] = exprs;
  if (type.name === 'DATE') {
    return strict2(a!, b!, (x, y) => (x as number) - Math.trunc((y as number) / MS_PER_DAY));
  }
  if (familyOf(ea!.type) === 'timestamp' || familyOf(ea!.type) === 'interval') {
    return strict2(a!, b!, (x, y) => (x as number) - (y as number));
  }
  const out = numericResult(type);
  return numericOp(args, exprs, type, { long: longSub, decimal: decimalSub, plain: (x, y) => out((x as number) - (y as number)), zeroCheck: false });
});

def(['*'], (args, exprs, type) => {
  const [a, b] = args;
  const [ea] = exprs;
  if (type.name === 'INT') return strict2(a!, b!, (x, y) => Math.imul(x as number, y as number));
  if (familyOf(type) === 'interval') {
    const [iv, n] = familyOf(ea!.type) === 'interval' ? [a!, b!] : [b!, a!];
    return strict2(iv, n, (x, y) => Math.trunc((x as number) * Number(y)));
  }
  const out = numericResult(type);
  return numericOp(args, exprs, type, { long: longMul, decimal: decimalMul, plain: (x, y) => out((x as number) * (y as number)), zeroCheck: false });
});

def(['/'], (args, exprs, type) => {
  const [a, b] = args;
  const f = familyOf(type);
  if (f === 'interval') return strict2(a!, b!, (x, y) => Math.trunc((x as number) / Number(y)));
  if (f === 'integer' && type.name !== 'BIGINT') {
    const name = type.name;
    return strict2(a!, b!, (x, y) => {
      if (y === 0) throw new ExprError('division by zero');
      return wrapInt(Math.trunc((x as number) / (y as number)), name);
    });
  }
  const out = numericResult(type);
  return numericOp(args, exprs, type, { long: longDiv, decimal: decimalDiv, plain: (x, y) => out((x as number) / (y as number)), zeroCheck: true });
});

const modBuilder: Builder = (args, exprs, type) => {
  const [a, b] = args;
  const f = familyOf(type);
  if (f === 'integer' && type.name !== 'BIGINT') {
    const out = numericResult(type);
    return strict2(a!, b!, (x, y) => {
      if (y === 0) throw new ExprError('division by zero');
      return out((x as number) % (y as number));
    });
  }
  // BIGINT and DECIMAL MOD by zero fail as Java's; FLOAT/DOUBLE give NaN (IEEE).
  const zeroCheck = f === 'integer' || f === 'decimal';
  return numericOp(args, exprs, type, { long: longRem, decimal: decimalMod, plain: (x, y) => (x as number) % (y as number), zeroCheck });
};
def(['%', 'mod'], modBuilder);

def(['neg'], ([a], _e, type) => {
  if (type.name === 'BIGINT') return strict1(a!, (x) => longNeg(x as Exact));
  if (type.name === 'DECIMAL') return strict1(a!, (x) => negate(x as Exact));
  const out = numericResult(type);
  return strict1(a!, (x) => out(-(x as number)));
});

def(['abs'], ([a], _e, type) => {
  // Java's Math.abs(Long.MIN_VALUE) is Long.MIN_VALUE: the wrap keeps it.
  if (type.name === 'BIGINT') return strict1(a!, (x) => (typeof x === 'bigint' ? wrapLong(x < 0n ? -x : x) : Math.abs(x as number)));
  if (type.name === 'DECIMAL') return strict1(a!, (x) => absolute(x as Exact));
  const out = numericResult(type);
  return strict1(a!, (x) => out(Math.abs(x as number)));
});

/**
 * ROUND / TRUNCATE / FLOOR / CEIL of a BIGINT or DECIMAL argument, exact. `digits` is the
 * constant or per-row digit count (0 for FLOOR and CEIL).
 */
function exactRounding(a: CompiledExpr, argType: DataType, type: DataType, digits: CompiledExpr | null, mode: 'half-up' | 'down' | 'floor' | 'ceil'): CompiledExpr {
  const s = exactScale(argType);
  const rs = exactScale(type);
  if (s === 0 && digits === null) return a; // an integer is its own FLOOR, CEIL, ROUND
  if (!digits) return strict1(a, (x) => decimalRound(x as Exact, s, 0, rs, mode));
  return strict2(a, digits, (x, d) => decimalRound(x as Exact, s, Number(d), rs, mode));
}

function isExactType(t: DataType): boolean {
  return t.name === 'BIGINT' || t.name === 'DECIMAL';
}

def(['round'], ([a, d], [ea, ed], type) => {
  if (isExactType(ea!.type)) return exactRounding(a!, ea!.type, type, d ?? null, 'half-up');
  const out = numericResult(type);
  if (!d) return strict1(a!, (x) => out(roundHalfUp(x as number, 0)));
  const cd = ed?.op === 'lit' ? ed.value : undefined;
  if (typeof cd === 'number') return strict1(a!, (x) => out(roundHalfUp(x as number, cd)));
  return strict2(a!, d, (x, y) => out(roundHalfUp(x as number, Number(y))));
});

def(['truncate'], ([a, d], [ea], type) => {
  if (isExactType(ea!.type)) return exactRounding(a!, ea!.type, type, d ?? null, 'down');
  const out = numericResult(type);
  const tr = (x: number, n: number) => {
    const f = Math.pow(10, n);
    return Math.trunc(x * f) / f;
  };
  if (!d) return strict1(a!, (x) => out(Math.trunc(x as number)));
  return strict2(a!, d, (x, y) => out(tr(x as number, Number(y))));
});

def(['floor'], ([a], [ea], type) => {
  if (isExactType(ea!.type)) return exactRounding(a!, ea!.type, type, null, 'floor');
  const out = numericResult(type);
  return strict1(a!, (x) => out(Math.floor(x as number)));
});
def(['ceil'], ([a], [ea], type) => {
  if (isExactType(ea!.type)) return exactRounding(a!, ea!.type, type, null, 'ceil');
  const out = numericResult(type);
  return strict1(a!, (x) => out(Math.ceil(x as number)));
});
def(['power'], ([a, b]) => strict2(a!, b!, (x, y) => Math.pow(x as number, y as number)));
def(['sqrt'], ([a]) => strict1(a!, (x) => Math.sqrt(x as number)));
def(['exp'], ([a]) => strict1(a!, (x) => Math.exp(x as number)));
def(['ln'], ([a]) => strict1(a!, (x) => Math.log(x as number)));
def(['log10'], ([a]) => strict1(a!, (x) => Math.log10(x as number)));
def(['log2'], ([a]) => strict1(a!, (x) => Math.log2(x as number)));
def(['sign'], ([a], _e, type) => {
  const out = numericResult(type);
  return strict1(a!, (x) => out(signum(x as Exact)));
});
