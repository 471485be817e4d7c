// The standing fuzz harness: seeded mutations of the example scripts (tokens dropped, repeated,
// swapped, cut short; operators chained long; stray bytes) must compile to diagnostics, start or
// refuse with a sentence, and run to a status, never throw an internal error (a RangeError, a
// TypeError: the runner's exit 70). CI runs FUZZ_SCRIPTS_CI mutants; FRESHET_FUZZ_SCRIPTS=N more.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, createSimulation } from './index';
import { FreshetError } from './errors';
import { Random } from './common/random';

const FUZZ_SCRIPTS_CI = 150;
const COUNT = Number(process.env['FRESHET_FUZZ_SCRIPTS'] ?? FUZZ_SCRIPTS_CI);

const seeds = ['csv-pipeline.sql', 'orders-pipeline.sql'].map((f) => readFileSync(new URL(`../../examples/${f}`, import.meta.url), 'utf8'));
const files = Object.fromEntries(
  ['orders.csv', 'customers.csv'].map((f) => [`data/${f}`, readFileSync(new URL(`../../examples/data/${f}`, import.meta.url), 'utf8')]),
);
const STRAY = ['\u0000', '\uFEFF', '\u0001', '(', ')', "'", '"', '`', ';', ',', '*', '/*', '--', '\n', 'NULL', 'SELECT', 'GROUP BY', '9223372036854775808', '1e400', '-0', 'é', '😀'];

/** Splits into words, spaces and punctuation, so mutations act on tokens. */
function pieces(s: string): string[] {
  return s.match(/\s+|[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|'[^']*'|./gsu) ?? [];
}

function mutate(script: string, rnd: Random): string {
  const p = pieces(script);
  const edits = 1 + rnd.int(0, 3);
  for (let e = 0; e < edits; e++) {
    const i = rnd.int(0, p.length - 1);
    switch (rnd.int(0, 6)) {
      case 0:
        p.splice(i, 1);
        break;
      case 1:
        p.splice(i, 0, p[i]!);
        break;
      case 2: {
        const j = rnd.int(0, p.length - 1);
        [p[i], p[j]] = [p[j]!, p[i]!];
        break;
      }
      case 3:
        p.splice(i, 0, STRAY[rnd.int(0, STRAY.length - 1)]!);
        break;
      case 4:
        p.length = i;
        break;
      case 5:
        // A long generated chain where a term stood.
        p[i] = Array.from({ length: 2000 }, () => p[i]).join(rnd.next() < 0.5 ? ' + ' : ' OR ');
        break;
      default:
        p[i] = '('.repeat(300) + p[i]! + ')'.repeat(300);
    }
  }
  return p.join('');
}

/** An error a user may see for bad input; anything else is a bug. */
function isSentence(e: unknown): boolean {
  if (e instanceof FreshetError) return true;
  return e instanceof Error && e.constructor === Error && /has \d+ errors?:/.test(e.message);
}

describe('fuzzed scripts', () => {
  it(`${COUNT} seeded mutants of the examples compile, start or refuse, and run without an internal error`, () => {
    const counts = { mutants: 0, compiledOk: 0, refused: 0, ran: 0, failedRuns: 0 };
    for (let n = 0; n < COUNT; n++) {
      const rnd = new Random(7000 + n);
      const script = mutate(seeds[n % seeds.length]!, rnd);
      const where = `mutant ${n}`;
      let ok = false;
      try {
        ok = compile(script).ok;
      } catch (e) {
        throw new Error(`${where}: compile threw ${String(e)}\n${script.slice(0, 2000)}`);
      }
      counts.mutants++;
      if (!ok) continue;
      counts.compiledOk++;
      let sim;
      try {
        sim = createSimulation(script, { seed: n, files, memoryBudgetBytes: 256 * 1024 * 1024 });
      } catch (e) {
        expect(isSentence(e), `${where}: createSimulation threw ${String(e)}`).toBe(true);
        counts.refused++;
        continue;
      }
      let status: string;
      try {
        status = sim.runFor(2000).status;
        sim.metrics();
        for (const t of sim.tableNames()) sim.readTable(t);
      } catch (e) {
        throw new Error(`${where}: the run threw ${String(e)}\n${script.slice(0, 2000)}`);
      }
      counts.ran++;
      if (status === 'failed') counts.failedRuns++;
    }
    console.log(`fuzzed scripts: ${JSON.stringify(counts)}`);
    expect(counts.ran).toBeGreaterThan(0);
  });
});
