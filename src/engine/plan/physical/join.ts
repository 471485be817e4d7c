// Join: a regular streaming join on equality keys, with the other conditions as a residual over
// the joined row.
//
// matchJoin sorts the bound conditions: an equality between a column of each side is a key; an
// equality between expressions each over one side is a computed key (as Flink does, each input
// computes it as an extra column, the join matches on those, and a Calc after the join drops
// them); a condition on the side that outer-join semantics does not preserve moves below the
// join; the rest is the residual. A join without any key fails: a streaming job cannot join
// every row with every row. planJoin then only builds the nodes.
import type * as A from '../../sql/ast';
import type { Column } from '../../types';
import type { BoundExpr } from '../../expr/ir';
import { exprToSql, quoteIdent } from '../../expr/print';
import { materialized, mk } from '../../expr/typeutil';
import type { JoinNode, JoinType } from '../graph';
import { andAll, boundConjuncts, shiftColumns, shiftColumnsFrom } from '../bound-exprs';
import { fail } from '../errors';
import type { JobBuilder } from '../job';
import { unqualified, type Rel, type ScopeCol } from '../bind/scope';
import { cleanupLabel } from '../state-cleanup';
import { planCalc } from './calc';
import { identityProjections, range, uniquify } from './columns';
import { computedEquiKey, equiKey, plainColumn, sideOf } from './join-keys';

/** A computed key: its key position, and where its expression is in each side's list (-1: a plain column). */
interface ComputedKey {
  keyPosition: number;
  leftExpr: number;
  rightExpr: number;
}

export interface JoinMatch {
  /** CROSS joins with a condition are inner joins. */
  joinType: JoinType;
  /** Key columns of the left input; -1 where a computed key's column is yet to be planned. */
  leftKeys: number[];
  /** Key columns of the right input (its own positions); -1 as for leftKeys. */
  rightKeys: number[];
  /** Computed key expressions over the left input, planned as extra columns after its own. */
  leftKeyExprs: BoundExpr[];
  /** Computed key expressions over the right input (its own positions). */
  rightKeyExprs: BoundExpr[];
  computedKeys: ComputedKey[];
  /** Conditions over one input that may be applied before the join (right ones at its own positions). */
  leftFilters: BoundExpr[];
  rightFilters: BoundExpr[];
  /** The other conditions, over the joined row of the inputs' own columns. */
  residual: BoundExpr[];
}

/** Sorts the join's conditions (over the joined row; `leftWidth` left columns) into keys, filters and residual. */
export function matchJoin(j: A.JoinItem, conditions: BoundExpr[], leftWidth: number, options: { keysRequired: boolean } = { keysRequired: true }): JoinMatch {
  const jt = j.joinType;
  const match: JoinMatch = {
    joinType: jt === 'CROSS' ? 'INNER' : jt,
    leftKeys: [],
    rightKeys: [],
    leftKeyExprs: [],
    rightKeyExprs: [],
    computedKeys: [],
    leftFilters: [],
    rightFilters: [],
    residual: [],
  };
  for (const c of conditions.flatMap(boundConjuncts)) {
    const k = equiKey(c, leftWidth);
    if (k) {
      match.leftKeys.push(k[0]);
      match.rightKeys.push(k[1] - leftWidth);
      continue;
    }
    const ck = computedEquiKey(c, leftWidth);
    if (ck) {
      // A plain column stays a column; only expressions become extra columns.
      const [l, r] = [plainColumn(ck[0]), plainColumn(ck[1])];
      match.computedKeys.push({
        keyPosition: match.leftKeys.length,
        leftExpr: l === null ? match.leftKeyExprs.push(ck[0]) - 1 : -1,
        rightExpr: r === null ? match.rightKeyExprs.push(shiftColumns(ck[1], -leftWidth)) - 1 : -1,
      });
      match.leftKeys.push(l ?? -1);
      match.rightKeys.push(r === null ? -1 : r - leftWidth);
      continue;
    }
    const side = sideOf(c, leftWidth);
    // ON conditions on the side that is not preserved can be applied before the join.
    if (side === 'left' && (jt === 'INNER' || jt === 'CROSS' || jt === 'RIGHT')) match.leftFilters.push(c);
    else if (side === 'right' && (jt === 'INNER' || jt === 'CROSS' || jt === 'LEFT')) match.rightFilters.push(shiftColumns(c, -leftWidth));
    else match.residual.push(c);
  }
  if (match.leftKeys.length === 0 && options.keysRequired) {
    if (jt === 'CROSS' && !j.on) {
      fail(
        'not supported: a join without a condition (CROSS JOIN or FROM a, b); a streaming job cannot join every row with every row. Add an equality such as ON a.id = b.id',
        j.span,
        'join-condition',
      );
    }
    fail('a regular join needs an equality condition between both sides, e.g. ON a.id = b.id', j.on?.span ?? j.span, 'join-condition');
  }
  return match;
}

