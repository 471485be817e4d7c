// The expected final result of each workload, computed directly from the net input with plain
// loops (no incremental machinery), so that "both systems agree" also means "both are right".
import type { Value } from '../src/engine/types';
import { MultisetSink } from './system';
import type { Workload } from './workloads';

type Row = Value[];

/** Net live rows per port: apply every change as +1/-1 to a multiset of rows. */
function netRows(w: Workload, port: 0 | 1): Row[] {
  const batches = w.batches.filter((b) => b.port === port);
  if (batches.every((b) => b.changes.every((c) => c.kind === 0)))
    return batches.flatMap((b) => b.changes.map((c) => c.row));
  const live = new Map<string, { row: Row; m: number }>();
  for (const b of w.batches) {
    if (b.port !== port) continue;
    for (const c of b.changes) {
      const k = JSON.stringify(c.row);
      const e = live.get(k) ?? { row: c.row, m: 0 };
      e.m += c.kind === 0 || c.kind === 2 ? 1 : -1;
      if (e.m === 0) live.delete(k);
      else live.set(k, e);
    }
  }
  const rows: Row[] = [];
  for (const { row, m } of live.values()) {
    if (m < 0)
      throw new Error(`reference: input retracts a row it never inserted: ${JSON.stringify(row)}`);
    for (let i = 0; i < m; i++) rows.push(row);
  }
  return rows;
}

export function referenceResult(w: Workload): MultisetSink {
  const out = new MultisetSink();
  switch (w.name) {
    case 'stateless':
      for (const r of netRows(w, 0)) {
        const status = r[5];
        const price = r[4];
        if (
          status === null ||
          status === 'CANCELLED' ||
          price === null ||
          (price as number) < 100.0
        )
          continue;
        out.add([r[0]!, r[1]!, r[2]!, (price as number) * 1.1, r[6]!], 1);
      }
      break;
    case 'aggregation': {
      const groups = new Map<Value, { n: number; sum: number; max: number }>();
      for (const r of netRows(w, 0)) {
        const g = groups.get(r[2]!) ?? { n: 0, sum: 0, max: -Infinity };
        g.n++;
        g.sum += r[3] as number;
        g.max = Math.max(g.max, r[3] as number);
        groups.set(r[2]!, g);
      }
      for (const [shop, g] of groups) out.add([shop, g.n, g.sum, g.max], 1);
      break;
    }
    case 'join': {
      const byKey = new Map<Value, Row[]>();
      for (const r of netRows(w, 1)) {
        const list = byKey.get(r[1]!);
        if (list) list.push(r);
        else byKey.set(r[1]!, [r]);
      }
      for (const l of netRows(w, 0))
        for (const r of byKey.get(l[0]!) ?? []) out.add(l.concat(r), 1);
      break;
    }
  }
  return out;
}
