// ToChangelog: Flink 2.3's TO_CHANGELOG process table function. Every input change becomes an
// insert of [partition key columns, op code, the other columns], the code naming the change's
// RowKind (INSERT, UPDATE_BEFORE, UPDATE_AFTER, DELETE by default); with `op_mapping` only the
// mapped kinds are forwarded, under the mapped codes. Stateless; the output is append-only,
// which is what lets an updating query feed an append-only sink (the open-source cousin of
// DROP_ROW_KIND). Time attributes are not propagated, as a PTF output's columns are plain.
import type * as A from '../../sql/ast';
import { materialized, mk } from '../../expr/typeutil';
import type { Column } from '../../types';
import { RowKind } from '../../types';
import type { ToChangelogNode } from '../graph';
import { fail } from '../errors';
import type { JobBuilder } from '../job';
import type { Rel, ScopeCol } from '../bind/scope';

/** RowKind names as TO_CHANGELOG's op_mapping keys them. */
const ROW_KIND_NAMES: Record<string, RowKind> = {
  INSERT: RowKind.INSERT,
  UPDATE_BEFORE: RowKind.UPDATE_BEFORE,
  UPDATE_AFTER: RowKind.UPDATE_AFTER,
  DELETE: RowKind.DELETE,
};
const DEFAULT_CODES = ['INSERT', 'UPDATE_BEFORE', 'UPDATE_AFTER', 'DELETE'];

export interface ToChangelogMatch {
  /** Input positions of the PARTITION BY columns, in the order written. */
  partition: number[];
  opName: string;
  /** The op code per RowKind (0 +I .. 3 -D), null for a kind that is dropped. */
  codes: (string | null)[];
}

export function matchToChangelog(tvf: A.ChangelogTvfRef, input: Rel): ToChangelogMatch {
  const visible = (name: string) => input.cols.findIndex((c) => !c.hidden && c.name.toLowerCase() === name.toLowerCase());
  const partition = tvf.partitionBy.map((id) => {
    const i = visible(id.name);
    if (i < 0) fail(`TO_CHANGELOG: unknown column '${id.name}' in PARTITION BY`, id.span, 'unknown-column');
    return i;
  });
  const opName = tvf.opColumn?.name ?? 'op';
  if (visible(opName) >= 0) {
    fail(`TO_CHANGELOG: the op column '${opName}' clashes with a column of the input; name it with op => DESCRIPTOR(...)`, tvf.opColumn?.span ?? tvf.span, 'duplicate-column');
  }
  let codes: (string | null)[] = DEFAULT_CODES.slice();
  if (tvf.opMapping) {
    codes = [null, null, null, null];
    for (const pair of tvf.opMapping) {
      const kind = ROW_KIND_NAMES[pair.rowKind.trim().toUpperCase()];
      if (kind === undefined) fail(`TO_CHANGELOG: op_mapping key '${pair.rowKind}' is not a RowKind; use INSERT, UPDATE_BEFORE, UPDATE_AFTER or DELETE`, pair.span, 'bad-argument');
      if (codes[kind] !== null) fail(`TO_CHANGELOG: op_mapping maps ${pair.rowKind} twice`, pair.span, 'bad-argument');
      codes[kind] = pair.code;
    }
  }
  return { partition, opName, codes };
}

export function planToChangelog(job: JobBuilder, input: Rel, m: ToChangelogMatch, qualifier: string | null): Rel {
  const inputNode = job.get(input.node);
  const rest = input.cols.map((_, i) => i).filter((i) => !m.partition.includes(i));
  const order = [...m.partition, -1, ...rest];
  const opType = mk('STRING', false);
  const columns: Column[] = order.map((i) =>
    i < 0 ? { name: m.opName, type: opType } : { name: inputNode.schema.columns[i]!.name, type: materialized(inputNode.schema.columns[i]!.type) },
  );
  const codesText = m.codes.map((c, k) => (c === null ? null : `${DEFAULT_CODES[k]}=${c}`)).filter((t) => t !== null);
  const node = job.add<ToChangelogNode>({
    kind: 'ToChangelog',
    inputs: [input.node],
    schema: { columns },
    uniqueKey: null,
    parallelism: job.parallelism,
    hints: [],
    label: `ToChangelog(partitionBy=[${m.partition.map((i) => input.cols[i]!.name).join(', ')}], op=[${m.opName}], mapping=[${codesText.join(', ')}])`,
    order,
    codes: m.codes,
  });
  const q = qualifier ?? null;
  const cols: ScopeCol[] = order.map((i, k) =>
    i < 0 ? { name: m.opName, qualifier: q, table: null, type: opType } : { ...input.cols[i]!, qualifier: q ?? input.cols[i]!.qualifier, hidden: false, type: columns[k]!.type },
  );
  return { node: node.id, cols, ...(q !== null ? { alias: q } : {}) };
}
