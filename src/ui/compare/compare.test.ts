// The pure parts of comparing two runs: the presets (use-flip27-source flipped), the line diff,
// the summary of differences, the overlaid series and the achieved-speed label.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MetricsSnapshot } from '../../engine/api';
import { flip27Setting, flipFlip27, presets, withTalkAdditions } from './presets';
import { lineDiff } from './lineDiff';
import { compareRuns, headline } from './summary';
import { overlaySeries } from './overlay';
import { achievedLabel } from './speed';
import { CHARTS } from '../panels/metricsSeries';

const LEGACY = readFileSync(path.join(import.meta.dirname, '../../../examples/lake-sources-legacy.sql'), 'utf8');
const FLIP27 = readFileSync(path.join(import.meta.dirname, '../../../examples/lake-sources-flip27.sql'), 'utf8');

function snap(now: number, freshness: number | null, extra: Partial<MetricsSnapshot> = {}): MetricsSnapshot {
  return {
    now,
    operators: [],
    tables: [{ name: 'ads', rows: now / 1000, freshnessMs: freshness, changes: 0, parseErrors: 0 }],
    sources: [],
    checkpoints: { completed: 0, failed: 0, lastDurationMs: null, lastCompletedAt: null },
    ...extra,
  };
}

describe('compare presets', () => {
  it('flips use-flip27-source in the bundled legacy scenario, and only that line', () => {
    expect(flip27Setting(LEGACY)).toBe(false);
    const flipped = flipFlip27(LEGACY)!;
    expect(flipped.to).toBe(true);
    expect(flip27Setting(flipped.script)).toBe(true);
    expect(lineDiff(LEGACY, flipped.script)).toEqual([
      { kind: 'del', line: 22, text: "SET 'table.exec.iceberg.use-flip27-source' = 'false';" },
      { kind: 'add', line: 22, text: "SET 'table.exec.iceberg.use-flip27-source' = 'true';" },
    ]);
    const [first] = presets(LEGACY, 42);
    expect(first).toMatchObject({ id: 'flip27', variant: { seed: 42, label: 'use-flip27-source = true' } });
  });

  it('the talk-additions preset turns the legacy scenario into the FLIP-27 scenario, comments apart', () => {
    const p = presets(LEGACY, 42).find((x) => x.id === 'flip27-additions')!;
    const differing = lineDiff(p.variant.script, FLIP27).filter((d) => !d.text.startsWith('--'));
    expect(differing).toEqual([]);
    expect(withTalkAdditions(FLIP27)).toBe(FLIP27);
  });

  it('a lake streaming read without the SET is FLIP-27 (the default): the variant adds the legacy SET', () => {
    const script = "INSERT INTO b SELECT * FROM a /*+ OPTIONS('streaming' = 'true') */;";
    expect(flip27Setting(script)).toBe(true);
    expect(flipFlip27(script)).toEqual({ script: `SET 'table.exec.iceberg.use-flip27-source' = 'false';\n${script}`, to: false });
  });

  it('a script without lake streaming reads is offered another seed and a copy to edit', () => {
    const ids = presets('INSERT INTO b SELECT * FROM a;', 7).map((p) => p.id);
    expect(ids).toEqual(['seed', 'free']);
    expect(presets('x', 7)[0]!.variant.seed).toBe(8);
  });
});

describe('line diff', () => {
  it('lists removed and added lines with their line numbers', () => {
    expect(lineDiff('a\nb\nc', 'a\nc\nd')).toEqual([
      { kind: 'del', line: 2, text: 'b' },
      { kind: 'add', line: 3, text: 'd' },
    ]);
    expect(lineDiff('same', 'same')).toEqual([]);
  });
});

describe('summary of differences', () => {
  it('marks the fresher run and the one with fewer failures; a run with no data is worse', () => {
    const a = [snap(1000, null), snap(2000, 60_000)];
    const b = [snap(1000, 10_000), snap(2000, 20_000)];
    const failedA = { ...a[1]!, checkpoints: { completed: 3, failed: 2, lastDurationMs: null, lastCompletedAt: null } };
    const rows = compareRuns({ history: a, latest: failedA }, { history: b, latest: b[1]! });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('freshness:ads')).toMatchObject({ a: 60_000, b: 15_000, better: 'B' });
    expect(byId.get('checkpoints.failed')).toMatchObject({ a: 2, b: 0, better: 'B' });
    expect(byId.get('checkpoints.completed')).toMatchObject({ better: 'A' });
    expect(byId.get('rows:ads')!.better).toBeNull();
    const head = headline(rows);
    expect(head.better).toContain('ads freshness (mean over the run): 15.0 s vs 1.0 min');
    expect(head.worse).toEqual(['Checkpoints completed: 0 vs 3']);
    expect(compareRuns({ history: [snap(0, null)], latest: snap(0, null) }, { history: [], latest: null })).toEqual([]);
    expect(compareRuns({ history: [snap(0, 1000)], latest: snap(0, 1000) }, { history: [snap(0, 1010)], latest: snap(0, 1010) }).find((r) => r.id === 'freshness:ads')!.better).toBe('same');
  });
});

describe('overlaid series', () => {
  it('joins A and B on one x axis, B dashed in the colour of its A twin', () => {
    const a = [snap(1000, 1000), snap(2000, 2000)];
    const b = [snap(1500, 500), snap(2000, 700)];
    const o = overlaySeries(a, b, CHARTS.freshness);
    expect(o.labels).toEqual(['A ads', 'B ads']);
    expect(o.styles).toEqual([
      { colour: 0, dashed: false },
      { colour: 0, dashed: true },
    ]);
    expect(o.data[0]).toEqual([1, 1.5, 2]);
    expect(o.data[1]).toEqual([1, undefined, 2]);
    expect(o.data[2]).toEqual([undefined, 0.5, 0.7]);
    expect(overlaySeries(a, null, CHARTS.freshness).labels).toEqual(['ads']);
  });
});

describe('achieved speed', () => {
  it('speaks only when the run falls short, and always at max', () => {
    expect(achievedLabel(60, 12)).toEqual({ text: '60x requested, 12x achieved', short: true });
    expect(achievedLabel(60, 58)).toBeNull();
    expect(achievedLabel(60, null)).toBeNull();
    expect(achievedLabel('max', 240.4)).toEqual({ text: 'max: 240x achieved', short: false });
    expect(achievedLabel(10, 2.5)!.text).toBe('10x requested, 2.5x achieved');
  });
});