export interface JoinInputs {
  left: Rel;
  right: Rel;
  /** The joined row as names see it (left columns, then right; a USING column's right copy hidden). */
  joinedCols: ScopeCol[];
  /** Filters applied to each input before the join (the matched ones and pushed-down WHERE conjuncts). */
  leftFilters: BoundExpr[];
  rightFilters: BoundExpr[];
  leftStateTtlMs: number | null;
  rightStateTtlMs: number | null;
  /** STATE_CLEANUP per input: its ttl (overriding the STATE_TTL above) and condition over the input's own columns. */
  leftCleanup?: SideCleanup | null;
  rightCleanup?: SideCleanup | null;
}

export interface SideCleanup {
  ttlMs: number | null;
  ttlText: string | null;
  condition: BoundExpr | null;
}

/** Each input with its filter and computed keys planned, the join keys and residual over them. */
export interface PreparedJoin {
  left: Rel;
  right: Rel;
  leftKeys: number[];
  rightKeys: number[];
  /** Conditions over the joined row of the prepared inputs (computed keys included). */
  residual: BoundExpr[];
  /** Output names and types of the joined row of the prepared inputs. */
  names: string[];
  types: Column['type'][];
  leftWidthWithKeys: number;
  /** Positions of the joined row that names see (computed key columns left out). */
  visible: number[];
}

/** Plans each input's filter and computed key columns; resolves key positions and shifts the residual. */
export function prepareJoinInputs(job: JobBuilder, match: JoinMatch, inputs: JoinInputs): PreparedJoin {
  const leftWidth = inputs.left.cols.length;
  const rightWidth = inputs.right.cols.length;
  const left = withFilterAndKeys(job, inputs.left, andAll(inputs.leftFilters), match.leftKeyExprs);
  const right = withFilterAndKeys(job, inputs.right, andAll(inputs.rightFilters), match.rightKeyExprs);
  const leftKeys = [...match.leftKeys];
  const rightKeys = [...match.rightKeys];
  for (const k of match.computedKeys) {
    if (k.leftExpr >= 0) leftKeys[k.keyPosition] = leftWidth + k.leftExpr;
    if (k.rightExpr >= 0) rightKeys[k.keyPosition] = rightWidth + k.rightExpr;
  }
  // Computed keys sit after each side's columns: move the right side's columns in the residual.
  const extraLeft = match.leftKeyExprs.length;
  const residual = extraLeft > 0 ? match.residual.map((e) => shiftColumnsFrom(e, leftWidth, extraLeft)) : match.residual;
  const leftWidthWithKeys = leftWidth + extraLeft;
  const visible = [...range(0, leftWidth), ...range(leftWidthWithKeys, leftWidthWithKeys + rightWidth)];
  const names = uniquify([...job.get(left.node).schema.columns.map((c) => c.name), ...job.get(right.node).schema.columns.map((c) => c.name)]);
  const types = [...left.cols, ...right.cols].map((c) => c.type);
  return { left, right, leftKeys, rightKeys, residual, names, types, leftWidthWithKeys, visible };
}

/** The joined relation as names see it; a Calc drops the computed key columns again when there are any. */
export function finishJoin(job: JobBuilder, nodeId: number, columns: Column[], prepared: PreparedJoin, inputs: JoinInputs): Rel {
  const { visible, names } = prepared;
  const outCols = inputs.joinedCols.map((c, i) => ({ ...c, type: columns[visible[i]!]!.type }));
  if (visible.length === columns.length) return { node: nodeId, cols: outCols };
  const dropped = planCalc(
    job,
    { node: nodeId, cols: unqualified(columns) },
    null,
    visible.map((i) => ({ op: 'col', index: i, type: columns[i]!.type })),
    visible.map((i) => names[i]!),
  );
  return { node: dropped.node, cols: outCols };
}

/** A join's output columns (left, then right): the side an outer join pads with NULLs is nullable. */
export function joinColumns(joinType: JoinType, names: string[], types: Column['type'][], leftWidth: number): Column[] {
  const leftNullable = joinType === 'RIGHT' || joinType === 'FULL';
  const rightNullable = joinType === 'LEFT' || joinType === 'FULL';
  return names.map((name, i) => ({
    name,
    type: (rightNullable && i >= leftWidth) || (leftNullable && i < leftWidth) ? { ...types[i]!, nullable: true } : types[i]!,
  }));
}

