// STATE_CLEANUP end to end: scripts run by the simulator, their sink changelogs compared with the
// output a plain loop over the same input (in order) computes independently of the engine.
//
// One record reaches the operators per tick (a slow source, no jitter, parallelism 1), so the
// order the loop sees is the order the operator sees. The join reads one file twice (each side
// filters its own rows), so the sides interleave in file order too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, createSimulation } from './index';

/** A deterministic pseudo-random sequence (the test's own, not the engine's). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

const SLOW = `SET 'sim.jitter' = '0';
SET 'sim.cost.source.rps' = '10';
SET 'parallelism.default' = '1';
`;

function run(script: string, files: Record<string, string>, sink: string) {
  const sim = createSimulation(script, { seed: 1, files });
  sim.runToEnd(24 * 3_600_000);
  expect(sim.status()).toBe('finished');
  const changes = sim.changelog(sink, Number.MAX_SAFE_INTEGER).map((c) => `${c.kind}[${c.row.map((v) => (v === null ? 'null' : String(v))).join(', ')}]`);
  return { sim, changes };
}

describe('STATE_CLEANUP on a group aggregation, end to end', () => {
  const next = lcg(42);
  const statuses = ['ON_SALE', 'ON_SALE', 'ON_SALE', 'ON_SALE', 'ON_SALE', 'ON_SALE', 'SOLD_OUT', 'DELISTED'];
  const rows = Array.from({ length: 80 }, () => ({ product: 1 + Math.floor(next() * 6), qty: 1 + Math.floor(next() * 4), status: statuses[Math.floor(next() * statuses.length)]! }));
  const csv = ['product_id,qty,status', ...rows.map((r) => `${r.product},${r.qty},${r.status}`)].join('\n') + '\n';

  const script = (hint: string) => `${SLOW}
CREATE TABLE sales (product_id BIGINT, qty INT, status STRING) WITH ('connector' = 'filesystem', 'path' = 'sales.csv', 'format' = 'csv');
CREATE TABLE product_sales (product_id BIGINT, sold INT, closed INT) WITH ('connector' = 'print');
INSERT INTO product_sales
SELECT ${hint} product_id, SUM(qty) AS sold, MAX(CASE WHEN status IN ('SOLD_OUT', 'DELISTED') THEN 1 ELSE 0 END) AS closed
FROM sales GROUP BY product_id;`;

  /** The aggregation as a loop: +I for a new group, -U/+U when its result changes, dropped when `clean` holds. */
  function expected(clean: (sold: number, closed: number) => boolean): { changes: string[]; stateRows: number } {
    // One state entry per group: the input is insert-only, so MAX keeps only the current extreme
    // (no value -> count view; see state/accumulators.ts). `values` is kept for the model's shape.
    const groups = new Map<number, { sold: number; closed: number; values: Set<number> }>();
    const out: string[] = [];
    for (const r of rows) {
      const closed = r.status === 'SOLD_OUT' || r.status === 'DELISTED' ? 1 : 0;
      let g = groups.get(r.product);
      if (g === undefined) {
        g = { sold: r.qty, closed, values: new Set([closed]) };
        groups.set(r.product, g);
        out.push(`+I[${r.product}, ${g.sold}, ${g.closed}]`);
      } else {
        const before = `[${r.product}, ${g.sold}, ${g.closed}]`;
        g.sold += r.qty;
        g.closed = Math.max(g.closed, closed);
        g.values.add(closed);
        const after = `[${r.product}, ${g.sold}, ${g.closed}]`;
        if (after !== before) out.push(`-U${before}`, `+U${after}`);
      }
      if (clean(g.sold, g.closed)) groups.delete(r.product);
    }
    return { changes: out, stateRows: groups.size };
  }

  it('clears a product once it is sold out, delisted or has sold 10; the next sale starts a new group with +I', () => {
    const { sim, changes } = run(script(`/*+ STATE_CLEANUP('ttl' = '30 d', 'condition' = 'sold >= 10 OR closed = 1') */`), { 'sales.csv': csv }, 'product_sales');
    const want = expected((sold, closed) => sold >= 10 || closed === 1);
    expect(changes).toEqual(want.changes);
    // a cleaned group really restarted: some product has more than one +I
    expect(want.changes.filter((c) => c.startsWith('+I')).length).toBeGreaterThan(6);
    const agg = sim.metrics().operators.find((o) => o.kind === 'GroupAggregate')!;
    expect(agg.stateRows).toBe(want.stateRows);
  });

  it('without the hint every product keeps one group (the loop without cleanup agrees)', () => {
    const { sim, changes } = run(script(''), { 'sales.csv': csv }, 'product_sales');
    expect(changes).toEqual(expected(() => false).changes);
    const want = expected(() => false);
    expect(sim.metrics().operators.find((o) => o.kind === 'GroupAggregate')!.stateRows).toBe(want.stateRows);
    expect(want.stateRows).toBeGreaterThan(expected((sold, closed) => sold >= 10 || closed === 1).stateRows);
  });
});

