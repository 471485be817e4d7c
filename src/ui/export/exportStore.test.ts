// The Export dialog's store over the real engine (TestStudio): exports the open script for the
// chosen target and catalog, and shows located errors instead when the script has them.
import { describe, expect, it } from 'vitest';
import { TestStudio } from '../test/TestStudio';

describe('export dialog store', () => {
  it('exports the open script and re-exports when the target or catalog changes', async () => {
    const t = await TestStudio.create({ fileName: 'orders-pipeline.sql' });
    const exporter = t.studio.exporter;
    await exporter.getState().show();
    let s = exporter.getState();
    expect(s.open).toBe(true);
    expect(s.result?.ok).toBe(true);
    expect(s.source).toBe(t.script);
    expect(s.result!.target).toBe('flink-1.20');
    expect(s.result!.bundle.map((f) => f.path)).toEqual(['orders-pipeline.sql', 'flink-conf.yaml', 'README.md', 'report.json']);
    expect(s.result!.report.some((e) => e.severity === 'lost')).toBe(true);

    await exporter.getState().setTarget('flink-2.x');
    s = exporter.getState();
    expect(s.result!.target).toBe('flink-2.x');
    expect(s.result!.bundle.map((f) => f.path)).toContain('config.yaml');

    // Until a catalog is chosen, the example's lake tables keep the type they name; a choice wins.
    expect(exporter.getState().catalog).toBeNull();
    expect(exporter.getState().result!.icebergCatalogs).toEqual([{ name: 'lake', catalogType: 'hadoop' }]);
    await exporter.getState().setCatalog('rest');
    expect(exporter.getState().result!.sql).toMatch(/'catalog-type' = 'rest', .*'uri' = '\$\{ICEBERG_REST_URI\}'/);
    expect(exporter.getState().result!.report.some((e) => e.message.includes("'catalog-type' = 'hadoop' gives way to the chosen rest catalog"))).toBe(true);
  });

  it('gives the located errors of a broken script and no SQL', async () => {
    const t = await TestStudio.create();
    await t.type(t.script.replace('GROUP BY city;', 'GROUP BY nowhere;'));
    await t.studio.exporter.getState().show();
    const r = t.studio.exporter.getState().result!;
    expect(r.ok).toBe(false);
    expect(r.sql).toBe('');
    const error = r.diagnostics.find((d) => d.severity === 'error')!;
    expect(error.message).toMatch(/nowhere/);
    expect(error.span.start.line).toBeGreaterThan(100);
  });
});
