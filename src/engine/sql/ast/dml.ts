// INSERT and MERGE in the syntax tree.
import type { Span } from '../../types';
import type { Expr } from './expressions';
import type { Hint } from './hints';
import type { Ident, QualifiedName } from './names';
import type { Query, SubqueryRef, TableRef } from './query';

/** `INSERT INTO|OVERWRITE t [/*+ hints *\/] [(cols)] query`. */
export interface InsertStmt {
  kind: 'Insert';
  table: QualifiedName;
  /** Table hints written after the target name. */
  hints: Hint[];
  /** Static partition: `INSERT INTO t PARTITION (dt = '2024-01-01') SELECT ...`. */
  partition?: StaticPartitionValue[];
  columns?: Ident[];
  overwrite: boolean;
  source: Query;
  span: Span;
}

export interface StaticPartitionValue {
  column: Ident;
  value: Expr;
  span: Span;
}

/** `MERGE INTO target [AS t] USING source [AS s] ON cond WHEN ... THEN ...`. */
export interface MergeStmt {
  kind: 'Merge';
  target: TableRef;
  source: TableRef | SubqueryRef;
  on: Expr;
  clauses: MergeClause[];
  span: Span;
}

/** `WHEN [NOT] MATCHED [AND condition] THEN action`. */
export interface MergeClause {
  kind: 'MergeClause';
  matched: boolean;
  condition?: Expr;
  action: MergeAction;
  span: Span;
}

export interface MergeAssignment {
  column: Ident;
  value: Expr;
  span: Span;
}

/** Actions under `WHEN MATCHED`: UpdateSet, UpdateStar, Delete; under `WHEN NOT MATCHED`: InsertValues, InsertStar. */
export type MergeAction =
  | { kind: 'UpdateSet'; assignments: MergeAssignment[]; span: Span }
  | { kind: 'UpdateStar'; span: Span }
  | { kind: 'Delete'; span: Span }
  | { kind: 'InsertValues'; columns?: Ident[]; values: Expr[]; span: Span }
  | { kind: 'InsertStar'; span: Span };
