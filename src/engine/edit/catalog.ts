// The studio's reference catalog: connectors and their options, formats, hints, SET keys,
// functions, types and keywords. One table per kind, used by completion, hover and the canvas
// palette. Docs follow the semantics of Flink's connector/format/config documentation; Freshet's
// own additions are flagged (`freshet: true`) so the UI and the exporter can say so.
import { SIM_SETTINGS } from '../sim/settings';

export type OptionType =
  | 'string'
  | 'int'
  | 'long'
  | 'double'
  | 'boolean'
  | 'duration'
  | 'memory'
  | 'enum'
  | 'timestamp';

export interface OptionSpec {
  /** The key as written; `#` stands for a column name (`fields.#.kind`). */
  key: string;
  type: OptionType;
  /** Default as it would be written in the script; absent when there is none. */
  default?: string;
  required: boolean;
  /** One line. */
  doc: string;
  /** Allowed values for enums (and suggested values for strings). */
  values?: string[];
  /** A Freshet simulator option that Flink does not have. */
  freshet?: boolean;
  /**
   * What the simulator does with it. Absent: simulated. `none`: kept for export and has no
   * effect on a simulation (addresses, credentials, file layout). `unsimulated`: changes what
   * Flink does, but the simulator ignores it (compile warns).
   */
  effect?: 'none' | 'unsimulated';
}

export interface ConnectorSpec {
  name: string;
  doc: string;
  /** Can be read (source) and/or written (sink). */
  source: boolean;
  sink: boolean;
  /** False for connectors the engine reserves but does not run yet. */
  supported: boolean;
  /** Needs a PRIMARY KEY (upsert-kafka; jdbc when written with updates). */
  requiresPrimaryKey: boolean;
  /** Accepts `format` / `value.format` options. */
  usesFormat: boolean;
  options: OptionSpec[];
}

export interface FormatSpec {
  name: string;
  doc: string;
  /** Carries row kinds (+I -U +U -D) rather than inserts only. */
  changelog: boolean;
  options: OptionSpec[];
}

export interface HintKeySpec {
  key: string;
  type: OptionType;
  doc: string;
  required: boolean;
  values?: string[];
}

export interface HintSpec {
  name: string;
  doc: string;
  /** Flink's own hint, or a Freshet extension the exporter flags. */
  origin: 'flink' | 'freshet';
  /** Where it is written. */
  placement: 'select' | 'table' | 'sink';
  /**
   * How keys are chosen: a fixed list (`keys`), the tables or aliases in scope (STATE_TTL), or
   * the connector options of the hinted table (OPTIONS).
   */
  keyKind: 'fixed' | 'tables' | 'connector-options' | 'none';
  keys: HintKeySpec[];
  example: string;
}

export interface SettingSpec {
  key: string;
  type: OptionType;
  default?: string;
  doc: string;
  values?: string[];
  /** Freshet simulator setting (`sim.*`), ignored by the Flink exporter. */
  freshet: boolean;
}

export interface FunctionSpec {
  name: string;
  signature: string;
  doc: string;
  aggregate: boolean;
  /** Written without parentheses (CURRENT_TIMESTAMP). */
  niladic?: boolean;
}

// ---- formats --------------------------------------------------------------------------------

const timestampFormatValues = ['SQL', 'ISO-8601'];

