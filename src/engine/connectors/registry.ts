// The one list of connectors the dialect knows, in the order messages and completion list them.
// A connector is supported when the engine runs it (it has a store); a reserved one (iceberg) is
// known to completion and hover and reported as "not supported yet".
import type { TableDef } from '../plan/graph';
import { ConnectorError } from '../errors';
import type { Connector } from './connector';
import type { ConnectorSpec } from './spec';
import type { StoreContext, TableStore } from './store';
import { lowerOptions } from './store';
import type { TopicRegistry } from './kafka/store';
import { datagen } from './datagen/connector';
import { filesystem } from './filesystem/connector';
import { kafka, upsertKafka } from './kafka/connector';
import { jdbc } from './jdbc/connector';
import { print } from './print/connector';
import { blackhole } from './blackhole/connector';
import { iceberg } from './iceberg/connector';

export const CONNECTORS: readonly Connector[] = [datagen, filesystem, kafka, upsertKafka, jdbc, print, blackhole, iceberg];

export const CONNECTOR_SPECS: readonly ConnectorSpec[] = CONNECTORS.map((c) => c.spec);

/** Every connector name, reserved ones included, as diagnostics list them. */
export const CONNECTOR_NAMES: readonly string[] = CONNECTORS.map((c) => c.spec.name);

/** The connectors the simulator runs. */
export const SIMULATED_CONNECTOR_NAMES: readonly string[] = CONNECTORS.filter((c) => c.createStore).map((c) => c.spec.name);

/** The connector of this exact (lower-case) name. */
export function connectorNamed(name: string): Connector | undefined {
  return CONNECTORS.find((c) => c.spec.name === name);
}

/** The spec of a connector, its name in any case. */
export function findConnectorSpec(name: string): ConnectorSpec | undefined {
  return connectorNamed(name.toLowerCase())?.spec;
}

/** Builds a table's storage. Throws ConnectorError with a plain message. */
export function createStore(ctx: StoreContext, topics: TopicRegistry): TableStore {
  const connector = connectorNamed(ctx.def.connector.toLowerCase());
  if (connector?.createStore) return connector.createStore(ctx, topics);
  if (connector) throw new ConnectorError({ table: ctx.def.name, message: `not supported yet: connector '${connector.spec.name}' (table '${ctx.def.name}')` });
  throw new ConnectorError({
    table: ctx.def.name,
    message: `table '${ctx.def.name}' uses connector '${ctx.def.connector}', which Freshet does not simulate; use one of ${SIMULATED_CONNECTOR_NAMES.join(', ')}`,
  });
}

/** Whether a read of `def` ends by itself, asked of its connector without building a store. */
export function readEnds(def: TableDef, options: Record<string, string>, hasWriters: boolean, writersBounded: boolean): boolean {
  const connector = connectorNamed(def.connector.toLowerCase());
  try {
    if (connector?.readEnds) return connector.readEnds(def, options, hasWriters, writersBounded);
  } catch (e) {
    // Options the connector rejects are reported at the table; count the read as ending.
    if (e instanceof ConnectorError) return true;
    throw e;
  }
  return !hasWriters || writersBounded;
}

/**
 * What a table's records live in, for ordering jobs: tables naming one topic share it
 * (`topic:<name>`); any other table is its own (`table:<name>`).
 */
export function resourceOf(def: TableDef): string {
  // A metadata table (`orders$snapshots`) lives with its table: its readers wait for the same writers.
  if (def.metadataOf) return 'table:' + def.metadataOf.table.toLowerCase();
  const connector = def.connector.toLowerCase();
  if (connector === 'kafka' || connector === 'upsert-kafka') return 'topic:' + (lowerOptions(def.options)['topic'] ?? def.name);
  return 'table:' + def.name.toLowerCase();
}
