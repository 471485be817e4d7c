// Plan nodes to runtime operators: compiles the bound expressions and hands the closures to the
// runtime's operator factories. Source, Values and Sink nodes have no operator: the job runtime
// drives them through storage readers and writers.
import type { IntervalJoinNode, JoinNode, PlanNode, WindowJoinNode } from '../plan/graph';
import type { BoundExpr } from '../expr/ir';
import type { Operator } from '../runtime/operator';
import type { EquiJoinOptions } from '../runtime/join';
import type { LookupSource } from '../runtime/lookup-join';
import { calc, deduplicate, dropRowKind, groupAggregate, intervalJoin, join, lookupJoin, mergeAction, overAggregate, rank, RightAntiJoinOperator, temporalJoin, toChangelog, union, windowAggregate, windowJoin, windowRank, windowTableFunction } from '../runtime/index';
import { compileExpr, type EvalContext } from '../expr/index';
import type { SimConfig } from './settings';
import type { ChangelogMode } from '../types';

/** The dimension table a lookup join reads, by name (null: not a table that serves lookups). */
export type LookupResolver = (table: string) => LookupSource | null;

/**
 * `lookup`: the tables lookup joins read; `changelogModeOf(id)`: the planner's changelog mode of a
 * node of the job (the operators' inputs).
 */
export type OperatorFactory = (
  node: PlanNode,
  arity: (nodeId: number) => number,
  config: SimConfig,
  ctx: EvalContext,
  lookup?: LookupResolver,
  changelogModeOf?: (nodeId: number) => ChangelogMode,
) => Operator | null;

