// Arithmetic: + - * / MOD, negation and the numeric functions (ROUND, FLOOR, POWER, ...).
//
// Deliberate semantics (Flink's):
// - `/` on two integer operands is integer division truncating toward zero (Flink: 7 / 2 = 3).
//   DuckDB's `/` gives 3.5; differential tests cast to DOUBLE first.
// - Integer and DECIMAL division or MOD by zero throw (Flink raises ArithmeticException and the
//   job fails); FLOAT/DOUBLE follow IEEE (Infinity, NaN), as Java does.
// - INT/SMALLINT/TINYINT arithmetic wraps on overflow like Java; BIGINT is a JS number
//   (exact to 2^53).
import { ExprError, roundHalfUp, wrapInt } from '../cast';
import { MS_PER_DAY } from '../../common/calendar';
import { familyOf } from '../typeutil';
import { type Builder, def } from './registry';
import { strict1, strict2, numericResult } from './args';

def(['+'], ([a, b], [ea, eb], type) => {
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
  const out = numericResult(type);
  if (type.name === 'INT') {
    return (row) => {
      const x = a!(row);
      if (x === null) return null;
      const y = b!(row);
      return y === null ? null : ((x as number) + (y as number)) | 0;
    };
  }
  return strict2(a!, b!, (x, y) => out((x as number) + (y as number)));
});

def(['-'], ([a, b], [ea], type) => {
  if (type.name === 'DATE') {
    return strict2(a!, b!, (x, y) => (x as number) - Math.trunc((y as number) / MS_PER_DAY));
  }
  if (familyOf(ea!.type) === 'timestamp' || familyOf(ea!.type) === 'interval') {
    return strict2(a!, b!, (x, y) => (x as number) - (y as number));
  }
  const out = numericResult(type);
  return strict2(a!, b!, (x, y) => out((x as number) - (y as number)));
});

def(['*'], ([a, b], [ea, eb], type) => {
  if (type.name === 'INT') return strict2(a!, b!, (x, y) => Math.imul(x as number, y as number));
  if (familyOf(type) === 'interval') {
    const [iv, n] = familyOf(ea!.type) === 'interval' ? [a!, b!] : [b!, a!];
    void eb;
    return strict2(iv, n, (x, y) => Math.trunc((x as number) * (y as number)));
  }
  const out = numericResult(type);
  return strict2(a!, b!, (x, y) => out((x as number) * (y as number)));
});

def(['/'], ([a, b], _e, type) => {
  const f = familyOf(type);
  if (f === 'integer') {
    const name = type.name;
    return strict2(a!, b!, (x, y) => {
      if (y === 0) throw new ExprError('division by zero');
      return wrapInt(Math.trunc((x as number) / (y as number)), name);
    });
  }
  if (f === 'decimal') {
    const s = type.scale ?? 0;
    return strict2(a!, b!, (x, y) => {
      if (y === 0) throw new ExprError('division by zero');
      return roundHalfUp((x as number) / (y as number), s);
    });
  }
  if (f === 'interval') return strict2(a!, b!, (x, y) => Math.trunc((x as number) / (y as number)));
  const out = numericResult(type);
  return strict2(a!, b!, (x, y) => out((x as number) / (y as number)));
});

const modBuilder: Builder = ([a, b], _e, type) => {
  const f = familyOf(type);
  const out = numericResult(type);
  if (f === 'integer' || f === 'decimal') {
    return strict2(a!, b!, (x, y) => {
      if (y === 0) throw new ExprError('division by zero');
      return out((x as number) % (y as number));
    });
  }
  return strict2(a!, b!, (x, y) => (x as number) % (y as number));
};
def(['%', 'mod'], modBuilder);

def(['neg'], ([a], _e, type) => {
  const out = numericResult(type);
  return strict1(a!, (x) => out(-(x as number)));
});

def(['abs'], ([a], _e, type) => {
  const out = numericResult(type);
  return strict1(a!, (x) => out(Math.abs(x as number)));
});

def(['round'], ([a, d], [, ed], type) => {
  const out = numericResult(type);
  if (!d) return strict1(a!, (x) => out(roundHalfUp(x as number, 0)));
  const cd = ed?.op === 'lit' ? ed.value : undefined;
  if (typeof cd === 'number') return strict1(a!, (x) => out(roundHalfUp(x as number, cd)));
  return strict2(a!, d, (x, y) => out(roundHalfUp(x as number, y as number)));
});

def(['truncate'], ([a, d], _e, type) => {
  const out = numericResult(type);
  const tr = (x: number, n: number) => {
    const f = Math.pow(10, n);
    return Math.trunc(x * f) / f;
  };
  if (!d) return strict1(a!, (x) => out(Math.trunc(x as number)));
  return strict2(a!, d, (x, y) => out(tr(x as number, y as number)));
});

def(['floor'], ([a], _e, type) => {
  const out = numericResult(type);
  return strict1(a!, (x) => out(Math.floor(x as number)));
});
def(['ceil'], ([a], _e, type) => {
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
  return strict1(a!, (x) => out(Math.sign(x as number)));
});
