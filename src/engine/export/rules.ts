// The export rules, in the order they run. Each rule reads the script and writes edits and report
// entries; rules never edit the same text. A later issue adds its rule here (one file each under
// rules/), e.g. a new hint or connector: connector options are a table of their own in
// rules/connectors.ts.
import type { ExportContext } from './context';
import { exportSettings } from './rules/settings';
import { exportConnectorOptions } from './rules/connectors';
import { exportIcebergCatalogs } from './rules/iceberg-catalog';
import { exportHints } from './rules/hints';
import { exportMerges } from './rules/merge';
import { exportWindowTvfs } from './rules/window-tvf';
import { exportQualify } from './rules/qualify';
import { exportBareQueries } from './rules/bare-query';
import { exportReservedWords } from './rules/reserved-words';
import { exportComments } from './rules/comments';

export interface ExportRule {
  id: string;
  /** What the rule does, for docs and the README. */
  doc: string;
  apply(ctx: ExportContext): void;
}

export const EXPORT_RULES: readonly ExportRule[] = [
  { id: 'settings', doc: "SET 'sim.*' removed; cluster keys moved to the configuration file; keys the target renamed, renamed", apply: exportSettings },
  {
    id: 'connector-options',
    doc: 'per connector: Freshet-only options removed or translated, placeholders for addresses, credentials and paths; only options of the real connector version kept',
    apply: exportConnectorOptions,
  },
  { id: 'iceberg-catalog', doc: "'connector' = 'iceberg' tables moved into CREATE CATALOG (hadoop, hive or rest) with qualified references", apply: exportIcebergCatalogs },
  { id: 'hints', doc: 'STATE_CLEANUP -> STATE_TTL, DROP_ROW_KIND, REUSE_SOURCE and lake-source OPTIONS keys reported and removed', apply: exportHints },
  { id: 'merge-into', doc: 'MERGE INTO kept as a comment, reported with the batch INSERT alternative', apply: exportMerges },
  { id: 'window-tvf', doc: 'window TVFs written with TABLE(...)', apply: exportWindowTvfs },
  { id: 'qualify', doc: 'QUALIFY rewritten as a Top-N subquery', apply: exportQualify },
  { id: 'bare-query', doc: 'preview SELECT statements removed', apply: exportBareQueries },
  // Last: these edit only where no other rule did.
  { id: 'reserved-words', doc: 'names that are Flink keywords backquoted', apply: exportReservedWords },
  { id: 'comments', doc: "';' in comments written as ','", apply: exportComments },
];
