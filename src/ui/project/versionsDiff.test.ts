// The version summary from compiled pipelines: the real engine compiles two versions of the
// bundled example, and the summary names what a reviewer would see changed.
import { describe, expect, it } from 'vitest';
import { compile } from '../../engine/index';
import type { PipelineGraph } from '../../engine/index';
import { EXAMPLE_SCRIPT } from './example';
import { describePipeline, diffPipelines, summaryLine } from './versionsDiff';

function pipelineOf(script: string): PipelineGraph {
  const r = compile(script);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.pipeline!;
}

const base = pipelineOf(EXAMPLE_SCRIPT);

describe('diffPipelines', () => {
  it('finds nothing between a version and itself, whatever the comments and layout', () => {
    const reformatted = pipelineOf(EXAMPLE_SCRIPT.replace(/^--.*$/gm, '-- another comment').replace('GROUP BY city;', 'GROUP BY\n  city;'));
    const summary = diffPipelines(base, reformatted);
    expect(summary.changes).toEqual([]);
    expect(summaryLine(summary)).toBe('no table, job or setting changed');
  });

  it('names an added table and job, and the table the new job writes', () => {
    const more = pipelineOf(
      EXAMPLE_SCRIPT +
        `\nCREATE TABLE ads_status_counts (status STRING, n BIGINT, PRIMARY KEY (status) NOT ENFORCED) WITH ('connector' = 'print');\n` +
        `INSERT INTO ads_status_counts SELECT status, COUNT(*) FROM ods_orders GROUP BY status;\n`,
    );
    const summary = diffPipelines(base, more);
    expect(summary.changes).toEqual([
      { subject: 'table', name: 'ads_status_counts', change: 'added', details: ['print, 2 columns'] },
      { subject: 'job', name: 'INSERT INTO ads_status_counts', change: 'added', details: ['reads ods_orders'] },
    ]);
    expect(summaryLine(summary)).toBe('1 table added, 1 job added');
    // And back: the same entries, removed.
    expect(summaryLine(diffPipelines(more, base))).toBe('1 table removed, 1 job removed');
  });

  it('details a changed column, option and setting, and a job whose plan changed', () => {
    const edited = pipelineOf(
      EXAMPLE_SCRIPT.replace("'rows-per-second' = '20'", "'rows-per-second' = '50'")
        .replace('revenue     DECIMAL(12, 2)', 'revenue     DECIMAL(14, 2)')
        .replace("SET 'parallelism.default' = '2';", "SET 'parallelism.default' = '4';")
        .replace("WHERE o.status IN ('PAID', 'SHIPPED')", "WHERE o.status = 'PAID'"),
    );
    const summary = diffPipelines(base, edited);
    const byName = new Map(summary.changes.map((c) => [c.name, c]));
    expect(byName.get('src_order_events')).toMatchObject({ subject: 'table', change: 'changed', details: ["option 'rows-per-second': '20' → '50'"] });
    expect(byName.get('ads_city_revenue')).toMatchObject({ change: 'changed', details: ['column revenue: DECIMAL(12, 2) → DECIMAL(14, 2)'] });
    expect(byName.get('parallelism.default')).toMatchObject({ subject: 'setting', change: 'changed', details: ["'2' → '4'"] });
    const job = byName.get('INSERT INTO dwd_paid_orders')!;
    expect(job.change).toBe('changed');
    // The filter moved: the scan and the Calc that carry it differ, the join and the sink do not.
    expect(job.details.filter((d) => d.startsWith('plan: − ')).map((d) => d.slice(8).split('(')[0])).toEqual(['TableSourceScan', 'Calc']);
    expect(job.details.filter((d) => d.startsWith('plan: − ')).every((d) => d.includes("IN ('PAID', 'SHIPPED')"))).toBe(true);
    expect(job.details.filter((d) => d.startsWith('plan: + ')).every((d) => d.includes("status = 'PAID'"))).toBe(true);
    expect(job.details.at(-1)).toBe('parallelism 2 → 4');
    // A job whose SQL did not change shows only what the new default parallelism did to it.
    expect(byName.get('INSERT INTO ods_orders')).toMatchObject({ change: 'changed', details: ['parallelism 2 → 4'] });
  });

  it('matches jobs by their sink, not by job-N, so inserting a job above renames nothing', () => {
    const earlier = pipelineOf(
      EXAMPLE_SCRIPT.replace(
        'INSERT INTO ods_orders',
        `CREATE TABLE ods_raw (order_id BIGINT, status STRING) WITH ('connector' = 'blackhole');\nINSERT INTO ods_raw SELECT order_id, status FROM src_order_events;\n\nINSERT INTO ods_orders`,
      ),
    );
    const summary = diffPipelines(base, earlier);
    expect(summary.changes.map((c) => `${c.change} ${c.subject} ${c.name}`)).toEqual(['added table ods_raw', 'added job INSERT INTO ods_raw']);
  });

  it('tells two jobs into one sink apart by their order', () => {
    const twoA = pipelineOf(EXAMPLE_SCRIPT + `\nINSERT INTO ads_city_revenue SELECT 'x', CAST(1 AS BIGINT), CAST(0 AS DECIMAL(12, 2)) FROM dim_users;\n`);
    const twoB = pipelineOf(EXAMPLE_SCRIPT + `\nINSERT INTO ads_city_revenue SELECT city, CAST(1 AS BIGINT), CAST(0 AS DECIMAL(12, 2)) FROM dim_users;\n`);
    const summary = diffPipelines(twoA, twoB);
    expect(summary.changes.map((c) => `${c.change} ${c.name}`)).toEqual(['changed INSERT INTO ads_city_revenue #2']);
  });
});

describe('describePipeline', () => {
  it('counts tables, jobs and settings, and errors', () => {
    expect(describePipeline(base, 0)).toBe('5 tables · 3 jobs · 3 settings');
    expect(describePipeline(null, 2)).toBe('2 errors');
  });
});
