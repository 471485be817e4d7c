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
    { key: 'lookup.cache', type: 'enum', default: 'NONE', values: ['NONE', 'PARTIAL', 'FULL'], required: false, doc: 'Lookup join cache: PARTIAL caches the rows of each looked-up key (served stale until they expire); FULL is not supported yet.' },
    { key: 'lookup.partial-cache.max-rows', type: 'long', required: false, doc: 'Max keys in the PARTIAL lookup cache (least recently used evicted first).' },
    { key: 'lookup.partial-cache.expire-after-write', type: 'duration', required: false, doc: 'A cached key expires this long after it was loaded.' },
    { key: 'lookup.partial-cache.expire-after-access', type: 'duration', required: false, doc: 'A cached key expires this long after it was last read.' },
    { key: 'lookup.partial-cache.cache-missing-key', type: 'boolean', default: 'true', required: false, doc: 'Cache keys the table does not hold (an empty result).' },
    { key: 'lookup.cache.max-rows', type: 'long', required: false, doc: 'Deprecated: with lookup.cache.ttl, a PARTIAL cache of this many keys.' },
    { key: 'lookup.cache.ttl', type: 'duration', required: false, doc: 'Deprecated: with lookup.cache.max-rows, expire-after-write of the cache.' },
    { key: 'lookup.cache.caching-missing-key', type: 'boolean', default: 'true', required: false, doc: 'Deprecated: cache-missing-key of the legacy cache.' },
    { key: 'lookup.max-retries', type: 'int', default: '3', required: false, doc: 'Max retries of a failed lookup query.', effect: 'none' },
    sinkParallelism,
    scanParallelism,
  ],
};
