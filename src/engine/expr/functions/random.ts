// RAND and RAND_INTEGER. Without a seed they draw from the simulation's seeded stream (the
// EvalContext's `random`), so a script and seed reproduce a run; with a seed they are Java's
// java.util.Random seeded with it, as Flink's generated code creates one per operator instance:
// RAND(42) gives the numbers Flink's RAND(42) gives.
import type { CompiledExpr } from '../ir';
import { ExprError } from '../cast';
import { def } from './registry';

/** java.util.Random: a 48-bit linear congruential generator (its exact sequence). */
export class JavaRandom {
  private seed: bigint;
  private static readonly MULTIPLIER = 0x5deece66dn;
  private static readonly MASK = (1n << 48n) - 1n;
  constructor(seed: bigint) {
    this.seed = (seed ^ JavaRandom.MULTIPLIER) & JavaRandom.MASK;
  }
  private next(bits: number): number {
    this.seed = (this.seed * JavaRandom.MULTIPLIER + 0xbn) & JavaRandom.MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }
  nextDouble(): number {
    return (this.next(26) * 134217728 + (this.next(27) >>> 0)) / 9007199254740992;
  }
  nextInt(bound: number): number {
    if (bound <= 0) throw new ExprError(`RAND_INTEGER: the bound must be positive, got ${bound}`);
    if ((bound & -bound) === bound) return Number((BigInt(bound) * BigInt(this.next(31))) >> 31n);
    let bits: number;
    let val: number;
    do {
      bits = this.next(31);
      val = bits % bound;
    } while (bits - val + (bound - 1) > 2147483647);
    return val;
  }
}

/** The first argument as a constant seed, or undefined when it is not a literal. */
function seedOf(e: { op: string; value?: unknown } | undefined): bigint | undefined {
  if (e === undefined || e.op !== 'lit' || typeof e.value !== 'number') return undefined;
  return BigInt(Math.trunc(e.value));
}

def(['rand'], (args, exprs, _type, ctx) => {
  if (args.length === 0) {
    const draw = ctx.random;
    if (!draw) throw new ExprError('RAND() needs the simulation here');
    return () => draw();
  }
  const seed = seedOf(exprs[0]);
  if (seed === undefined) throw new ExprError('the seed of RAND(seed) must be a constant');
  const rng = new JavaRandom(seed);
  return () => rng.nextDouble();
});

def(['rand_integer'], (args, exprs, _type, ctx) => {
  if (args.length === 1) {
    const draw = ctx.random;
    if (!draw) throw new ExprError('RAND_INTEGER() needs the simulation here');
    const bound = args[0]!;
    const f: CompiledExpr = (row) => {
      const b = bound(row);
      if (b === null) return null;
      if ((b as number) <= 0) throw new ExprError(`RAND_INTEGER: the bound must be positive, got ${String(b)}`);
      return Math.floor(draw() * (b as number));
    };
    return f;
  }
  const seed = seedOf(exprs[0]);
  if (seed === undefined) throw new ExprError('the seed of RAND_INTEGER(seed, bound) must be a constant');
  const rng = new JavaRandom(seed);
  const bound = args[1]!;
  return (row) => {
    const b = bound(row);
    return b === null ? null : rng.nextInt(b as number);
  };
});