export const FORMATS: FormatSpec[] = [
  {
    name: 'csv',
    doc: 'Comma-separated values, one row per line. Freshet: the first line of a file is a header naming the columns.',
    changelog: false,
    options: [
      { key: 'csv.field-delimiter', type: 'string', default: ',', required: false, doc: 'Field delimiter character.' },
      {
        key: 'csv.ignore-parse-errors',
        type: 'boolean',
        default: 'false',
        required: false,
        doc: 'Skip rows with parse errors instead of failing the job (Freshet counts them in the table metrics).',
      },
      { key: 'csv.quote-character', type: 'string', default: '"', required: false, doc: 'Quote character for enclosing field values.' },
      { key: 'csv.disable-quote-character', type: 'boolean', default: 'false', required: false, doc: 'Disable the quote character for enclosing field values.', effect: 'unsimulated' },
      { key: 'csv.allow-comments', type: 'boolean', default: 'false', required: false, doc: "Ignore comment lines that start with '#'.", effect: 'unsimulated' },
      { key: 'csv.escape-character', type: 'string', required: false, doc: 'Escape character for escaping values (disabled by default).', effect: 'unsimulated' },
      { key: 'csv.null-literal', type: 'string', required: false, doc: 'Null literal string that is interpreted as a NULL value (disabled by default).' },
      { key: 'csv.array-element-delimiter', type: 'string', default: ';', required: false, doc: 'Array element delimiter string for separating array and row element values.', effect: 'none' },
    ],
  },
  {
    name: 'json',
    doc: 'One JSON object per record (JSON lines for files); insert-only.',
    changelog: false,
    options: [
      { key: 'json.fail-on-missing-field', type: 'boolean', default: 'false', required: false, doc: 'Fail when a field is missing instead of reading it as NULL.', effect: 'unsimulated' },
      { key: 'json.ignore-parse-errors', type: 'boolean', default: 'false', required: false, doc: 'Skip records with parse errors instead of failing the job (Freshet counts them in the table metrics).' },
      { key: 'json.timestamp-format.standard', type: 'enum', default: 'SQL', values: timestampFormatValues, required: false, doc: "Timestamp format: 'SQL' (yyyy-MM-dd HH:mm:ss.s{precision}) or 'ISO-8601' (yyyy-MM-ddTHH:mm:ss.s{precision}).", effect: 'none' },
      { key: 'json.encode.decimal-as-plain-number', type: 'boolean', default: 'false', required: false, doc: 'Encode DECIMAL as a plain number, never in scientific notation.', effect: 'none' },
    ],
  },
  {
    name: 'changelog-json',
    doc: 'JSON records that carry a row kind (`{"data": {...}, "op": "+I"}`), as CDC topics in the source talk do: inserts, updates (-U/+U) and deletes.',
    changelog: true,
    options: [
      { key: 'changelog-json.ignore-parse-errors', type: 'boolean', default: 'false', required: false, doc: 'Skip records with parse errors instead of failing.' },
      { key: 'changelog-json.timestamp-format.standard', type: 'enum', default: 'SQL', values: timestampFormatValues, required: false, doc: "Timestamp format: 'SQL' or 'ISO-8601'.", effect: 'none' },
    ],
  },
  {
    name: 'debezium-json',
    doc: 'Debezium change events (`before`, `after`, `op` c/u/d/r) in JSON, read as a changelog.',
    changelog: true,
    options: [
      { key: 'debezium-json.schema-include', type: 'boolean', default: 'false', required: false, doc: 'Records include the Debezium schema envelope (`{"schema": ..., "payload": ...}`).', effect: 'none' },
      { key: 'debezium-json.ignore-parse-errors', type: 'boolean', default: 'false', required: false, doc: 'Skip records with parse errors instead of failing.' },
      { key: 'debezium-json.timestamp-format.standard', type: 'enum', default: 'SQL', values: timestampFormatValues, required: false, doc: "Timestamp format: 'SQL' or 'ISO-8601'.", effect: 'none' },
    ],
  },
];

const formatNames = FORMATS.map((f) => f.name);

// ---- connectors -----------------------------------------------------------------------------

const scanParallelism: OptionSpec = {
  key: 'scan.parallelism',
  type: 'int',
  required: false,
  doc: 'Parallelism of the source operator; by default `parallelism.default`.',
};

const sinkParallelism: OptionSpec = {
  key: 'sink.parallelism',
  type: 'int',
  required: false,
  doc: 'Parallelism of the sink operator; by default the parallelism of the upstream operator.',
};

