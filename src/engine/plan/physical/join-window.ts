// WindowJoin: a join whose equality keys pair window_start with window_start and window_end with
// window_end of two windowed inputs (window TVFs or window aggregations, the same window), as
// Flink's StreamPhysicalWindowJoinRule requires. matchWindowJoin decides from the keys the join
// rule found; planWindowJoin builds the node over the prepared inputs. Insert-only in and out.
import type { Span } from '../../types';
import { andAll } from '../bound-exprs';
import type { WindowJoinNode } from '../graph';
import { fail } from '../errors';
import type { JobBuilder } from '../job';
import type { Rel } from '../bind/scope';
import type { JoinInputs, JoinMatch } from './join';
import { finishJoin, joinColumns, prepareJoinInputs } from './join';
import { windowColumnOf } from './window-lineage';

export interface WindowJoinMatch {
  leftWindowEnd: number;
  rightWindowEnd: number;
  timeKind: 'rowtime' | 'proctime';
}

/** A window join when a plain-column key pair is both sides' window_start and another both sides' window_end. */
export function matchWindowJoin(job: JobBuilder, match: JoinMatch, left: Rel, right: Rel): WindowJoinMatch | null {
  let start = false;
  let end: WindowJoinMatch | null = null;
  match.leftKeys.forEach((l, i) => {
    const r = match.rightKeys[i]!;
    if (l < 0 || r < 0) return;
    const lw = windowColumnOf(job, left.node, l);
    const rw = windowColumnOf(job, right.node, r);
    if (!lw || !rw || lw.role !== rw.role) return;
    if (lw.role === 'start') start = true;
    else end = { leftWindowEnd: l, rightWindowEnd: r, timeKind: lw.spec.timeKind };
  });
  return start && end ? end : null;
}

export function planWindowJoin(job: JobBuilder, match: JoinMatch, w: WindowJoinMatch, inputs: JoinInputs, span: Span): Rel {
  const prepared = prepareJoinInputs(job, match, inputs);
  for (const id of [prepared.left.node, prepared.right.node]) {
    const changes = job.changes.of(id);
    if (changes.updates || changes.deletes) fail(`StreamPhysicalWindowJoin doesn't support consuming update and delete changes which is produced by node ${job.get(changes.origin ?? id).label}`, span, 'changelog-mode');
  }
  const { leftKeys, rightKeys, residual, names, types, leftWidthWithKeys } = prepared;
  const joinType = match.joinType;
  const columns = joinColumns(joinType, names, types, leftWidthWithKeys);
  const node = job.add<WindowJoinNode>({
    kind: 'WindowJoin',
    inputs: [prepared.left.node, prepared.right.node],
    schema: { columns },
    uniqueKey: null,
    parallelism: job.parallelism,
    hints: [],
    label: `WindowJoin(joinType=[${joinType}], leftWindow=[window_end=${names[w.leftWindowEnd]}], rightWindow=[window_end=${names[leftWidthWithKeys + w.rightWindowEnd]}], select=[${names.join(', ')}])`,
    joinType,
    leftKeys,
    rightKeys,
    residual: andAll(residual),
    leftWindowEndIndex: w.leftWindowEnd,
    rightWindowEndIndex: w.rightWindowEnd,
    timeKind: w.timeKind,
  });
  return finishJoin(job, node.id, columns, prepared, inputs);
}