/** Plans each input's filter and computed keys, the Join, and the Calc dropping computed keys again. */
export function planJoin(job: JobBuilder, match: JoinMatch, inputs: JoinInputs): { node: JoinNode; rel: Rel } {
  const prepared = prepareJoinInputs(job, match, inputs);
  const { left, right, leftKeys, rightKeys, residual, names, leftWidthWithKeys } = prepared;
  // A regular join materializes time attributes: its output rows are not ordered by time.
  const types = prepared.types.map(materialized);
  const joinType = match.joinType;
  const columns = joinColumns(joinType, names, types, leftWidthWithKeys);
  const node = job.add<JoinNode>({
    kind: 'Join',
    inputs: [left.node, right.node],
    schema: { columns },
    uniqueKey: null,
    parallelism: job.parallelism,
    hints: [],
    label: joinLabel(joinType, leftKeys, rightKeys, residual, types, names, leftWidthWithKeys).slice(0, -1) + cleanupLabels(inputs, names, leftWidthWithKeys) + ')',
    joinType,
    leftKeys,
    rightKeys,
    residual: andAll(residual),
    leftStateTtlMs: inputs.leftCleanup?.ttlMs ?? inputs.leftStateTtlMs,
    rightStateTtlMs: inputs.rightCleanup?.ttlMs ?? inputs.rightStateTtlMs,
    leftCleanupCondition: inputs.leftCleanup?.condition ?? null,
    rightCleanupCondition: inputs.rightCleanup?.condition ?? null,
  });
  return { node, rel: finishJoin(job, node.id, columns, prepared, inputs) };
}

/** An input with its pre-join filter applied and its computed key columns appended (hidden from names). */
function withFilterAndKeys(job: JobBuilder, input: Rel, filter: BoundExpr | null, keyExprs: BoundExpr[]): Rel {
  if (!filter && keyExprs.length === 0) return input;
  const width = input.cols.length;
  const keyNames = keyExprs.map((_, i) => `$f${width + i}`);
  const out = planCalc(job, input, filter, [...identityProjections(input.cols), ...keyExprs], [...input.cols.map((c) => c.name), ...keyNames], { keepQualifiers: true });
  const keyCols = keyExprs.map((e, i): ScopeCol => ({ name: keyNames[i]!, qualifier: null, table: null, type: e.type, hidden: true }));
  return { ...out, cols: [...out.cols, ...keyCols] };
}

/** `, leftStateCleanup=[...]` / `, rightStateCleanup=[...]` after the join label, for the inputs that have one. */
function cleanupLabels(inputs: JoinInputs, names: string[], rightStart: number): string {
  const side = (which: string, c: SideCleanup | null | undefined, sideNames: string[]) =>
    c ? `, ${which}StateCleanup=[${cleanupLabel(c.ttlText, c.condition, sideNames)}]` : '';
  return side('left', inputs.leftCleanup, names.slice(0, rightStart)) + side('right', inputs.rightCleanup, names.slice(rightStart));
}

/** Flink's names of the join types in plan labels. */
export const JOIN_TYPE_NAMES: Record<JoinType, string> = { INNER: 'InnerJoin', LEFT: 'LeftOuterJoin', RIGHT: 'RightOuterJoin', FULL: 'FullOuterJoin' };

/** Flink's label: `Join(joinType=[InnerJoin], where=[(a = b)], select=[...])`. */
function joinLabel(joinType: JoinType, leftKeys: number[], rightKeys: number[], residual: BoundExpr[], types: Column['type'][], names: string[], rightStart: number): string {
  const allConds = [
    ...leftKeys.map((l, i) => ({ op: 'call', fn: '=', args: [{ op: 'col', index: l, type: types[l]! }, { op: 'col', index: rightKeys[i]! + rightStart, type: types[rightKeys[i]! + rightStart]! }], type: mk('BOOLEAN') }) as BoundExpr),
    ...residual,
  ];
  const whereText = exprToSql(allConds.length === 1 ? allConds[0]! : { op: 'call', fn: 'and', args: allConds, type: mk('BOOLEAN') }, names, true);
  return `Join(joinType=[${JOIN_TYPE_NAMES[joinType]}], where=[${whereText}], select=[${names.map(quoteIdent).join(', ')}])`;
}
