// Streaming reads of lake tables: ODS -> DWD -> sink where each hop reads the upstream Iceberg
// table with `'streaming' = 'true'` and the changelog extension, so updates and deletes of the
// upsert tables travel down the chain, through both source architectures and both snapshot
// modes. DuckDB answers the composed query over the input (users: keys unique at every point).
import { cols, type DiffCase } from '../harness';

const LAKE = `'connector' = 'iceberg', 'catalog-name' = 'lake', 'format-version' = '2'`;
const UPSERT = `${LAKE}, 'write.upsert.enabled' = 'true'`;
const STREAM = `'streaming' = 'true', 'streaming.changelog' = 'true', 'monitor-interval' = '300 ms'`;

function chain(name: string, settings: string, readOptions: string): DiffCase {
  return {
    name,
    inputs: ['users'],
    // DWD is not an upsert table: a filter on a changing column passes a -U whose +U it drops,
    // which an upsert writer would ignore; a retract writer deletes the row.
    setup: `
      ${settings}
      CREATE TABLE ods_users (user_id INT, email STRING, score INT, PRIMARY KEY (user_id) NOT ENFORCED) WITH (${UPSERT});
      CREATE TABLE dwd_users (user_id INT, email STRING, score INT, PRIMARY KEY (user_id) NOT ENFORCED) WITH (${LAKE});
      INSERT INTO ods_users SELECT user_id, email, score FROM users;
      INSERT INTO dwd_users SELECT user_id, email, score FROM ods_users /*+ OPTIONS(${STREAM}${readOptions}) */ WHERE score > 5;`,
    sink: cols('band INT', 'n BIGINT', 'total BIGINT'),
    key: ['band'],
    sql: `SELECT score / 25, COUNT(*), SUM(CAST(score AS BIGINT)) FROM dwd_users /*+ OPTIONS(${STREAM}${readOptions}) */ GROUP BY score / 25`,
    duck: `SELECT score // 25, COUNT(*), SUM(CAST(score AS BIGINT)) FROM users WHERE score > 5 GROUP BY score // 25`,
  };
}

/**
 * Two filtered changelog reads of one upsert table in one job: two sources as Flink plans it,
 * one merged source with REUSE_SOURCE or the merge rule (docs/dialect.md, "Source reuse").
 */
function twoReads(name: string, settings: string, hint: string): DiffCase {
  return {
    name,
    inputs: ['users'],
    setup: `
      ${settings}
      CREATE TABLE ods_users (user_id INT, email STRING, score INT, PRIMARY KEY (user_id) NOT ENFORCED) WITH (${UPSERT});
      INSERT INTO ods_users SELECT user_id, email, score FROM users;`,
    sink: cols('band INT', 'n BIGINT', 'total BIGINT'),
    key: ['band'],
    sql: `SELECT score / 25, COUNT(*), SUM(CAST(score AS BIGINT)) FROM (
        SELECT user_id, score FROM ods_users /*+ OPTIONS(${STREAM})${hint} */ WHERE score > 60
        UNION ALL
        SELECT user_id, score FROM ods_users /*+ OPTIONS(${STREAM}) */ WHERE score < 20 OR email LIKE 'a%'
      ) GROUP BY score / 25`,
    duck: `SELECT score // 25, COUNT(*), SUM(CAST(score AS BIGINT)) FROM (
        SELECT user_id, score FROM users WHERE score > 60
        UNION ALL
        SELECT user_id, score FROM users WHERE score < 20 OR email LIKE 'a%'
      ) GROUP BY score // 25`,
  };
}

export const LAKE_STREAM_CASES: DiffCase[] = [
  twoReads('lake_two_reads_apart', '', ''),
  twoReads('lake_two_reads_reuse_source_hint', '', ', REUSE_SOURCE'),
  twoReads('lake_two_reads_merge_rule_legacy', `SET 'table.optimizer.reuse-source-merge-enabled' = 'true'; SET 'table.exec.iceberg.use-flip27-source' = 'false';`, ''),
  chain('lake_changelog_chain_flip27_merged', '', ''),
  chain('lake_changelog_chain_flip27_adaptive_sequential', '', `, 'scan.adaptive' = 'true', 'scan.snapshot-mode' = 'sequential'`),
  chain('lake_changelog_chain_legacy', `SET 'table.exec.iceberg.use-flip27-source' = 'false';`, ''),
  chain('lake_changelog_chain_partition_parallel_commit_time', `SET 'parallelism.default' = '2';`, `, 'scan.partition-parallel' = 'true', 'watermark.commit-time' = 'true', 'scan.snapshot-mode' = 'sequential'`),
];