describe('STATE_CLEANUP on a regular join, end to end', () => {
  // One file, two kinds of rows: 'w' waybills (id, route, status) and 'r' routes (route, name).
  // Waybills change status by -U/+U (changelog-json); routes are inserted once.
  interface Ev {
    kind: '+I' | '-U' | '+U' | '-D';
    side: 'w' | 'r';
    id: number;
    route: number;
    status: string;
    name: string;
  }
  const next = lcg(7);
  const events: Ev[] = [];
  const live = new Map<number, Ev>();
  let nextId = 1;
  for (let i = 0; i < 90; i++) {
    const p = next();
    if (i < 4 || p < 0.08) {
      const route = i < 4 ? i + 1 : 1 + Math.floor(next() * 5);
      events.push({ kind: '+I', side: 'r', id: 0, route, status: '', name: `route-${route}-${i}` });
    } else if (p < 0.55 || live.size === 0) {
      const w: Ev = { kind: '+I', side: 'w', id: nextId++, route: 1 + Math.floor(next() * 5), status: 'CREATED', name: '' };
      live.set(w.id, w);
      events.push(w);
    } else {
      const ids = [...live.keys()];
      const old = live.get(ids[Math.floor(next() * ids.length)]!)!;
      if (next() < 0.2) {
        events.push({ ...old, kind: '-D' });
        live.delete(old.id);
      } else {
        const status = old.status === 'CREATED' ? 'IN_TRANSIT' : 'SIGNED';
        const updated: Ev = { ...old, kind: '+I', status };
        events.push({ ...old, kind: '-U' }, { ...updated, kind: '+U' });
        if (status === 'SIGNED') live.delete(old.id);
        else live.set(old.id, updated);
      }
    }
  }
  const json = events
    .map((e) => JSON.stringify({ op: e.kind, data: { side: e.side, id: e.id, route: e.route, status: e.status, name: e.name } }))
    .join('\n');

  const script = (hint: string) => `${SLOW}
CREATE TABLE events (side STRING, id BIGINT, route INT, status STRING, name STRING)
  WITH ('connector' = 'filesystem', 'path' = 'events.json', 'format' = 'changelog-json');
CREATE TABLE routed (id BIGINT, status STRING, route INT, name STRING) WITH ('connector' = 'print');
INSERT INTO routed
SELECT ${hint} w.id, w.status, r.route, r.name
FROM (SELECT id, route, status FROM events WHERE side = 'w') AS w
RIGHT JOIN (SELECT route, name FROM events WHERE side = 'r') AS r ON w.route = r.route;`;

  /**
   * Flink's streaming RIGHT JOIN as a loop over the events: waybills (inner side) in a multiset,
   * routes (outer side) with their association counts; a waybill whose new row is SIGNED leaves
   * state and decrements its routes' counts.
   */
  function expected(cleanSigned: boolean): { changes: string[]; waybillsInState: number } {
    const waybills: { id: number; route: number; status: string }[] = [];
    const routes: { route: number; name: string; assoc: number }[] = [];
    const out: string[] = [];
    const joined = (w: { id: number; status: string }, r: { route: number; name: string }) => `[${w.id}, ${w.status}, ${r.route}, ${r.name}]`;
    const padded = (r: { route: number; name: string }) => `[null, null, ${r.route}, ${r.name}]`;
    for (const e of events) {
      if (e.side === 'r') {
        const matches = waybills.filter((w) => w.route === e.route);
        const r = { route: e.route, name: e.name, assoc: matches.length };
        routes.push(r);
        if (matches.length === 0) out.push(`+I${padded(r)}`);
        else for (const w of matches) out.push(`+I${joined(w, r)}`);
        continue;
      }
      const matches = routes.filter((r) => r.route === e.route);
      const w = { id: e.id, route: e.route, status: e.status };
      if (e.kind === '+I' || e.kind === '+U') {
        waybills.push(w);
        for (const r of matches) if (r.assoc === 0) out.push(`-D${padded(r)}`);
        for (const r of matches) r.assoc++;
        for (const r of matches) out.push(`+I${joined(w, r)}`);
        if (cleanSigned && w.status === 'SIGNED') {
          waybills.splice(waybills.indexOf(w), 1);
          for (const r of matches) r.assoc--;
        }
      } else {
        const at = waybills.findIndex((x) => x.id === w.id && x.route === w.route && x.status === w.status);
        if (at >= 0) waybills.splice(at, 1);
        for (const r of matches) out.push(`${e.kind}${joined(w, r)}`);
        for (const r of matches) {
          if (r.assoc === 1) out.push(`+I${padded(r)}`);
          r.assoc = Math.max(0, r.assoc - 1);
        }
      }
    }
    return { changes: out, waybillsInState: waybills.length };
  }

  it('cleans signed waybills from state and keeps the routes’ null padding right afterwards', () => {
    const { sim, changes } = run(script(`/*+ STATE_CLEANUP('w.condition' = 'status = ''SIGNED''') */`), { 'events.json': json }, 'routed');
    const want = expected(true);
    expect(changes).toEqual(want.changes);
    const join = sim.metrics().operators.find((o) => o.kind === 'Join')!;
    const routes = events.filter((e) => e.side === 'r').length;
    expect(join.stateRows).toBe(routes + want.waybillsInState);
    // the scenario the association counts exist for happened: a route padded again after a signed waybill was cleaned
    expect(want.changes.filter((c) => c.startsWith('+I[null')).length).toBeGreaterThan(routes);
  });

  it('without cleanup the loop without cleanup agrees, and more state is kept', () => {
    const { changes } = run(script(''), { 'events.json': json }, 'routed');
    const want = expected(false);
    expect(changes).toEqual(want.changes);
    expect(want.waybillsInState).toBeGreaterThan(expected(true).waybillsInState);
  });
});