export const createOperator: OperatorFactory = (node, arity, config, ctx, lookup, changelogModeOf) => {
  const ttl = (ms: number | null): number | null => (ms !== null ? ms : config.stateTtlMs > 0 ? config.stateTtlMs : null);
  switch (node.kind) {
    case 'Source':
    case 'Values':
    case 'Sink':
      return null;
    case 'Calc': {
      // CURRENT_WATERMARK reads this Calc's own watermark.
      const watermarkCell = usesCurrentWatermark(node) ? { value: null as number | null } : null;
      const calcCtx: EvalContext = watermarkCell ? { now: () => ctx.now(), random: ctx.random, watermark: () => watermarkCell.value } : ctx;
      const identity =
        node.projections.length === arity(node.inputs[0]!) &&
        node.projections.every((p, i) => p.op === 'col' && p.index === i);
      return calc({
        filter: node.filter ? compileExpr(node.filter, calcCtx) : null,
        projections: identity ? null : node.projections.map((p) => compileExpr(p, calcCtx)),
        columnRefs: identity ? null : node.projections.map((p) => (p.op === 'col' ? p.index : null)),
        parallelism: node.parallelism,
        watermarkCell,
      });
    }
    case 'GroupAggregate':
      return groupAggregate({
        groupKeys: node.groupKeys,
        aggs: node.aggs,
        parallelism: node.parallelism,
        ttlMs: ttl(node.stateTtlMs),
        cleanupCondition: node.cleanupCondition ? compileExpr(node.cleanupCondition, ctx) : null,
        // MAX/MIN over an insert-only input keep one value per group, not every distinct value.
        inputInsertOnly: changelogModeOf !== undefined && changelogModeOf(node.inputs[0]!) === 'insert-only',
      });
    case 'Join': {
      const options = {
        ...equiJoinOptions(node, arity, ctx),
        leftTtlMs: ttl(node.leftStateTtlMs),
        rightTtlMs: ttl(node.rightStateTtlMs),
        leftCleanupCondition: node.leftCleanupCondition ? compileExpr(node.leftCleanupCondition, ctx) : null,
        rightCleanupCondition: node.rightCleanupCondition ? compileExpr(node.rightCleanupCondition, ctx) : null,
      };
      return node.anti ? new RightAntiJoinOperator(options) : join(options);
    }
    case 'MergeAction':
      return mergeAction({
        targetWidth: node.targetWidth,
        targetKey: node.targetKey,
        clauses: node.clauses.map((c) => ({
          matched: c.matched,
          condition: c.condition ? compileExpr(c.condition, ctx) : null,
          action: c.action,
          projections: c.projections.map((p) => compileExpr(p, ctx)),
        })),
        onSpan: node.onSpan,
        parallelism: node.parallelism,
      });
    case 'IntervalJoin':
      return intervalJoin({
        ...equiJoinOptions(node, arity, ctx),
        timeKind: node.timeKind,
        lowerBoundMs: node.lowerBoundMs,
        upperBoundMs: node.upperBoundMs,
        leftTimeIndex: node.leftTimeIndex,
        rightTimeIndex: node.rightTimeIndex,
      });
    case 'TemporalJoin':
      return temporalJoin({
        joinType: node.joinType,
        leftKeys: node.leftKeys,
        rightKeys: node.rightKeys,
        leftArity: arity(node.inputs[0]!),
        rightArity: arity(node.inputs[1]!),
        residual: node.residual ? compileExpr(node.residual, ctx) : null,
        leftTimeIndex: node.leftTimeIndex,
        rightTimeIndex: node.rightTimeIndex,
        parallelism: node.parallelism,
      });
    case 'LookupJoin': {
      const source = lookup?.(node.table);
      if (!source) throw new Error(`lookup join: table '${node.table}' serves no lookups`);
      return lookupJoin({
        joinType: node.joinType,
        leftKeys: node.leftKeys,
        lookupKeys: node.lookupKeys,
        rightArity: node.schema.columns.length - arity(node.inputs[0]!),
        residual: node.residual ? compileExpr(node.residual, ctx) : null,
        source,
        cache: node.cache,
        parallelism: node.parallelism,
        epochMs: config.epochMs,
      });
    }
    case 'WindowTableFunction':
      return windowTableFunction({ window: node.window, timeIndex: node.timeIndex, dropLateRecords: node.dropLateRecords, parallelism: node.parallelism });
    case 'WindowAggregate':
      return windowAggregate({
        window: node.window,
        keyCount: node.keyCount,
        windowStartKey: node.windowStartKey,
        windowEndKey: node.windowEndKey,
        windowTimeKey: node.windowTimeKey,
        aggs: node.aggs,
        parallelism: node.parallelism,
        epochMs: config.epochMs,
      });
    case 'OverAggregate':
      return overAggregate({
        partitionKeys: node.partitionKeys,
        timeKind: node.timeKind,
        timeIndex: node.timeIndex,
        rows: node.rows,
        preceding: node.preceding,
        aggs: node.aggs,
        parallelism: node.parallelism,
        epochMs: config.epochMs,
      });
    case 'Rank':
      return rank({ partitionKeys: node.partitionKeys, sortKeys: node.sortKeys, rankEnd: node.rankEnd, outputRankNumber: node.outputRankNumber, parallelism: node.parallelism });
    case 'WindowJoin':
      return windowJoin({
        ...equiJoinOptions(node, arity, ctx),
        leftWindowEndIndex: node.leftWindowEndIndex,
        rightWindowEndIndex: node.rightWindowEndIndex,
        timeKind: node.timeKind,
        epochMs: config.epochMs,
      });
    case 'WindowRank':
      return windowRank({
        partitionKeys: node.partitionKeys,
        sortKeys: node.sortKeys,
        rankEnd: node.rankEnd,
        windowEndIndex: node.windowEndIndex,
        timeKind: node.timeKind,
        parallelism: node.parallelism,
        epochMs: config.epochMs,
      });
    case 'Deduplicate':
      return deduplicate({
        partitionKeys: node.partitionKeys,
        keepLastRow: node.keepLastRow,
        timeKind: node.timeKind,
        timeIndex: node.timeIndex,
        outputRankNumber: node.outputRankNumber,
        parallelism: node.parallelism,
      });
    case 'Union':
      return union({ inputs: node.inputs.length, parallelism: node.parallelism });
    case 'DropRowKind':
      return dropRowKind({ dropKinds: node.dropKinds, parallelism: node.parallelism });
    case 'ToChangelog':
      return toChangelog({ order: node.order, codes: node.codes, parallelism: node.parallelism });
  }
};

/** Whether the Calc's expressions call CURRENT_WATERMARK (an explicit stack: expressions may be 100,000 deep). */
function usesCurrentWatermark(node: Extract<PlanNode, { kind: 'Calc' }>): boolean {
  const stack: BoundExpr[] = [...node.projections, ...(node.filter ? [node.filter] : [])];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.op === 'call') {
      if (e.fn === 'current_watermark') return true;
      for (const a of e.args) stack.push(a);
    } else if (e.op === 'cast') stack.push(e.expr);
    else if (e.op === 'case') {
      for (const w of e.whens) stack.push(w.when, w.then);
      if (e.else) stack.push(e.else);
    }
  }
  return false;
}

/** The options every two-input join operator (regular, interval, window) takes from its node. */
function equiJoinOptions(node: JoinNode | IntervalJoinNode | WindowJoinNode, arity: (nodeId: number) => number, ctx: EvalContext): EquiJoinOptions {
  return {
    joinType: node.joinType,
    leftKeys: node.leftKeys,
    rightKeys: node.rightKeys,
    leftArity: arity(node.inputs[0]!),
    rightArity: arity(node.inputs[1]!),
    residual: node.residual ? compileExpr(node.residual, ctx) : null,
    parallelism: node.parallelism,
  };
}
