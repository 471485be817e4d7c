// State TTL as Flink's StateTtlConfig with UpdateType.OnCreateAndWrite and
// StateVisibility.NeverReturnExpired: an entry expires `ttl` ms after its last write, and an
// expired entry reads as absent (the operator removes it when it meets it). Sweeps on
// processing time remove the rest; each state keeps a lower bound of its entries' last writes so
// a sweep before `lowerBound + ttl` can return at once.

/** Normalises a TTL option: null, undefined, 0, negative and non-finite all mean "never" (0). */
export function normaliseTtl(ttl: number | undefined | null): number {
  if (ttl === undefined || ttl === null || !Number.isFinite(ttl) || ttl <= 0) return 0;
  return ttl;
}

/** An entry last written at `lastWrite` is expired at `now` under `ttl` (0 = never expires). */
export function isExpired(lastWrite: number, ttl: number, now: number): boolean {
  return ttl > 0 && now >= lastWrite + ttl;
}
