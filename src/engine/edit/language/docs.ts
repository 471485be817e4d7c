// The Markdown docs completion items and hovers show: options, settings, hints and tables.
import { layerOf } from '../../types';
import type { TableModel } from '../../script';
import { findConnector, type HintSpec, type OptionSpec, type SettingSpec } from '../catalog';

export function md(lines: (string | undefined | false)[]): string {
  return lines.filter((l): l is string => typeof l === 'string').join('\n\n');
}

export function optionDoc(o: OptionSpec, connector?: string): string {
  const facts = [
    `\`${o.type}\``,
    o.required ? 'required' : 'optional',
    o.default !== undefined ? `default \`${o.default}\`` : undefined,
    o.freshet ? 'Freshet simulator option' : undefined,
  ].filter(Boolean);
  return md([
    `**'${o.key}'**${connector ? ` (${connector})` : ''}: ${facts.join(' · ')}`,
    o.doc,
    o.values && o.values.length > 0 ? `Values: ${o.values.map((v) => `\`${v}\``).join(', ')}` : undefined,
  ]);
}

export function settingDoc(s: SettingSpec): string {
  return md([
    `**SET '${s.key}'**: \`${s.type}\`${s.default !== undefined ? ` · default \`${s.default}\`` : ''}${s.freshet ? ' · Freshet simulator setting' : ' · Flink'}`,
    s.doc,
    s.values ? `Values: ${s.values.map((v) => `\`${v}\``).join(', ')}` : undefined,
  ]);
}

export function hintDoc(h: HintSpec): string {
  return md([
    // The hint is in backticks: bare `/*+ ... */` next to `**` is read as emphasis markers.
    `**\`/*+ ${h.name} */\`**: ${h.origin === 'flink' ? 'Flink hint' : 'Freshet extension (flagged on export)'}`,
    h.doc,
    h.keys.length > 0 ? `Keys: ${h.keys.map((k) => `\`'${k.key}'\` (${k.type}${k.required ? ', required' : ''}): ${k.doc}`).join('; ')}` : undefined,
    `Example: \`${h.example}\``,
  ]);
}

export function tableDoc(t: TableModel): string {
  const head =
    t.kind === 'view'
      ? `**${t.name}**: view`
      : `**${t.name}**: ${t.connector ?? 'no connector'} table · layer ${layerOf(t.name)}`;
  const cols = t.columns.map(
    (c) => `- \`${c.name}\`${c.type ? ` ${c.type}` : ''}${t.primaryKey.includes(c.name) ? ' (primary key)' : ''}${c.kind === 'computed' && t.kind === 'table' ? ' (computed)' : ''}${c.kind === 'metadata' ? ' (metadata)' : ''}`,
  );
  const connector = t.connector ? findConnector(t.connector) : undefined;
  return md([
    head,
    cols.length > 0 ? cols.join('\n') : undefined,
    t.primaryKey.length > 0 ? `Primary key: ${t.primaryKey.join(', ')}` : undefined,
    connector && !connector.supported ? `The ${connector.name} connector is not supported yet.` : undefined,
  ]);
}
