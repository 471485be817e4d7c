import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../engine/index';
import { formatFlinkSql } from './formatSql';

const EXAMPLES = path.join(import.meta.dirname, '../../../examples');

/** What a script means: its pipeline without source positions. */
function meaning(script: string): unknown {
  const r = compile(script);
  return JSON.parse(JSON.stringify({ ok: r.ok, pipeline: r.pipeline }, (k, v: unknown) => (k === 'span' || k === 'statementSpan' || k === 'range' ? undefined : v)));
}

describe('Format Document', () => {
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.sql') && !f.endsWith('.fix.sql'))) {
    it(`formats ${file} without changing its pipeline, and is stable`, () => {
      const script = readFileSync(path.join(EXAMPLES, file), 'utf8');
      const once = formatFlinkSql(script);
      expect(once.ok).toBe(true);
      if (!once.ok) return;
      expect(meaning(once.text)).toEqual(meaning(script));
      const twice = formatFlinkSql(once.text);
      expect(twice.ok && twice.text).toBe(once.text);
    });
  }

  it('leaves a script it cannot read untouched and says why', () => {
    const r = formatFlinkSql("SELECT 'unterminated");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^The script was not formatted: /);
  });
});