export const CONNECTORS: ConnectorSpec[] = [
  {
    name: 'datagen',
    doc: 'Generates rows from per-field generators (random or sequence); unbounded unless number-of-rows is set.',
    source: true,
    sink: false,
    supported: true,
    requiresPrimaryKey: false,
    usesFormat: false,
    options: [
      { key: 'rows-per-second', type: 'long', default: '10000', required: false, doc: 'Rows per second to control the emit rate.' },
      { key: 'number-of-rows', type: 'long', required: false, doc: 'The total number of rows to emit; unbounded when not set.' },
      { key: 'fields.#.kind', type: 'enum', default: 'random', values: ['random', 'sequence'], required: false, doc: "Generator of this '#' field: 'sequence' or 'random'." },
      { key: 'fields.#.min', type: 'string', required: false, doc: "Minimum value of the random generator ('#' field); numeric types only. Defaults to the type's minimum." },
      { key: 'fields.#.max', type: 'string', required: false, doc: "Maximum value of the random generator ('#' field); numeric types only. Defaults to the type's maximum." },
      { key: 'fields.#.max-past', type: 'duration', default: '0', required: false, doc: "Maximum past of the timestamp random generator ('#' field); timestamp types only." },
      { key: 'fields.#.length', type: 'int', default: '100', required: false, doc: "Length of generated strings (CHAR/VARCHAR/STRING) for the random generator ('#' field)." },
      { key: 'fields.#.start', type: 'string', required: false, doc: "Start value of the sequence generator ('#' field)." },
      { key: 'fields.#.end', type: 'string', required: false, doc: "End value of the sequence generator ('#' field); the source ends once the sequence is exhausted." },
      { key: 'fields.#.null-rate', type: 'double', default: '0.0', required: false, doc: "Fraction of NULL values for the '#' field (0.0 to 1.0)." },
      {
        key: 'fields.#.values',
        type: 'string',
        required: false,
        freshet: true,
        doc: "Freshet: comma-separated list the random generator picks from for the '#' field (e.g. 'CREATED,PAID,SHIPPED').",
      },
      scanParallelism,
    ],
  },
  {
    name: 'kafka',
    doc: 'A Kafka topic (simulated queue with partitions, offsets and retention; Talos-like). Append-only unless the format carries a changelog.',
    source: true,
    sink: true,
    supported: true,
    requiresPrimaryKey: false,
    usesFormat: true,
    options: [
      { key: 'topic', type: 'string', required: true, doc: 'Topic name to read from (source) or write to (sink). Freshet uses the table name when absent.' },
      { key: 'properties.bootstrap.servers', type: 'string', required: true, doc: 'Comma-separated list of Kafka brokers (kept for export; the simulator ignores it).', effect: 'none' },
      { key: 'properties.group.id', type: 'string', required: false, doc: "Consumer group id of the source. A simulated group has no committed offsets, so 'group-offsets' starts at 'properties.auto.offset.reset'.", effect: 'none' },
      {
        key: 'scan.startup.mode',
        type: 'enum',
        default: 'group-offsets',
        values: ['earliest-offset', 'latest-offset', 'group-offsets', 'timestamp', 'specific-offsets'],
        required: false,
        doc: 'Startup mode of the consumer: earliest-offset, latest-offset, group-offsets (earliest when no committed offset), timestamp or specific-offsets.',
      },
      { key: 'scan.startup.timestamp-millis', type: 'long', required: false, doc: "Start from this epoch timestamp (ms); used with scan.startup.mode 'timestamp'." },
      { key: 'scan.startup.specific-offsets', type: 'string', required: false, doc: "Offsets per partition ('partition:0,offset:42;partition:1,offset:300') for 'specific-offsets' mode." },
      { key: 'format', type: 'enum', values: formatNames, required: true, doc: 'Format of the record value (same as value.format).' },
      { key: 'key.format', type: 'enum', values: formatNames, required: false, doc: 'Format of the record key.', effect: 'none' },
      { key: 'key.fields', type: 'string', required: false, doc: "Columns that form the record key, separated by ';'." },
      { key: 'value.format', type: 'enum', values: formatNames, required: false, doc: 'Format of the record value (alternative spelling of format).' },
      { key: 'value.fields-include', type: 'enum', default: 'ALL', values: ['ALL', 'EXCEPT_KEY'], required: false, doc: 'Whether the value part also holds the key columns (ALL) or not (EXCEPT_KEY).', effect: 'none' },
      { key: 'sink.partitioner', type: 'enum', default: 'default', values: ['default', 'fixed', 'round-robin'], required: false, doc: "Output partitioning: 'default' (hash of the primary key, else of key.fields, else of the whole row), 'fixed' (each sink task to one partition) or 'round-robin'." },
      sinkParallelism,
      {
        key: 'sink.delivery-guarantee',
        type: 'enum',
        default: 'at-least-once',
        values: ['at-least-once', 'exactly-once', 'none'],
        required: false,
        doc: "Delivery guarantee of the sink; 'exactly-once' makes records visible to readers when a checkpoint completes.",
      },
      { key: 'sink.transactional-id-prefix', type: 'string', required: false, doc: "Prefix of the sink's Kafka transaction ids; Flink needs it with 'exactly-once'.", effect: 'none' },
      { key: 'properties.auto.offset.reset', type: 'enum', default: 'earliest', values: ['earliest', 'latest'], required: false, doc: "Where 'group-offsets' starts when the group has no committed offset." },
      { key: 'partitions', type: 'int', default: '4', required: false, freshet: true, doc: 'Freshet: number of partitions of the simulated topic.' },
      { key: 'retention.ms', type: 'long', default: '604800000', required: false, freshet: true, doc: 'Freshet: how long the simulated topic keeps records (ms of virtual time; 7 days by default, as Kafka).' },
      scanParallelism,
    ],
  },
  {
    name: 'upsert-kafka',
    doc: 'A Kafka topic read and written as an upsert changelog keyed by the PRIMARY KEY (a null value is a delete).',
    source: true,
    sink: true,
    supported: true,
    requiresPrimaryKey: true,
    usesFormat: true,
    options: [
      { key: 'topic', type: 'string', required: true, doc: 'Topic name to read from or write to.' },
      { key: 'properties.bootstrap.servers', type: 'string', required: true, doc: 'Comma-separated list of Kafka brokers.', effect: 'none' },
      { key: 'key.format', type: 'enum', values: formatNames, required: true, doc: 'Format of the record key (the primary key columns).', effect: 'none' },
      { key: 'value.format', type: 'enum', values: formatNames, required: true, doc: "Format of the record value ('json'; the upsert changelog is in the key and the tombstones)." },
      { key: 'value.fields-include', type: 'enum', default: 'ALL', values: ['ALL', 'EXCEPT_KEY'], required: false, doc: 'Whether the value part also holds the key columns.', effect: 'none' },
      { key: 'sink.buffer-flush.max-rows', type: 'int', default: '0', required: false, doc: 'Max rows buffered (and compacted by key) before a flush; 0 disables buffering.', effect: 'unsimulated' },
      { key: 'sink.buffer-flush.interval', type: 'duration', default: '0', required: false, doc: 'Flush interval of the buffer; 0 disables buffering.', effect: 'unsimulated' },
      sinkParallelism,
      { key: 'partitions', type: 'int', default: '4', required: false, freshet: true, doc: 'Freshet: number of partitions of the simulated topic.' },
      { key: 'retention.ms', type: 'long', default: '604800000', required: false, freshet: true, doc: 'Freshet: how long the simulated topic keeps records (ms of virtual time).' },
      scanParallelism,
    ],
  },
  {
    name: 'filesystem',
    doc: 'Files (CSV or JSON lines): a bounded source the user supplies, or a sink that rolls files.',
    source: true,
    sink: true,
    supported: true,
    requiresPrimaryKey: false,
    usesFormat: true,
    options: [
      { key: 'path', type: 'string', required: true, doc: 'Path of the file or directory (relative to the script in the runner; an uploaded file in the studio).' },
      { key: 'format', type: 'enum', values: formatNames, required: true, doc: 'File format: csv, json (JSON lines), changelog-json or debezium-json.' },
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
  },
  {
    name: 'jdbc',
    doc: 'A relational table (simulated MySQL-like serving table): upsert and delete by PRIMARY KEY, like the ADS MySQL tables.',
    source: true,
    sink: true,
    supported: true,
    requiresPrimaryKey: false,
    usesFormat: false,
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
  },
  {
    name: 'print',
    doc: 'Sink that prints every row with its row kind (+I, -U, +U, -D); for debugging.',
    source: false,
    sink: true,
    supported: true,
    requiresPrimaryKey: false,
    usesFormat: false,
    options: [
      { key: 'print-identifier', type: 'string', required: false, doc: 'Message that prefixes every printed row.', effect: 'none' },
      { key: 'standard-error', type: 'boolean', default: 'false', required: false, doc: 'Print to standard error instead of standard out.', effect: 'none' },
      sinkParallelism,
    ],
  },
  {
    name: 'blackhole',
    doc: 'Sink that swallows every row; for performance tests.',
    source: false,
    sink: true,
    supported: true,
    requiresPrimaryKey: false,
    usesFormat: false,
    options: [],
  },
  {
    name: 'iceberg',
    doc: 'An Iceberg lake table (format v1 append-only, v2 with row-level deletes). Not supported yet: reserved for a later issue.',
    source: true,
    sink: true,
    supported: false,
    requiresPrimaryKey: false,
    usesFormat: false,
    options: [
      { key: 'catalog-name', type: 'string', required: true, doc: 'User-specified catalog name.' },
      { key: 'catalog-type', type: 'enum', default: 'hive', values: ['hive', 'hadoop', 'rest'], required: false, doc: 'Catalog type: hive, hadoop or rest.' },
      { key: 'catalog-database', type: 'string', required: false, doc: 'Database name managed in the Iceberg catalog; defaults to the Flink database.' },
      { key: 'catalog-table', type: 'string', required: false, doc: 'Table name managed in the Iceberg catalog; defaults to the Flink table name.' },
      { key: 'warehouse', type: 'string', required: false, doc: 'Warehouse location of the catalog (hadoop catalogs).' },
      { key: 'uri', type: 'string', required: false, doc: 'Metastore / REST catalog uri.' },
      { key: 'format-version', type: 'enum', default: '1', values: ['1', '2'], required: false, doc: 'Iceberg table format version: 1 (append-only) or 2 (row-level updates and deletes, merge-on-read).' },
      { key: 'write.upsert.enabled', type: 'boolean', default: 'false', required: false, doc: 'Write in upsert mode (v2 tables with a primary key): an insert deletes the old row first.' },
      { key: 'write.format.default', type: 'enum', default: 'parquet', values: ['parquet', 'orc', 'avro'], required: false, doc: 'Data file format.' },
    ],
  },
];

/** Options every CREATE TABLE may have regardless of connector. */
export const COMMON_OPTIONS: OptionSpec[] = [
  {
    key: 'connector',
    type: 'enum',
    values: CONNECTORS.map((c) => c.name),
    required: true,
    doc: 'The connector that reads or writes this table.',
  },
];

// ---- hints ----------------------------------------------------------------------------------

export const HINTS: HintSpec[] = [
  {
    name: 'STATE_TTL',
    doc: "Flink: per-input state time-to-live for a regular join or group aggregation, overriding `table.exec.state.ttl`. Keys are the input tables (or aliases), values durations.",
    origin: 'flink',
    placement: 'select',
    keyKind: 'tables',
    keys: [],
    example: "SELECT /*+ STATE_TTL('o' = '1d', 'c' = '20d') */ ...",
  },
  {
    name: 'OPTIONS',
    doc: 'Flink: dynamic table options that override the WITH options of this table for one query.',
    origin: 'flink',
    placement: 'table',
    keyKind: 'connector-options',
    keys: [],
    example: "FROM orders /*+ OPTIONS('scan.startup.mode' = 'earliest-offset') */",
  },
  {
    name: 'STATE_CLEANUP',
    doc: 'Freshet extension: operator-level state cleanup for a group aggregation or regular join: its own `ttl` instead of the job TTL, and a `condition` that clears a key\'s state by business rule.',
    origin: 'freshet',
    placement: 'select',
    keyKind: 'fixed',
    keys: [
      { key: 'ttl', type: 'duration', required: false, doc: "State time-to-live of this operator, overriding `table.exec.state.ttl` (e.g. '30 d')." },
      { key: 'condition', type: 'string', required: false, doc: "Boolean SQL expression checked after each update; when true the key's state is cleared (e.g. \"status IN ('SOLD_OUT', 'DELISTED')\")." },
    ],
    example: "SELECT /*+ STATE_CLEANUP('ttl' = '30 d', 'condition' = 'status = ''SOLD_OUT''') */ ...",
  },
  {
    name: 'REUSE_SOURCE',
    doc: 'Freshet extension: force one shared source for every read of this table, even when projections or filters differ (reads once, splits held in memory once).',
    origin: 'freshet',
    placement: 'table',
    keyKind: 'none',
    keys: [],
    example: 'FROM orders /*+ REUSE_SOURCE */',
  },
  {
    name: 'DROP_ROW_KIND',
    doc: 'Freshet extension: a Drop operator before the sink that discards the given row kinds. Dropping -U removes query fluctuation on upsert sinks; dropping -U,-D turns a changelog into an append stream.',
    origin: 'freshet',
    placement: 'sink',
    keyKind: 'fixed',
    keys: [
      { key: 'kinds', type: 'string', required: true, values: ['-U', '-U,-D', '-D'], doc: "Comma-separated row kinds to drop: any of '+I', '-U', '+U', '-D'." },
    ],
    example: "INSERT INTO ads_sales /*+ DROP_ROW_KIND('kinds' = '-U') */ SELECT ...",
  },
];

// ---- SET keys -------------------------------------------------------------------------------

/** Types and allowed values of the keys the simulator's table (SIM_SETTINGS) lists. */
const SETTING_TYPES: Record<string, { type: OptionType; values?: string[] }> = {
  'sim.start': { type: 'timestamp' },
  'sim.tick': { type: 'duration' },
  'sim.duration': { type: 'duration' },
  'sim.jitter': { type: 'double' },
  'sim.batch.splits': { type: 'int' },
  'sim.metrics.interval': { type: 'duration' },
  'sim.metrics.max-samples': { type: 'int' },
  'sim.changelog.max-entries': { type: 'int' },
  'sim.cost.checkpoint.base-ms': { type: 'long' },
  'execution.checkpointing.interval': { type: 'duration' },
  'execution.checkpointing.timeout': { type: 'duration' },
  'parallelism.default': { type: 'int' },
  'table.exec.state.ttl': { type: 'duration' },
};

/** Flink keys the simulator does not read but the exporter keeps. */
const FLINK_ONLY_SETTINGS: SettingSpec[] = [
  {
    key: 'execution.runtime-mode',
    type: 'enum',
    default: 'STREAMING',
    values: ['STREAMING', 'BATCH', 'AUTOMATIC'],
    doc: 'Flink: runtime execution mode: STREAMING, BATCH or AUTOMATIC (batch when every source is bounded).',
    freshet: false,
  },
  { key: 'pipeline.name', type: 'string', doc: 'Flink: name of the job, shown in metrics and kept on export.', freshet: false },
];

const ALL_SETTINGS: SettingSpec[] = [
  ...SIM_SETTINGS.map((s): SettingSpec => {
    const t = SETTING_TYPES[s.key] ?? { type: (s.key.startsWith('sim.cost.') ? 'long' : 'string') as OptionType };
    const spec: SettingSpec = {
      key: s.key,
      type: t.type,
      doc: s.key.startsWith('sim.') ? `Freshet: ${s.doc}` : s.doc,
      freshet: s.key.startsWith('sim.'),
    };
    if (s.default !== null) spec.default = s.default;
    if (t.values) spec.values = t.values;
    return spec;
  }),
  ...FLINK_ONLY_SETTINGS,
];

/**
 * Every SET key the studio knows, Flink's first: the simulator's own table (sim/settings.ts, the
 * one source of the `sim.*` keys, the Flink keys it reads and their defaults) plus Flink-only keys.
 */
export const SETTINGS: SettingSpec[] = [...ALL_SETTINGS.filter((s) => !s.freshet), ...ALL_SETTINGS.filter((s) => s.freshet)];

// ---- functions, types, keywords -------------------------------------------------------------

export const FUNCTIONS: FunctionSpec[] = [
  { name: 'COUNT', signature: 'COUNT(*) | COUNT([DISTINCT] x)', doc: 'Number of rows, or of non-NULL (distinct) values of x.', aggregate: true },
  { name: 'SUM', signature: 'SUM(x)', doc: 'Sum of the non-NULL values of x; NULL when there are none.', aggregate: true },
  { name: 'MIN', signature: 'MIN(x)', doc: 'Smallest non-NULL value of x (stays correct under retractions).', aggregate: true },
  { name: 'MAX', signature: 'MAX(x)', doc: 'Largest non-NULL value of x (stays correct under retractions).', aggregate: true },
  { name: 'AVG', signature: 'AVG(x)', doc: 'Average of the non-NULL values of x.', aggregate: true },
  { name: 'COALESCE', signature: 'COALESCE(a, b, ...)', doc: 'The first argument that is not NULL.', aggregate: false },
  { name: 'IF', signature: 'IF(condition, then, else)', doc: 'then when condition is TRUE, else otherwise (also when NULL).', aggregate: false },
  { name: 'NULLIF', signature: 'NULLIF(a, b)', doc: 'NULL when a = b, otherwise a.', aggregate: false },
  { name: 'CAST', signature: 'CAST(x AS type)', doc: 'Converts x to the given type; fails on values that do not convert.', aggregate: false },
  { name: 'TRY_CAST', signature: 'TRY_CAST(x AS type)', doc: 'Converts x to the given type; NULL on values that do not convert.', aggregate: false },
  { name: 'UPPER', signature: 'UPPER(s)', doc: 's in upper case.', aggregate: false },
  { name: 'LOWER', signature: 'LOWER(s)', doc: 's in lower case.', aggregate: false },
  { name: 'CONCAT', signature: 'CONCAT(s1, s2, ...)', doc: 'Concatenation of the strings; NULL if any argument is NULL.', aggregate: false },
  { name: 'SUBSTRING', signature: 'SUBSTRING(s FROM start [FOR length]) | SUBSTRING(s, start [, length])', doc: 'Substring of s from 1-based position start.', aggregate: false },
  { name: 'CHAR_LENGTH', signature: 'CHAR_LENGTH(s)', doc: 'Number of characters in s.', aggregate: false },
  { name: 'TRIM', signature: 'TRIM([BOTH|LEADING|TRAILING] [chars FROM] s)', doc: 's without leading and/or trailing spaces (or chars).', aggregate: false },
  { name: 'REPLACE', signature: 'REPLACE(s, search, replacement)', doc: 'Every occurrence of search in s replaced by replacement.', aggregate: false },
  { name: 'MOD', signature: 'MOD(a, b)', doc: 'Remainder of a divided by b.', aggregate: false },
  { name: 'ABS', signature: 'ABS(x)', doc: 'Absolute value of x.', aggregate: false },
  { name: 'ROUND', signature: 'ROUND(x [, d])', doc: 'x rounded to d decimal places (0 by default), half away from zero.', aggregate: false },
  { name: 'FLOOR', signature: 'FLOOR(x) | FLOOR(ts TO unit)', doc: 'Largest integer not above x, or ts rounded down to the unit (HOUR, DAY, ...).', aggregate: false },
  { name: 'CEIL', signature: 'CEIL(x) | CEIL(ts TO unit)', doc: 'Smallest integer not below x, or ts rounded up to the unit.', aggregate: false },
  { name: 'DATE_FORMAT', signature: 'DATE_FORMAT(ts, format)', doc: "ts formatted as a string with a Java date pattern, e.g. 'yyyy-MM-dd HH:mm'.", aggregate: false },
  { name: 'TO_TIMESTAMP', signature: 'TO_TIMESTAMP(s [, format])', doc: "Parses s as a TIMESTAMP(3), with format 'yyyy-MM-dd HH:mm:ss' by default.", aggregate: false },
  { name: 'EXTRACT', signature: 'EXTRACT(unit FROM ts)', doc: 'A part (YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, ...) of a date or timestamp as a BIGINT.', aggregate: false },
  { name: 'TIMESTAMPDIFF', signature: 'TIMESTAMPDIFF(unit, ts1, ts2)', doc: 'Number of whole units from ts1 to ts2 (ts2 - ts1).', aggregate: false },
  { name: 'TIMESTAMPADD', signature: 'TIMESTAMPADD(unit, n, ts)', doc: 'ts plus n units.', aggregate: false },
  { name: 'PROCTIME', signature: 'PROCTIME()', doc: 'Processing-time attribute for a computed column (`pt AS PROCTIME()`).', aggregate: false },
  { name: 'CURRENT_TIMESTAMP', signature: 'CURRENT_TIMESTAMP', doc: 'The current (virtual) time as a TIMESTAMP_LTZ(3).', aggregate: false, niladic: true },
  { name: 'CURRENT_DATE', signature: 'CURRENT_DATE', doc: 'The current (virtual) date.', aggregate: false, niladic: true },
  { name: 'LOCALTIMESTAMP', signature: 'LOCALTIMESTAMP', doc: 'The current (virtual) time as a TIMESTAMP(3).', aggregate: false, niladic: true },
];

export const TYPES: { name: string; doc: string; snippet: string }[] = [
  { name: 'BOOLEAN', doc: 'TRUE, FALSE or UNKNOWN.', snippet: 'BOOLEAN' },
  { name: 'TINYINT', doc: '1-byte signed integer.', snippet: 'TINYINT' },
  { name: 'SMALLINT', doc: '2-byte signed integer.', snippet: 'SMALLINT' },
  { name: 'INT', doc: '4-byte signed integer.', snippet: 'INT' },
  { name: 'BIGINT', doc: '8-byte signed integer (exact up to 2^53 in Freshet).', snippet: 'BIGINT' },
  { name: 'FLOAT', doc: '4-byte floating point number.', snippet: 'FLOAT' },
  { name: 'DOUBLE', doc: '8-byte floating point number.', snippet: 'DOUBLE' },
  { name: 'DECIMAL', doc: 'Exact decimal with precision p and scale s.', snippet: 'DECIMAL(10, 2)' },
  { name: 'STRING', doc: 'Variable-length character string (VARCHAR of maximum length).', snippet: 'STRING' },
  { name: 'VARCHAR', doc: 'Variable-length character string of at most n characters.', snippet: 'VARCHAR(255)' },
  { name: 'CHAR', doc: 'Fixed-length character string of n characters.', snippet: 'CHAR(1)' },
  { name: 'DATE', doc: 'A date (year-month-day) without time zone.', snippet: 'DATE' },
  { name: 'TIMESTAMP', doc: 'Date and time without time zone, fractional seconds precision p.', snippet: 'TIMESTAMP(3)' },
  { name: 'TIMESTAMP_LTZ', doc: 'An instant, shown in the local (UTC in Freshet) time zone.', snippet: 'TIMESTAMP_LTZ(3)' },
];

export const KEYWORDS: string[] = [
  'SELECT', 'FROM', 'WHERE', 'GROUP BY', 'HAVING', 'ORDER BY', 'LIMIT', 'AS', 'DISTINCT',
  'JOIN', 'INNER JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL JOIN', 'ON', 'USING',
  'AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'IS NOT NULL', 'BETWEEN', 'LIKE', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END',
  'TRUE', 'FALSE', 'INTERVAL', 'UNION ALL', 'WITH', 'VALUES',
  'INSERT INTO', 'INSERT OVERWRITE', 'CREATE TABLE', 'CREATE VIEW', 'IF NOT EXISTS', 'PRIMARY KEY', 'NOT ENFORCED',
  'WATERMARK FOR', 'PARTITIONED BY', 'COMMENT', 'METADATA', 'VIRTUAL',
  'SET', 'RESET', 'EXECUTE STATEMENT SET', 'BEGIN', 'MERGE INTO', 'USING', 'WHEN MATCHED', 'WHEN NOT MATCHED', 'UPDATE SET', 'DELETE',
  'FOR SYSTEM_TIME AS OF',
];

// ---- lookups --------------------------------------------------------------------------------

const lower = (s: string): string => s.toLowerCase();

export function findConnector(name: string): ConnectorSpec | undefined {
  return CONNECTORS.find((c) => c.name === lower(name));
}

export function findFormat(name: string): FormatSpec | undefined {
  return FORMATS.find((f) => f.name === lower(name));
}

export function findHint(name: string): HintSpec | undefined {
  return HINTS.find((h) => h.name === name.toUpperCase());
}

export function findSetting(key: string): SettingSpec | undefined {
  return SETTINGS.find((s) => s.key === key);
}

export function findFunction(name: string): FunctionSpec | undefined {
  return FUNCTIONS.find((f) => f.name === name.toUpperCase());
}

/** True when `key` matches `pattern`, where `#` in the pattern stands for one column name. */
export function optionKeyMatches(pattern: string, key: string): boolean {
  if (!pattern.includes('#')) return pattern === key;
  const [pre, post] = pattern.split('#') as [string, string];
  return key.length > pre.length + post.length && key.startsWith(pre) && key.endsWith(post);
}

/**
 * The options a table with this connector (and these other options already written) may have:
 * `connector`, the connector's options, and the options of the formats it names.
 */
export function optionsFor(connector: string | undefined, written: Record<string, string> = {}): OptionSpec[] {
  const out: OptionSpec[] = [...COMMON_OPTIONS];
  const spec = connector === undefined ? undefined : findConnector(connector);
  if (!spec) return out;
  out.push(...spec.options);
  if (spec.usesFormat) {
    const formats = new Set<string>();
    for (const k of ['format', 'value.format']) if (written[k]) formats.add(lower(written[k]));
    for (const f of formats) {
      const fmt = findFormat(f);
      if (fmt) out.push(...fmt.options);
    }
    const keyFormat = written['key.format'] ? findFormat(written['key.format']) : undefined;
    if (keyFormat) out.push(...keyFormat.options.map((o) => ({ ...o, key: `key.${o.key}` })));
  }
  return out;
}

/** The spec of one option key (with `fields.<col>.kind` matching `fields.#.kind`). */
export function findOption(
  connector: string | undefined,
  key: string,
  written: Record<string, string> = {},
): OptionSpec | undefined {
  const all = optionsFor(connector, written);
  const exact = all.find((o) => o.key === key);
  if (exact) return exact;
  const pattern = all.find((o) => optionKeyMatches(o.key, key));
  if (pattern) return pattern;
  // A format option without the format being written yet (`csv.field-delimiter`).
  for (const f of FORMATS) {
    const o = f.options.find((x) => x.key === key);
    if (o) return o;
  }
  return undefined;
}
