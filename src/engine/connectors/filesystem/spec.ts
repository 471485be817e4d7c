// The `filesystem` connector's options; its store is store.ts.
import type { ConnectorSpec } from '../spec';
import { scanParallelism, sinkParallelism } from '../spec';
import { FORMAT_NAMES } from '../formats/spec';

export const FILESYSTEM_SPEC: ConnectorSpec = {
  name: 'filesystem',
  doc: 'Files (CSV or JSON lines): a bounded source the user supplies, or a sink that rolls files.',
  source: true,
  sink: true,
  supported: true,
  requiresPrimaryKey: false,
  usesFormat: true,
  // Flink's filesystem sink is append-only, whatever the format.
  sinkChanges: () => 'insert-only',
  options: [
    { key: 'path', type: 'string', required: true, doc: 'Path of the file or directory (relative to the script in the runner; an uploaded file in the studio).' },
    { key: 'format', type: 'enum', values: FORMAT_NAMES, required: true, doc: 'File format: csv, json (JSON lines), changelog-json or debezium-json.' },
    { key: 'source.monitor-interval', type: 'duration', required: false, doc: 'Interval to scan the path for new files; the source is bounded when not set.', effect: 'unsimulated' },
    { key: 'partition.default-name', type: 'string', default: '__DEFAULT_PARTITION__', required: false, doc: 'Partition name used when the partition column value is NULL or empty.', effect: 'none' },
    { key: 'sink.rolling-policy.file-size', type: 'memory', default: '128MB', required: false, doc: 'Maximum part file size before rolling.', effect: 'none' },
    { key: 'sink.rolling-policy.rollover-interval', type: 'duration', default: '30 min', required: false, doc: 'Maximum time a part file may stay open before rolling.', effect: 'none' },
    { key: 'sink.rolling-policy.check-interval', type: 'duration', default: '1 min', required: false, doc: 'Interval for checking time-based rolling policies.', effect: 'none' },
    { key: 'sink.partition-commit.trigger', type: 'enum', default: 'process-time', values: ['process-time', 'partition-time'], required: false, doc: 'When to commit a partition: by processing time or by partition time vs watermark.', effect: 'none' },
    { key: 'sink.partition-commit.delay', type: 'duration', default: '0 s', required: false, doc: 'A partition is not committed until this delay has passed.', effect: 'none' },
    { key: 'sink.partition-commit.policy.kind', type: 'string', required: false, doc: "How to commit a partition: 'success-file', 'metastore' or both, comma-separated.", effect: 'none' },
    sinkParallelism,
    scanParallelism,
  ],
};
