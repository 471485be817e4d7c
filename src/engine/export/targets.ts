// The targets an export is written for: the Flink version, its configuration file, and the
// connector jars (Maven coordinates) with the versions that support it. Sources, checked in the
// public release data (late 2026):
// - Flink's connector compatibility list (flink-web docs/data/flink_connectors.yml): Kafka 3.4.0
//   and JDBC 3.3.0 for 1.20.x; Kafka 4.0.0 and JDBC 4.0.0 for 2.0.x.
// - Maven Central: flink-sql-connector-kafka 3.4.0-1.20 and 4.0.1-2.0 (5.0.0-2.1 for Flink 2.1);
//   iceberg-flink-runtime-1.20, -2.0 and -2.1 at Iceberg 1.11.0.
// - Flink 2.0 reads only conf/config.yaml (standard YAML, FLIP-366); 1.20 still reads the legacy
//   conf/flink-conf.yaml.
// - Window TVFs: Flink 2.0 accepts them without the TABLE() wrapper (FLINK-36824, Calcite 1.37's
//   CALCITE-6254 backported); 1.20 needs TABLE(...).
import type { ExportArtifact, ExportTarget } from './types';

export interface TargetSpec {
  id: ExportTarget;
  /** The Flink version the export is checked against. */
  flink: string;
  /** What the report and README say the export targets. */
  versions: string;
  configFile: 'flink-conf.yaml' | 'config.yaml';
  /** True when a window TVF may be written without the TABLE(...) wrapper. */
  bareWindowTvf: boolean;
  /** Configuration keys renamed by this version: old key -> new key. */
  renamedKeys: Record<string, string>;
  artifacts: { iceberg: ExportArtifact; kafka: ExportArtifact; jdbc: ExportArtifact; mysql: ExportArtifact };
}

const ICEBERG_VERSION = '1.11.0';

const MYSQL_DRIVER: ExportArtifact = {
  group: 'com.mysql',
  artifact: 'mysql-connector-j',
  version: '8.4.0',
  why: "the JDBC driver of a MySQL serving table (any driver of the database behind 'url')",
};

export const TARGETS: Record<ExportTarget, TargetSpec> = {
  'flink-1.20': {
    id: 'flink-1.20',
    flink: '1.20',
    versions: `Flink 1.20 (LTS), Iceberg ${ICEBERG_VERSION} (iceberg-flink-runtime-1.20), Kafka connector 3.4.0-1.20, JDBC connector 3.3.0-1.20`,
    configFile: 'flink-conf.yaml',
    bareWindowTvf: false,
    renamedKeys: {},
    artifacts: {
      iceberg: { group: 'org.apache.iceberg', artifact: 'iceberg-flink-runtime-1.20', version: ICEBERG_VERSION, why: 'Iceberg catalog, source and sink' },
      kafka: { group: 'org.apache.flink', artifact: 'flink-sql-connector-kafka', version: '3.4.0-1.20', why: 'kafka and upsert-kafka tables' },
      jdbc: { group: 'org.apache.flink', artifact: 'flink-connector-jdbc', version: '3.3.0-1.20', why: 'jdbc tables' },
      mysql: MYSQL_DRIVER,
    },
  },
  'flink-2.x': {
    id: 'flink-2.x',
    flink: '2.0',
    versions: `Flink 2.0 (2.1 with the -2.1 Iceberg runtime), Iceberg ${ICEBERG_VERSION} (iceberg-flink-runtime-2.0), Kafka connector 4.0.1-2.0, JDBC connector 4.0.0-2.0`,
    configFile: 'config.yaml',
    bareWindowTvf: true,
    // Keys deprecated in 1.x and removed in 2.0 (their 1.20 replacements work in both).
    renamedKeys: {
      'state.backend': 'state.backend.type',
      'state.checkpoints.dir': 'execution.checkpointing.dir',
      'state.savepoints.dir': 'execution.checkpointing.savepoint-dir',
      'state.backend.incremental': 'execution.checkpointing.incremental',
      'restart-strategy': 'restart-strategy.type',
    },
    artifacts: {
      iceberg: { group: 'org.apache.iceberg', artifact: 'iceberg-flink-runtime-2.0', version: ICEBERG_VERSION, why: 'Iceberg catalog, source and sink (use iceberg-flink-runtime-2.1 on Flink 2.1)' },
      kafka: { group: 'org.apache.flink', artifact: 'flink-sql-connector-kafka', version: '4.0.1-2.0', why: 'kafka and upsert-kafka tables (5.0.0-2.1 on Flink 2.1)' },
      jdbc: { group: 'org.apache.flink', artifact: 'flink-connector-jdbc', version: '4.0.0-2.0', why: 'jdbc tables' },
      mysql: MYSQL_DRIVER,
    },
  },
};

export const EXPORT_TARGETS = Object.keys(TARGETS) as ExportTarget[];

/**
 * Settings that configure the cluster, not a job: `SET` in the SQL client cannot change them, so
 * they go to the configuration file only.
 */
export function isClusterKey(key: string): boolean {
  return /^(taskmanager|jobmanager|rest|high-availability|blob|akka|pekko|env|kubernetes|yarn|metrics)\./.test(key);
}
