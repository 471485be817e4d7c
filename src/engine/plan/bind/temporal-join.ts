// Binding `left JOIN t FOR SYSTEM_TIME AS OF left.time [AS r] ON ...`: the AS OF expression over
// the left input, the versioned table's definition, then the temporal join rule.
import type * as A from '../../sql/ast';
import type { BoundExpr } from '../../expr/ir';
import { matchTemporalJoin, planTemporalJoin } from '../physical/join-temporal';
import type { JoinInputs } from '../physical/join';
import type { QueryContext } from './context';
import { ExprBinder } from './expr';
import type { Rel } from './scope';

export function bindTemporalJoin(ctx: QueryContext, j: A.JoinItem, t: A.TableRef, conditions: BoundExpr[], inputs: JoinInputs): Rel {
  const asOfExpr = t.forSystemTimeAsOf!;
  const asOf = new ExprBinder({ cols: inputs.left.cols }, 'FOR SYSTEM_TIME AS OF').bind(asOfExpr);
  const table = ctx.catalog.lookupTable(t.name);
  const m = matchTemporalJoin(j, asOf, asOfExpr.span, inputs.right, table);
  return planTemporalJoin(ctx.job, j, conditions, m, inputs, table, j.on?.span ?? j.span);
}
