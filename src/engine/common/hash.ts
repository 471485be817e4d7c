// The engine's 32-bit hashes, each with one job. Their outputs are part of what a seed reproduces:
// `fnv1a32` picks the Kafka partition of a record and seeds every `Random.fork` stream (so every
// generated value), `fmix32` places state keys on subtasks. Changing any of them moves records
// between partitions and changes datagen data, so their values are pinned by hash.test.ts.

/** FNV-1a's 32-bit offset basis: the seed of a plain FNV-1a hash. */
export const FNV1A_OFFSET_BASIS = 0x811c9dc5;

/**
 * Plain 32-bit FNV-1a over the UTF-16 code units of `text`, starting from `seed`; no finaliser,
 * so similar strings give similar low bits. Use it where its exact values are already relied on
 * (Kafka partitions, Random.fork); prefer `fnv1a32Fmix` for new bucketing.
 */
export function fnv1a32(text: string, seed = FNV1A_OFFSET_BASIS): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's fmix32 finaliser: every input bit flips each output bit with probability about 1/2. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of `text` (from the offset basis) finalised with fmix32: well spread even in its low bits. */
export function fnv1a32Fmix(text: string): number {
  return fmix32(fnv1a32(text));
}

/** One step of splitmix32: a good 32-bit mixer for seeding and hashing integers. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Mixes two 32-bit values into one (order matters). */
export function combine32(a: number, b: number): number {
  return mix32((Math.imul(a >>> 0, 0x9e3779b1) ^ mix32(b >>> 0)) >>> 0);
}
