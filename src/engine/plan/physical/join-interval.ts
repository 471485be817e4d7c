// IntervalJoin: a join whose condition bounds one input's time attribute by the other's
// (`b.ts BETWEEN a.ts - INTERVAL '1' HOUR AND a.ts`, or a pair of `<`/`<=`/`>`/`>=`, or one `=`).
// Both inputs keep only the rows the other side's time can still reach; the watermark (rowtime)
// or the processing-time clock (proctime) expires the rest, so state stays bounded and the
// output is insert-only (an outer join pads a row when it expires unmatched).
//
// matchIntervalJoin follows Flink's IntervalJoinUtil.extractWindowBoundsFromPredicate
// (flink-table-planner, plan/utils/IntervalJoinUtil.scala): over the conjuncts of the condition,
// a time predicate is a comparison whose two sides each read exactly one time attribute and
// nothing else but constants, one side of each input, both rowtime or both proctime. The join is
// an interval join when there are exactly two range predicates (a lower and an upper bound on
// the same pair) or exactly one equality; every other condition stays a key or the residual.
// The bound is found as Flink does: each side reduced to a constant with its time attribute set
// to 0, `<` and `>` tightened by one millisecond. Anything else is a regular join, as in Flink.
import type { BoundExpr } from '../../expr/ir';
import { exprToSql, quoteIdent } from '../../expr/print';
import { familyOf, mk } from '../../expr/typeutil';
import type { Column } from '../../types';
import type { IntervalJoinNode, JoinType } from '../graph';
import { andAll, boundConjuncts } from '../bound-exprs';
import { fail } from '../errors';
import type { JobBuilder } from '../job';
import type { Span } from '../../types';
import type { JoinMatch, JoinInputs } from './join';
import { JOIN_TYPE_NAMES, finishJoin, joinColumns, prepareJoinInputs } from './join';

/** `leftTime - rightTime` lies in [lowerBoundMs, upperBoundMs] (Flink's WindowBounds). */
export interface IntervalBounds {
  timeKind: 'rowtime' | 'proctime';
  lowerBoundMs: number;
  upperBoundMs: number;
  /** Positions of the time attributes in each input (right at its own positions). */
  leftTimeIndex: number;
  rightTimeIndex: number;
}

export interface IntervalMatch {
  bounds: IntervalBounds;
  /** The conditions left once the time predicates are taken out (keys, filters, residual). */
  remaining: BoundExpr[];
}

interface TimeAccess {
  kind: 'rowtime' | 'proctime';
  left: boolean;
  index: number;
}

interface TimePredicate {
  op: '<' | '<=' | '>' | '>=' | '=';
  /** The comparison's left operand reads the left input's time attribute. */
  leftInputOnLeftSide: boolean;
  leftTime: TimeAccess;
  rightTime: TimeAccess;
  lhs: BoundExpr;
  rhs: BoundExpr;
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '=']);

/** Reads the interval out of a join's conditions (over the joined row); null when it is a regular join. */
export function matchIntervalJoin(conditions: BoundExpr[], leftWidth: number): IntervalMatch | null {
  const timePreds: TimePredicate[] = [];
  const others: BoundExpr[] = [];
  for (const c of conditions.flatMap(boundConjuncts).flatMap(expandBetween)) {
    const p = timePredicate(c, leftWidth);
    if (p) timePreds.push(p);
    else others.push(c);
  }
  const hasEquality = timePreds.some((p) => p.op === '=');
  if (timePreds.length === 0 || timePreds.length > 2) return null;
  if (timePreds.length === 1 && !hasEquality) return null;
  if (timePreds.length === 2 && hasEquality) return null;
  const first = timePreds[0]!;
  // Both predicates must bound the same pair of time attributes.
  if (timePreds.some((p) => p.leftTime.index !== first.leftTime.index || p.rightTime.index !== first.rightTime.index)) return null;
  const bounds = timePreds.map(windowBound);
  if (bounds.some((b) => b === null)) return null;
  let lower: number;
  let upper: number;
  if (bounds.length === 1) lower = upper = bounds[0]!.bound;
  else {
    const [x, y] = bounds as [{ bound: number; isLeftLower: boolean }, { bound: number; isLeftLower: boolean }];
    if (x.isLeftLower && !y.isLeftLower) [lower, upper] = [x.bound, y.bound];
    else if (!x.isLeftLower && y.isLeftLower) [lower, upper] = [y.bound, x.bound];
    else return null;
  }
  return {
    bounds: {
      timeKind: first.leftTime.kind,
      lowerBoundMs: lower,
      upperBoundMs: upper,
      leftTimeIndex: first.leftTime.index,
      rightTimeIndex: first.rightTime.index - leftWidth,
    },
    remaining: others,
  };
}

