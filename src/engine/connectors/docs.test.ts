// docs/dialect.md's connector option tables agree with the specs: every option a table lists is
// one the connector (or one of its formats) has, **Freshet** marks exactly the spec's `freshet`
// options, and every simulated option a spec has (effect unset) is documented.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONNECTOR_SPECS } from './registry';
import { FORMATS } from './formats/spec';
import { optionKeyMatches, type OptionSpec } from './spec';

const doc = readFileSync(new URL('../../../docs/dialect.md', import.meta.url), 'utf8');

/** Option keys named in one table cell: `fields.<col>.min`, `.max` -> fields.#.min, fields.#.max. */
function keysIn(cell: string): string[] {
  const out: string[] = [];
  let last = '';
  for (const m of cell.matchAll(/`([^`]+)`/g)) {
    let key = m[1]!.replace('<col>', '#');
    if (key.startsWith('.')) key = last.slice(0, last.lastIndexOf('.')) + key;
    out.push(key);
    last = key;
  }
  return out;
}

/** The rows of the option table under `**name**`. */
function documented(name: string): { keys: string[]; freshet: boolean }[] {
  const at = doc.indexOf(`**${name}**`);
  if (at < 0) return [];
  const rows: { keys: string[]; freshet: boolean }[] = [];
  for (const line of doc.slice(at).split('\n').slice(1)) {
    if (!line.startsWith('|')) {
      if (rows.length > 0 || line.trim() === '') break;
      continue;
    }
    const cells = line.split('|').slice(1, -1);
    if (cells[0]!.trim() === 'option' || cells[0]!.startsWith('---')) continue;
    rows.push({ keys: keysIn(cells[0]!), freshet: line.includes('**Freshet**') });
  }
  return rows;
}

describe('docs/dialect.md connector tables', () => {
  for (const spec of CONNECTOR_SPECS.filter((c) => c.supported)) {
    it(spec.name, () => {
      const formatOptions = spec.usesFormat ? FORMATS.flatMap((f) => f.options) : [];
      const all: OptionSpec[] = [...spec.options, ...formatOptions];
      const rows = documented(spec.name);
      const seen = new Set<string>();
      for (const row of rows)
        for (const key of row.keys) {
          // `<format>.ignore-parse-errors` stands for each format's option of that name.
          const matches = key.startsWith('<format>.')
            ? formatOptions.filter((o) => o.key.endsWith(key.slice('<format>'.length)))
            : all.filter((o) => o.key === key || optionKeyMatches(o.key, key));
          expect(matches.length, `${spec.name}: documented option '${key}' is not in its spec`).toBeGreaterThan(0);
          for (const o of matches) {
            seen.add(o.key);
            expect(!!o.freshet, `${spec.name}: '${o.key}' is${o.freshet ? '' : ' not'} a Freshet option`).toBe(row.freshet);
          }
        }
      const undocumented = spec.options.filter((o) => o.effect === undefined && !o.key.endsWith('.parallelism') && !seen.has(o.key));
      expect(undocumented.map((o) => o.key)).toEqual([]);
    });
  }
});
