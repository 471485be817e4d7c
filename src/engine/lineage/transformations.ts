// Transformations as small integers, so a column's dependencies compose with bit operations.
// A code is a subtype (in OpenLineage's Spark integration's order, which its merge rule uses)
// plus MASKED when the value was obfuscated; a set of codes is a bit mask.
import type { DirectSubtype, IndirectSubtype, LineageTransformation } from './types';

const SUBTYPES = ['AGGREGATION', 'TRANSFORMATION', 'IDENTITY', 'CONDITIONAL', 'SORT', 'GROUP_BY', 'JOIN', 'FILTER', 'WINDOW'] as const;
type Subtype = (typeof SUBTYPES)[number];
const FIRST_INDIRECT = 3;
const MASKED = SUBTYPES.length;

/** A transformation code: a subtype's position, plus MASKED. */
export type Code = number;
/** A set of codes, bit `code` set for each. */
export type CodeSet = number;

export const code = (subtype: Subtype, masking = false): Code => SUBTYPES.indexOf(subtype) + (masking ? MASKED : 0);

export const IDENTITY = code('IDENTITY');
export const TRANSFORMATION = code('TRANSFORMATION');
export const AGGREGATION = code('AGGREGATION');
export const AGGREGATION_MASKED = code('AGGREGATION', true);
export const CONDITIONAL = code('CONDITIONAL');
export const SORT = code('SORT');
export const GROUP_BY = code('GROUP_BY');
export const JOIN = code('JOIN');
export const FILTER = code('FILTER');
export const WINDOW = code('WINDOW');

const subtypeOf = (c: Code) => c % MASKED;
const maskedOf = (c: Code) => c >= MASKED;
export const isIndirect = (c: Code) => subtypeOf(c) >= FIRST_INDIRECT;

/**
 * The transformation from a to c, when `inner` takes a to b and `outer` takes b to c (OpenLineage
 * Spark's TransformationInfo.merge): an indirect outer wins, else an indirect inner, else the
 * stronger direct one (AGGREGATION over TRANSFORMATION over IDENTITY); masking sticks.
 */
export function merge(outer: Code, inner: Code): Code {
  const o = subtypeOf(outer);
  const i = subtypeOf(inner);
  const sub = o >= FIRST_INDIRECT ? o : i >= FIRST_INDIRECT ? i : Math.min(o, i);
  return sub + (maskedOf(outer) || maskedOf(inner) ? MASKED : 0);
}

/** Every code of `inner` merged under `outer`. */
export function mergeSet(outer: Code, inner: CodeSet): CodeSet {
  let out = 0;
  for (let c = 0, bits = inner; bits !== 0; c++, bits >>>= 1) if (bits & 1) out |= 1 << merge(outer, c);
  return out;
}

/** Every pair of codes of the two sets merged. */
export function mergeSets(outer: CodeSet, inner: CodeSet): CodeSet {
  let out = 0;
  for (let c = 0, bits = outer; bits !== 0; c++, bits >>>= 1) if (bits & 1) out |= mergeSet(c, inner);
  return out;
}

export const setOf = (c: Code): CodeSet => 1 << c;

/** The order transformations are listed in: OpenLineage's documentation's. */
const LISTED: readonly Subtype[] = ['IDENTITY', 'TRANSFORMATION', 'AGGREGATION', 'JOIN', 'GROUP_BY', 'FILTER', 'SORT', 'WINDOW', 'CONDITIONAL'];

/** The set as OpenLineage transformations, DIRECT ones first. */
export function toTransformations(set: CodeSet): LineageTransformation[] {
  const out: LineageTransformation[] = [];
  for (const subtype of LISTED)
    for (const masking of [false, true]) {
      const c = code(subtype, masking);
      if (!(set & (1 << c))) continue;
      out.push(isIndirect(c) ? { type: 'INDIRECT', subtype: subtype as IndirectSubtype, masking } : { type: 'DIRECT', subtype: subtype as DirectSubtype, masking });
    }
  return out;
}

/** The set of OpenLineage transformations given (the inverse of toTransformations). */
export function fromTransformations(ts: readonly LineageTransformation[]): CodeSet {
  let set = 0;
  for (const t of ts) set |= setOf(code(t.subtype, t.masking));
  return set;
}
