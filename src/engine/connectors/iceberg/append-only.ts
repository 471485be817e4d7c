// v1 tables are append-only (no delete files). Flink's Iceberg sink accepts every row kind at
// planning time and a v1 commit of deletes fails ("Cannot write delete files in a v1 table");
// the planner calls this check instead so an updating input into a v1 table is rejected at
// compile time with the message Flink gives for an append-only sink.
import type { FormatVersion } from './table-properties';

export function acceptsChangelog(formatVersion: FormatVersion): boolean {
  return formatVersion >= 2;
}

export interface SinkInput {
  /** `default_catalog.default_database.<table>`, as Flink names the sink. */
  readonly qualifiedTableName: string;
  readonly formatVersion: FormatVersion;
  readonly producesUpdates: boolean;
  readonly producesDeletes: boolean;
  /** The node that produces the changes, in Flink's digest form, e.g. `GroupAggregate(...)`. */
  readonly originNode: string;
}

/** Flink's changelog-mode error for this sink, or null when the input is acceptable. */
export function appendOnlyViolation(input: SinkInput): string | null {
  if (acceptsChangelog(input.formatVersion) || (!input.producesUpdates && !input.producesDeletes))
    return null;
  const what = input.producesDeletes ? 'update and delete' : 'update';
  return `Table sink '${input.qualifiedTableName}' doesn't support consuming ${what} changes which is produced by node ${input.originNode}`;
}
