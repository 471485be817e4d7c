// Scan push-down and source reuse (plan/source-reuse.ts): Flink reuses a scan only when its
// push-downs match; REUSE_SOURCE and table.optimizer.reuse-source-merge-enabled (Freshet) merge
// reads that differ.
import { describe, expect, it } from 'vitest';
import { parseScript } from '../sql/index';
import { planScript } from './index';
import { CONNECTOR_CAPABILITIES } from '../connectors/capabilities';
import type { CalcNode, JobPlan, SourceNode } from './graph';
import { compileExpr } from '../expr/index';

const DDL = `
CREATE TABLE ods (id INT, v INT, name STRING) WITH ('connector' = 'iceberg', 'catalog-name' = 'lake');
CREATE TABLE topic (id INT, v INT, name STRING) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'json');
CREATE TABLE out1 (id INT, v INT) WITH ('connector' = 'blackhole');
`;

function jobOf(sql: string, settings = ''): JobPlan {
  const parsed = parseScript(DDL + settings + sql);
  expect(parsed.diagnostics.map((d) => d.message)).toEqual([]);
  const r = planScript(parsed.statements, { capabilities: CONNECTOR_CAPABILITIES });
  expect(r.diagnostics.map((d) => d.message)).toEqual([]);
  return r.plan.jobs[0]!;
}

const sources = (j: JobPlan) => j.nodes.filter((n): n is SourceNode => n.kind === 'Source');
const TWO_FILTERS = (hint: string) => `INSERT INTO out1 SELECT id, v FROM ods${hint} WHERE v < 10 UNION ALL SELECT id, v FROM ods WHERE v >= 90;`;

describe('scan push-down', () => {
  it('an Iceberg scan takes the projection and the filter of the Calc above it, shown in its label', () => {
    const [s] = sources(jobOf(`INSERT INTO out1 SELECT id, v FROM ods WHERE v > 3 AND NOW() IS NOT NULL;`));
    expect(s!.pushdown!.projection).toEqual([0, 1]);
    // NOW() is not deterministic: that conjunct stays in the Calc only.
    expect(compileExpr(s!.pushdown!.filter!)([1, 4, 'x'])).toBe(true);
    expect(compileExpr(s!.pushdown!.filter!)([1, 3, 'x'])).toBe(false);
    expect(s!.label).toBe('TableSourceScan(table=[[default_catalog, default_database, ods, filter=[v > 3], project=[id, v]]], fields=[id, v])');
  });

  it('a Kafka scan takes none (the connector does not support it)', () => {
    const [s] = sources(jobOf(`INSERT INTO out1 SELECT id, v FROM topic WHERE v > 3;`));
    expect(s!.pushdown).toBeUndefined();
  });
});

describe("Flink's source reuse", () => {
  it('reads with different filters are two sources (Flink reuses only equal digests)', () => {
    const s = sources(jobOf(TWO_FILTERS('')));
    expect(s).toHaveLength(2);
    expect(s.map((x) => x.reads ?? 1)).toEqual([1, 1]);
  });

  it('reads with the same projection and filter are one source', () => {
    const j = jobOf(`INSERT INTO out1 SELECT id, v FROM ods WHERE v < 10 UNION ALL SELECT id, v FROM ods WHERE v < 10;`);
    const s = sources(j);
    expect(s).toHaveLength(1);
    expect(s[0]!.reads).toBe(2);
    expect(j.nodes.filter((n) => n.inputs.includes(s[0]!.id))).toHaveLength(2);
    expect(s[0]!.label).toMatch(/reuse=\[2 reads\]\)$/);
  });

  it("table.optimizer.reuse-source-enabled = 'false' keeps them apart", () => {
    const j = jobOf(`INSERT INTO out1 SELECT id, v FROM ods WHERE v < 10 UNION ALL SELECT id, v FROM ods WHERE v < 10;`, `SET 'table.optimizer.reuse-source-enabled' = 'false';\n`);
    expect(sources(j)).toHaveLength(2);
  });

  it('reads with different OPTIONS are never one source', () => {
    const j = jobOf(`INSERT INTO out1 SELECT id, v FROM ods /*+ OPTIONS('split-size' = '1000'), REUSE_SOURCE */ UNION ALL SELECT id, v FROM ods;`);
    expect(sources(j)).toHaveLength(2);
  });
});

describe('Freshet extensions: REUSE_SOURCE and the merge rule', () => {
  for (const [what, hint, settings] of [
    ['the REUSE_SOURCE hint', ' /*+ REUSE_SOURCE */', ''],
    ["table.optimizer.reuse-source-merge-enabled = 'true'", '', `SET 'table.optimizer.reuse-source-merge-enabled' = 'true';\n`],
  ] as const) {
    it(`${what}: one source with the union of columns and the OR of filters; each consumer filters after`, () => {
      const j = jobOf(TWO_FILTERS(hint), settings);
      const s = sources(j);
      expect(s).toHaveLength(1);
      expect(s[0]!.reads).toBe(2);
      const f = compileExpr(s[0]!.pushdown!.filter!);
      expect([5, 50, 95].map((v) => f([1, v, 'x']))).toEqual([true, false, true]);
      const calcs = j.nodes.filter((n): n is CalcNode => n.kind === 'Calc' && n.inputs[0] === s[0]!.id);
      expect(calcs).toHaveLength(2);
      expect(calcs.every((c) => c.filter !== null)).toBe(true);
      expect(s[0]!.label).toContain('filter=[(v < 10) OR (v >= 90)]');
    });
  }

  it('a read without a filter makes the merged source read every row', () => {
    const j = jobOf(`INSERT INTO out1 SELECT id, v FROM ods /*+ REUSE_SOURCE */ WHERE v < 10 UNION ALL SELECT id, CHAR_LENGTH(name) FROM ods;`);
    const [s] = sources(j);
    expect(s!.pushdown).toEqual({ projection: [0, 1, 2], filter: null });
  });
});
