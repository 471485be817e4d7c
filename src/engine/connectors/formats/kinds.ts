// What the stores need to know about a format: its name as written, whether its records carry a
// row kind, and which row kinds a sink can encode in it.
import type { RowKind } from '../../types';
import { RowKind as RK } from '../../types';
import { ConnectorError } from '../../errors';
import { FORMAT_NAMES, FORMATS } from './spec';

export type FormatName = 'csv' | 'json' | 'changelog-json' | 'debezium-json';

/** Formats whose records carry a row kind. */
export function isChangelogFormat(f: string): boolean {
  return FORMATS.some((spec) => spec.name === f && spec.changelog);
}

/** The table's value format (`format` or `value.format`, lower-cased keys). */
export function formatOf(options: Record<string, string>, connector: string): FormatName {
  const f = (options['format'] ?? options['value.format'] ?? '').toLowerCase();
  if (f === '') throw new ConnectorError({ option: 'format', message: `connector '${connector}' needs a 'format' option (${FORMAT_NAMES.join(', ')})` });
  // No option named: the message does not quote the key, and the diagnostic stays at the table.
  if (!FORMAT_NAMES.includes(f)) throw new ConnectorError({ message: `format '${f}' is not supported; use one of ${FORMAT_NAMES.join(', ')}` });
  return f as FormatName;
}

/** Encodes a change for a sink format: which kinds the format can carry. Null when it cannot. */
export function encodeKind(format: FormatName, kind: RowKind): RowKind | null {
  switch (format) {
    case 'csv':
    case 'json':
      return kind === RK.INSERT ? kind : null;
    case 'changelog-json':
      return kind;
    case 'debezium-json':
      // Flink writes +I/+U as "c" (after) and -U/-D as "d" (before).
      return kind === RK.INSERT || kind === RK.UPDATE_AFTER ? RK.INSERT : RK.DELETE;
  }
}