/** A condition that bounds one input's time attribute by the other's (a WHERE conjunct an inner join takes, as Flink pushes it). */
export function isTimeBound(c: BoundExpr, leftWidth: number): boolean {
  return expandBetween(c).every((x) => timePredicate(x, leftWidth) !== null);
}

/** `x BETWEEN lo AND hi` is `x >= lo AND x <= hi` (Calcite expands it before Flink looks). */
function expandBetween(e: BoundExpr): BoundExpr[] {
  if (e.op !== 'call' || e.fn !== 'between' || e.args.length !== 3) return [e];
  const [x, lo, hi] = e.args as [BoundExpr, BoundExpr, BoundExpr];
  const t = mk('BOOLEAN', e.type.nullable);
  return [
    { op: 'call', fn: '>=', args: [x, lo], type: t },
    { op: 'call', fn: '<=', args: [x, hi], type: t },
  ];
}

/** A cast within the timestamp family still reads the time attribute (Flink's materialization call). */
function timeAccesses(e: BoundExpr, out: TimeAccess[], leftWidth: number): boolean {
  switch (e.op) {
    case 'col':
      if (!e.type.timeAttribute) return false; // a non-time column: not a time predicate
      out.push({ kind: e.type.timeAttribute, left: e.index < leftWidth, index: e.index });
      return true;
    case 'lit':
      return true;
    case 'cast':
      return familyOf(e.type) === 'timestamp' && timeAccesses(e.expr, out, leftWidth);
    case 'call':
      return e.args.every((a) => timeAccesses(a, out, leftWidth));
    case 'case':
      return false;
  }
}

function timePredicate(c: BoundExpr, leftWidth: number): TimePredicate | null {
  if (c.op !== 'call' || !COMPARISONS.has(c.fn) || c.args.length !== 2) return null;
  const [lhs, rhs] = c.args as [BoundExpr, BoundExpr];
  const l: TimeAccess[] = [];
  const r: TimeAccess[] = [];
  if (!timeAccesses(lhs, l, leftWidth) || !timeAccesses(rhs, r, leftWidth)) return null;
  if (l.length !== 1 || r.length !== 1) return null;
  const [a, b] = [l[0]!, r[0]!];
  if (a.kind !== b.kind || a.left === b.left) return null;
  return {
    op: c.fn as TimePredicate['op'],
    leftInputOnLeftSide: a.left,
    leftTime: a.left ? a : b,
    rightTime: a.left ? b : a,
    lhs,
    rhs,
  };
}

/** Flink's computeWindowBoundFromPredicate: the bound on `leftTime - rightTime` and its direction. */
function windowBound(p: TimePredicate): { bound: number; isLeftLower: boolean } | null {
  const isLeftLower = p.op === '>' || p.op === '>=' ? p.leftInputOnLeftSide : p.op === '<' || p.op === '<=' ? !p.leftInputOnLeftSide : true;
  const lv = offsetOf(p.lhs);
  const rv = offsetOf(p.rhs);
  if (lv === null || rv === null) return null;
  const offset = p.leftInputOnLeftSide ? rv - lv : lv - rv;
  let bound = offset;
  if (p.op === '<') bound = p.leftInputOnLeftSide ? offset - 1 : offset + 1;
  else if (p.op === '>') bound = p.leftInputOnLeftSide ? offset + 1 : offset - 1;
  return { bound, isLeftLower };
}

