// Storage: one TableStore per table, by connector.
import type { StoreContext, TableStore } from './table';
import { ConnectorError } from './table';
import { DatagenTable } from './datagen';
import { FileTable } from './filesystem';
import { JdbcTable } from './jdbc';
import { KafkaTable, TopicRegistry } from './kafka';
import { BlackholeTable, PrintTable } from './sinks';

export * from './table';
export { DatagenTable } from './datagen';
export { FileTable } from './filesystem';
export { JdbcTable } from './jdbc';
export { KafkaTable, Topic, TopicRegistry } from './kafka';
export { BlackholeTable, PrintTable } from './sinks';

export const SUPPORTED_CONNECTORS = ['datagen', 'filesystem', 'kafka', 'upsert-kafka', 'jdbc', 'print', 'blackhole'] as const;

/** Builds a table's storage. Throws ConnectorError with a plain message. */
export function createStore(ctx: StoreContext, topics: TopicRegistry): TableStore {
  const connector = ctx.def.connector.toLowerCase();
  switch (connector) {
    case 'datagen':
      return new DatagenTable(ctx);
    case 'filesystem':
      return new FileTable(ctx);
    case 'kafka':
    case 'upsert-kafka':
      return new KafkaTable(ctx, topics);
    case 'jdbc':
      return new JdbcTable(ctx);
    case 'print':
      return new PrintTable(ctx);
    case 'blackhole':
      return new BlackholeTable(ctx);
    case 'iceberg':
      throw new ConnectorError(`not supported yet: connector 'iceberg' (table '${ctx.def.name}')`);
    default:
      throw new ConnectorError(
        `table '${ctx.def.name}' uses connector '${ctx.def.connector}', which Freshet does not simulate; use one of ${SUPPORTED_CONNECTORS.join(', ')}`,
      );
  }
}