describe('the STATE_CLEANUP example scripts', () => {
  const example = (name: string) => readFileSync(path.resolve(__dirname, '../../examples', name), 'utf8');
  const stateRows = (script: string, kind: string) => {
    const sim = createSimulation(script, { seed: 3 });
    sim.runFor(60_000);
    return sim.metrics().operators.filter((o) => o.kind === kind).map((o) => o.stateRows);
  };

  it('product sales: the hinted aggregation holds less state than the same one under the job TTL', () => {
    const script = example('product-sales-cleanup.sql');
    const compiled = compile(script);
    expect(compiled.diagnostics).toEqual([]);
    const labels = compiled.pipeline!.jobs.flatMap((j) => j.operators.filter((o) => o.kind === 'GroupAggregate').map((o) => o.label));
    expect(labels[0]).toContain('stateCleanup=[ttl=30 d, condition=[ended = 1]]');
    expect(labels[1]).not.toContain('stateCleanup');
    const [withHint, without] = stateRows(script, 'GroupAggregate');
    expect(withHint).toBeGreaterThan(0);
    // Group rows only (MAX over the insert-only input keeps no view entries): the hint drops the
    // ended products, about a fifth of them in this run.
    expect(withHint!).toBeLessThan(without! * 0.85);
  });

  it('logistics: the waybill side is cleaned by status and duration, so the join holds less state', () => {
    const script = example('logistics-cleanup.sql');
    const compiled = compile(script);
    expect(compiled.diagnostics).toEqual([]);
    const join = compiled.pipeline!.jobs[1]!.operators.find((o) => o.kind === 'Join')!;
    expect(join.label).toMatch(/leftStateCleanup=\[ttl=30 d, condition=\[.*SIGNED.*TIMESTAMPDIFF.*\]\], rightStateCleanup=\[ttl=90 d\]\)$/);
    const withoutHint = script.replace(/\/\*\+ STATE_CLEANUP[\s\S]*?\*\//, '');
    expect(withoutHint).not.toContain('STATE_CLEANUP(');
    const [cleaned] = stateRows(script, 'Join');
    const [kept] = stateRows(withoutHint, 'Join');
    expect(cleaned!).toBeLessThan(kept! * 0.8);
  });
});
