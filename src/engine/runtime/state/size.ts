// State size accounting. The simulator's metrics and cost model (heap limits) read these numbers,
// and docs/simulation.md cites the formula, so keep the two in sync.
//
//   bytes(row)   = 16 (array header) + sum over values of bytes(value)
//   bytes(value) = 8                 for a number, a boolean or NULL (one slot)
//                = 2 * length + 16   for a string (UTF-16 code units plus a header)
//
// Operators add per-entry overheads on top (see each operator's stateSize comment). They keep
// counts as records flow and derive the bytes when stateSize() is asked; the numbers are the
// formula's either way:
//   GroupAggregate: per group 64 + bytes(key values) + 8 per accumulator slot (+ 40 + 128 per
//                   view when some call keeps a MIN/MAX/DISTINCT view); per
//                   MIN/MAX/DISTINCT map-view entry 16 + bytes(value) + 8 (its count).
//   Join:           per join key (per side) 16 + bytes(key values); per stored record
//                   bytes(row) + 140 + 8 (multiplicity) + 8 (associations, outer sides only).
//   Sinks:          bytes(row) per stored row (+ 8 per distinct row for the retract multiset count).
//
// The operators' heap constants below are calibrated against V8: heap.test.ts measures the
// process heap a GroupAggregate and a Join hold per group / per record and keeps these numbers
// within 25% of it (the formula alone read 2-8x low: a JS array is 48 bytes before its slots, a
// Map entry and the group object add more). Checkpoint durations and the memory budget read them.
import type { Value } from '../../types';

export const ROW_OVERHEAD = 16;
export const SLOT_BYTES = 8;
export const STRING_OVERHEAD = 16;
export const ENTRY_OVERHEAD = 16;
/** A GroupAggregate MIN/MAX/DISTINCT map-view entry holding a number, boolean or NULL value:
 *  16 + 8 (value) + 8 (count). A string value adds valueBytes(v) - 8. */
export const MAP_ENTRY_BYTES = ENTRY_OVERHEAD + SLOT_BYTES + SLOT_BYTES;
/**
 * A GroupAggregate group besides its key values and accumulators: its Map entry (key -> slot,
 * with the hash table's spare capacity) and its count and last-write slots (group-state.ts).
 */
export const GROUP_ENTRY_BYTES = 64;
/** Per accumulator of a group: its slot in the accumulator column. */
export const ACC_SLOT_BYTES = 8;
/** A group with MIN/MAX/DISTINCT views: its array of views, plus VIEW_BYTES per view (the
 * ValueCounts object and its pair array's first backing store), before any entry. */
export const GROUP_VIEWS_BYTES = 40;
export const VIEW_BYTES = 128;
/** A join record besides bytes(row): the record object, its list slot and the row's array object. */
export const JOIN_RECORD_BYTES = 140;

export function valueBytes(v: Value): number {
  return typeof v === 'string' ? 2 * v.length + STRING_OVERHEAD : SLOT_BYTES;
}

export function rowBytes(row: readonly Value[]): number {
  let bytes = ROW_OVERHEAD;
  for (let i = 0; i < row.length; i++) {
    const value = row[i];
    bytes += typeof value === 'string' ? 2 * value.length + STRING_OVERHEAD : SLOT_BYTES;
  }
  return bytes;
}
