// What binding a query needs: the job its nodes go into, the catalog its names resolve against,
// where warnings go, and a way back into query binding for nested queries (so the FROM binding
// need not import the query binder that imports it).
import type * as A from '../../sql/ast';
import type { WarningSink } from '../hints';
import type { JobBuilder } from '../job';
import type { Catalog } from './catalog';
import type { CteScope } from './cte';
import type { Rel } from './scope';

export interface QueryContext {
  readonly job: JobBuilder;
  readonly catalog: Catalog;
  readonly warn: WarningSink;
  /** Views and WITH queries being expanded around the current point (see EXPANSION_CUT_DEPTH). */
  expansionDepth: number;
  /** Top-N bounds the enclosing queries found for subqueries that number rows with ROW_NUMBER (bind/rank.ts). */
  readonly rankLimits: Map<A.Query, number>;
  /** Bodies of views and WITH queries planned ahead of their readers (cte.ts), by syntax node. */
  readonly preplanned: Map<object, Rel>;
  /** Runs `plan`; when it throws, the nodes it added to the job and the warnings it gave are dropped. */
  tentatively<T>(plan: () => T): T;
  /** Binds and plans a nested query: a subquery, or a CTE or view body where it is read. */
  query(q: A.Query, ctes: CteScope): Rel;
}
