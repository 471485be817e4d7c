// Placeholders: values that depend on the cluster (addresses, credentials, paths) are written as
// `${NAME}` and listed, with what the simulation used, so a deploy fills them in (envsubst) and a
// round trip puts the simulated values back.
import type { ExportPlaceholder } from './types';

export class PlaceholderBook {
  private readonly byName = new Map<string, ExportPlaceholder>();
  /** Original value -> name, per kind, so one address shared by several tables is one placeholder. */
  private readonly byValue = new Map<string, string>();

  /**
   * The `${NAME}` text for a value of a kind (`KAFKA_BOOTSTRAP_SERVERS`): the same value of the same
   * kind shares a name; a second distinct value gets `_2`, and so on.
   */
  use(kind: string, simulatedValue: string, description: string, usedBy: string): string {
    const valueKey = `${kind}\u0000${simulatedValue}`;
    let name = this.byValue.get(valueKey);
    if (name === undefined) {
      name = kind;
      for (let i = 2; this.byName.has(name); i++) name = `${kind}_${i}`;
      this.byValue.set(valueKey, name);
      this.byName.set(name, { name, description, simulatedValue, usedBy: [] });
    }
    const entry = this.byName.get(name)!;
    if (!entry.usedBy.includes(usedBy)) entry.usedBy.push(usedBy);
    return '${' + name + '}';
  }

  list(): ExportPlaceholder[] {
    return [...this.byName.values()];
  }
}

/** `ods_orders` -> `ODS_ORDERS`: a placeholder name part from a table name. */
export function placeholderPart(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase() || 'TABLE';
}

/** Replaces every `${NAME}` in an exported script by its simulated value (for a round trip). */
export function substitutePlaceholders(sql: string, placeholders: readonly ExportPlaceholder[]): string {
  const values = new Map(placeholders.map((p) => [p.name, p.simulatedValue]));
  // The value goes inside a SQL string literal: quotes are doubled.
  return sql.replace(/\$\{([A-Z0-9_]+)\}/g, (m, name: string) => (values.has(name) ? values.get(name)!.replace(/'/g, "''") : m));
}
