// The lineage store over the real engine (TestStudio): a picked column's traces and the canvas
// highlight they make, a retrace after an edit, and clearing when the column goes away.
import { describe, expect, it } from 'vitest';
import { TestStudio } from '../test/TestStudio';
import { applyLineage, lineageHighlight } from './highlight';

describe('column lineage in the studio', () => {
  it('a picked column lights its tables, jobs and canvas edges, with the column names per table', async () => {
    const studio = await TestStudio.create();
    const lineage = studio.studio.lineage;
    await lineage.getState().show('dim_users', 'CITY');
    const s = lineage.getState();
    expect(s.focus).toEqual({ table: 'dim_users', column: 'city' });
    expect(s.upstream!.columns).toEqual([]);
    const h = lineageHighlight(s.upstream!, s.downstream!);
    expect([...h.jobs].sort()).toEqual(['job-2', 'job-3']);
    expect([...h.tables.keys()].sort()).toEqual(['ads_city_revenue', 'dim_users', 'dwd_paid_orders']);
    expect(h.tables.get('ads_city_revenue')!.map((m) => `${m.column}:${m.role}:${m.control}`)).toEqual(['city:downstream:false', 'paid_orders:downstream:true', 'revenue:downstream:true']);
    expect([...h.edges].sort()).toEqual(['job:job-2->table:dwd_paid_orders', 'job:job-3->table:ads_city_revenue', 'table:dim_users->job:job-2', 'table:dwd_paid_orders->job:job-3']);
    const canvasEdges: { id: string; className?: string }[] = [{ id: 'table:ods_orders->job:job-2' }, { id: 'table:dim_users->job:job-2' }];
    const { nodes, edges } = applyLineage(studio.canvasNodes(), canvasEdges, h);
    const cls = (id: string) => nodes.find((n) => n.id === id)!.className;
    expect(cls('table:ods_orders')).toBe('lineage-dim');
    expect(cls('job:job-2')).toBe('lineage-on');
    expect(edges.map((e) => e.className)).toEqual(['lineage-dim', 'lineage-edge']);
  });

  it('an edit keeps the column traced against the new plan; a column that goes away clears it', async () => {
    const studio = await TestStudio.create();
    const lineage = studio.studio.lineage;
    await lineage.getState().show('ads_city_revenue', 'revenue');
    expect(lineage.getState().upstream!.columns.map((c) => `${c.table}.${c.column}`)).toContain('src_order_events.order_id');
    await studio.type(studio.script.replace('SUM(amount) AS revenue', 'SUM(amount * 2) AS revenue'));
    await studio.settle();
    await expect.poll(() => lineage.getState().upstream?.columns[0]?.transformations.map((t) => t.subtype)).toEqual(['AGGREGATION']);
    await studio.type(studio.script.replace(/revenue\s+DECIMAL\(12, 2\),/, '').replace(', SUM(amount * 2) AS revenue', ''));
    await studio.settle();
    await expect.poll(() => lineage.getState().focus).toBeNull();
    await lineage.getState().show('nope', 'x');
    expect(lineage.getState().message).toMatch(/no column nope\.x/);
  });
});
