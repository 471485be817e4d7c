// Helpers for the runtime tests: build changes tersely, render changelogs as strings.
import type { Batch, Change, Row } from '../types';
import { ROW_KIND_SHORT, RowKind } from '../types';
import type { Operator } from './operator';

export const I = (...row: Row): Change => ({ kind: RowKind.INSERT, row });
export const UB = (...row: Row): Change => ({ kind: RowKind.UPDATE_BEFORE, row });
export const UA = (...row: Row): Change => ({ kind: RowKind.UPDATE_AFTER, row });
export const D = (...row: Row): Change => ({ kind: RowKind.DELETE, row });

/** `+I[a, 1]` style, NULL for null, strings unquoted. */
export function show(batch: Batch): string[] {
  return batch.map((c) => `${ROW_KIND_SHORT[c.kind]}[${c.row.map((v) => (v === null ? 'NULL' : String(v))).join(', ')}]`);
}

/** Pushes each batch at its own virtual time; returns the concatenated output. */
export function run(op: Operator, steps: { batch: Batch; port?: number; now?: number }[]): string[] {
  const out: string[] = [];
  for (const s of steps) out.push(...show(op.process(s.batch, s.port ?? 0, { now: s.now ?? 0 })));
  return out;
}

/** A JSON round trip, as a checkpoint written to storage would take. */
export function viaJson<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
