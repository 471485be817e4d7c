// DropRowKind (Freshet extension, DROP_ROW_KIND hint): drops the named row kinds right before the
// sink, e.g. `-U` to write a retract stream into an upsert table, `-U,-D` to keep only the
// inserts and the latest updates.
import type * as A from '../../sql/ast';
import type { DropRowKindNode } from '../graph';
import { ROW_KIND_TEXTS, hintInfo, parseRowKinds } from '../hints';
import type { JobBuilder } from '../job';
import type { Rel } from '../bind/scope';

export interface DropRowKindMatch {
  hint: A.Hint;
  /** RowKind numbers, ascending. */
  kinds: number[];
}

/**
 * Applies when the INSERT target or the query's top SELECT carries DROP_ROW_KIND (the target's
 * wins); validates the row kinds it names.
 */
export function matchDropRowKind(onTarget: A.Hint | undefined, onTopSelect: readonly A.Hint[] | undefined): DropRowKindMatch | null {
  const hint = onTarget ?? onTopSelect?.find((h) => h.name === 'DROP_ROW_KIND');
  if (!hint) return null;
  return { hint, kinds: parseRowKinds(hint) };
}

export function planDropRowKind(job: JobBuilder, input: Rel, match: DropRowKindMatch): Rel {
  const inputNode = job.get(input.node);
  const node = job.add<DropRowKindNode>({
    kind: 'DropRowKind',
    inputs: [input.node],
    schema: inputNode.schema,
    uniqueKey: inputNode.uniqueKey,
    parallelism: job.parallelism,
    hints: [hintInfo(match.hint)],
    label: `DropRowKind(kinds=[${match.kinds.map((k) => ROW_KIND_TEXTS[k]).join(', ')}])`,
    dropKinds: match.kinds,
  });
  return { node: node.id, cols: input.cols };
}