/** The constant an expression over one time attribute reduces to with that attribute at 0 (ms); null if it does not reduce. */
function offsetOf(e: BoundExpr): number | null {
  switch (e.op) {
    case 'col':
      return 0;
    case 'lit':
      return typeof e.value === 'number' && familyOf(e.type) === 'interval' ? e.value : null;
    case 'cast':
      return offsetOf(e.expr);
    case 'call': {
      if ((e.fn !== '+' && e.fn !== '-') || e.args.length !== 2) return null;
      const a = offsetOf(e.args[0]!);
      const b = offsetOf(e.args[1]!);
      if (a === null || b === null) return null;
      return e.fn === '+' ? a + b : a - b;
    }
    case 'case':
      return null;
  }
}

/** Plans the inputs (filters, computed keys), the IntervalJoin and the Calc dropping computed keys. */
export function planIntervalJoin(job: JobBuilder, match: JoinMatch, bounds: IntervalBounds, inputs: JoinInputs, span: Span): { node: IntervalJoinNode; rel: import('../bind/scope').Rel } {
  const prepared = prepareJoinInputs(job, match, inputs);
  for (const [side, id] of [
    ['left', prepared.left.node],
    ['right', prepared.right.node],
  ] as const) {
    const changes = job.changes.of(id);
    if (changes.updates || changes.deletes) {
      fail(
        `StreamPhysicalIntervalJoin doesn't support consuming update and delete changes which is produced by node ${job.get(changes.origin ?? id).label} (the ${side} input of the interval join)`,
        span,
        'changelog-mode',
      );
    }
  }
  const { leftKeys, rightKeys, residual, names, types, leftWidthWithKeys } = prepared;
  const joinType = match.joinType;
  // Time attributes pass through an interval join (a window can follow it), as in Flink.
  const columns = joinColumns(joinType, names, types, leftWidthWithKeys);
  const node = job.add<IntervalJoinNode>({
    kind: 'IntervalJoin',
    inputs: [prepared.left.node, prepared.right.node],
    schema: { columns },
    uniqueKey: null,
    // Without an equality key every row meets in one subtask, as Flink runs it (singleton).
    parallelism: leftKeys.length === 0 ? 1 : job.parallelism,
    hints: [],
    label: intervalJoinLabel(joinType, bounds, leftKeys, rightKeys, residual, columns, leftWidthWithKeys),
    joinType,
    leftKeys,
    rightKeys,
    residual: andAll(residual),
    ...bounds,
  });
  return { node, rel: finishJoin(job, node.id, columns, prepared, inputs) };
}

/** Flink's label: `IntervalJoin(joinType=[InnerJoin], windowBounds=[isRowTime=true, leftLowerBound=..., ...], where=[...], select=[...])`. */
function intervalJoinLabel(joinType: JoinType, b: IntervalBounds, leftKeys: number[], rightKeys: number[], residual: BoundExpr[], columns: Column[], rightStart: number): string {
  const names = columns.map((c) => c.name);
  const conds = [
    ...leftKeys.map((l, i) => `(${quoteIdent(names[l]!)} = ${quoteIdent(names[rightKeys[i]! + rightStart]!)})`),
    ...residual.map((r) => exprToSql(r, names, true)),
  ];
  const bounds = `isRowTime=${b.timeKind === 'rowtime'}, leftLowerBound=${b.lowerBoundMs}, leftUpperBound=${b.upperBoundMs}, leftTimeIndex=${b.leftTimeIndex}, rightTimeIndex=${b.rightTimeIndex}`;
  const where = conds.length > 0 ? `, where=[${conds.join(' AND ')}]` : '';
  return `IntervalJoin(joinType=[${JOIN_TYPE_NAMES[joinType]}], windowBounds=[${bounds}]${where}, select=[${names.map(quoteIdent).join(', ')}])`;
}
