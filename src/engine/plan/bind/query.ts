// Binding a query: SELECT, VALUES, UNION ALL and WITH, each planned as it is bound. A streaming
// job has no ORDER BY, LIMIT or OFFSET.
import type * as A from '../../sql/ast';
import type { Span } from '../../types';
import { fail } from '../errors';
import type { WarningSink } from '../hints';
import type { JobBuilder } from '../job';
import { matchUnion, planUnion, unionColumnTypes } from '../physical/union';
import { matchValues, planValues } from '../physical/values';
import type { Catalog } from './catalog';
import type { QueryContext } from './context';
import { withCtes, type CteScope } from './cte';
import { ExprBinder } from './expr';
import type { Rel } from './scope';
import { bindSelect } from './select';

export class QueryBinder implements QueryContext {
  expansionDepth = 0;
  readonly rankLimits = new Map<A.Query, number>();
  readonly preplanned = new Map<object, Rel>();
  readonly warn: WarningSink;
  /** Warnings of the tentative plans under way, innermost last; given on when a plan succeeds. */
  private readonly held: Parameters<WarningSink>[][] = [];

  constructor(
    readonly job: JobBuilder,
    readonly catalog: Catalog,
    sink: WarningSink,
  ) {
    this.warn = (message, span, code) => {
      const held = this.held[this.held.length - 1];
      if (held) held.push([message, span, code]);
      else sink(message, span, code);
    };
  }

  tentatively<T>(plan: () => T): T {
    const mark = this.job.mark();
    const held: Parameters<WarningSink>[] = [];
    this.held.push(held);
    let result: T;
    try {
      result = plan();
    } catch (e) {
      this.held.pop();
      this.job.rollback(mark);
      throw e;
    }
    this.held.pop();
    for (const w of held) this.warn(...w);
    return result;
  }

  query(q: A.Query, ctes: CteScope): Rel {
    switch (q.kind) {
      case 'Select':
        rejectOrderAndLimit(q);
        return bindSelect(this, q, ctes);
      case 'Values':
        rejectOrderAndLimit(q);
        return this.values(q);
      case 'SetOp':
        rejectOrderAndLimit(q);
        return this.unionAll(q, ctes);
      case 'With':
        return this.query(q.body, withCtes(ctes, q.ctes));
    }
  }

  private values(q: A.ValuesQuery): Rel {
    const binder = new ExprBinder({ cols: [] }, 'VALUES');
    const rows = q.rows.map((r) => r.map((e) => binder.bind(e)));
    return planValues(this.job, matchValues(q, rows));
  }

  private unionAll(q: A.SetOpQuery, ctes: CteScope): Rel {
    const parts = matchUnion(q);
    const inputs = parts.map((p) => this.query(p, ctes));
    return planUnion(this.job, inputs, unionColumnTypes(inputs, parts, q.span));
  }
}

function rejectOrderAndLimit(q: { orderBy: A.OrderItem[]; limit?: A.Expr; offset?: A.Expr }): void {
  const unsupported = (what: string, span: Span) => fail(`${what} is not supported in a streaming job`, span, 'unsupported');
  if (q.orderBy.length > 0) unsupported('ORDER BY', q.orderBy[0]!.span);
  if (q.limit) unsupported('LIMIT', q.limit.span);
  if (q.offset) unsupported('OFFSET', q.offset.span);
}
