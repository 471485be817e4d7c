// The `jdbc` connector's options; its store is store.ts.
import type { ConnectorSpec } from '../spec';
import { scanParallelism, sinkParallelism } from '../spec';

export const JDBC_SPEC: ConnectorSpec = {
  name: 'jdbc',
  doc: 'A relational table (simulated MySQL-like serving table): upsert and delete by PRIMARY KEY, like the ADS MySQL tables.',
  source: true,
  sink: true,
  supported: true,
  requiresPrimaryKey: false,
  usesFormat: false,
  // Flink's JDBC sink upserts and deletes by the PRIMARY KEY; without one it only appends.
  sinkChanges: () => 'any-with-key',
  options: [
    { key: 'url', type: 'string', required: true, doc: "JDBC database url, e.g. 'jdbc:mysql://localhost:3306/ads'.", effect: 'none' },
    { key: 'table-name', type: 'string', required: true, doc: 'Name of the table in the database.', effect: 'none' },
    { key: 'driver', type: 'string', required: false, doc: 'JDBC driver class; derived from the url when absent.', effect: 'none' },
    { key: 'username', type: 'string', required: false, doc: 'JDBC user name.', effect: 'none' },
    { key: 'password', type: 'string', required: false, doc: 'JDBC password.', effect: 'none' },
    { key: 'connection.max-retry-timeout', type: 'duration', default: '60s', required: false, doc: 'Maximum timeout between connection retries.', effect: 'none' },
    { key: 'sink.buffer-flush.max-rows', type: 'int', default: '100', required: false, doc: 'Max rows (keys, with a primary key) buffered before a flush; 0 disables buffering.' },
    { key: 'sink.buffer-flush.interval', type: 'duration', default: '1s', required: false, doc: 'Flush interval of buffered rows (asynchronous); 0 disables it.' },
    { key: 'sink.max-retries', type: 'int', default: '3', required: false, doc: 'Max retries when writing records fails.', effect: 'none' },
    { key: 'lookup.cache.max-rows', type: 'long', required: false, doc: 'Max rows of the lookup cache; the cache is disabled when not set.', effect: 'none' },
    { key: 'lookup.cache.ttl', type: 'duration', required: false, doc: 'Max time to live of each row in the lookup cache.', effect: 'none' },
    sinkParallelism,
    scanParallelism,
  ],
};
