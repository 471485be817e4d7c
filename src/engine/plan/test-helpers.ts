// Helpers shared by the planner tests (not part of the engine API): a fixed DDL prefix, then the
// statement under test, planned; diagnostics located relative to the statement.
import { expect } from 'vitest';
import { parseScript } from '../sql/index';
import { planScript } from './index';
import type { JobPlan } from './graph';

export interface PlannerFixture {
  /** Parses (no parse diagnostics allowed) and plans `ddl + sql`. */
  planOf(sql: string): ReturnType<typeof planScript>;
  /** The one job `sql` plans to, with no diagnostics. */
  job(sql: string): JobPlan;
  /** Diagnostics as `line:col code: message`, lines relative to `sql`. */
  diags(sql: string): string[];
}

export function plannerFixture(ddl: string): PlannerFixture {
  const ddlLines = ddl.split('\n').length - 1;
  const planOf = (sql: string) => {
    const parsed = parseScript(ddl + sql);
    expect(parsed.diagnostics.map((d) => d.message)).toEqual([]);
    return planScript(parsed.statements);
  };
  return {
    planOf,
    job(sql) {
      const r = planOf(sql);
      expect(r.diagnostics.map((d) => d.message)).toEqual([]);
      expect(r.plan.jobs).toHaveLength(1);
      return r.plan.jobs[0]!;
    },
    diags: (sql) => planOf(sql).diagnostics.map((d) => `${d.span.start.line - ddlLines}:${d.span.start.column} ${d.code}: ${d.message}`),
  };
}
