import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScript } from '../sql/index';
import { planScript } from './index';

// Mutated scripts (a word dropped, replaced or duplicated) must give diagnostics, never a throw.
it('planScript never throws on mangled scripts', () => {
  const texts = ['csv-pipeline.sql', 'orders-pipeline.sql'].map((f) => readFileSync(new URL(`../../../examples/${f}`, import.meta.url), 'utf8'));
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const failures: string[] = [];
  for (let k = 0; k < 2000; k++) {
    const words = texts[k % texts.length]!.split(/(\s+)/);
    const i = Math.floor(rnd() * words.length);
    const other = words[Math.floor(rnd() * words.length)]!;
    const op = rnd();
    const mutated = op < 0.4 ? words.filter((_, j) => j !== i) : words.map((x, j) => (j !== i ? x : op < 0.7 ? other : `${x} ${other}`));
    const text = mutated.join('');
    try {
      planScript(parseScript(text).statements);
    } catch (e) {
      failures.push(`${(e as Error).message}\n${text}`);
    }
  }
  expect(failures.slice(0, 3)).toEqual([]);
});
