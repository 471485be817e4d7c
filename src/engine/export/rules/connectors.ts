// Connector options of every CREATE TABLE: one rule per connector (the table below, which later
// connectors extend), then the check that keeps only options of the real connector version.
// Placeholders replace what depends on the cluster (addresses, credentials, paths).
import type { CreateTableStmt } from '../../sql/ast';
import { report, statementLabel, tableInfo, type ExportContext } from '../context';
import { formatsOf, isRealOption, optionTableOf } from '../connector-options';
import { placeholderPart } from '../placeholders';
import { OptionList } from '../with-options';
import { editableStatements } from './statements';
import { icebergConnectorOptions } from './iceberg-catalog';

const RULE = 'connector-options';

export interface TableWork {
  ctx: ExportContext;
  st: CreateTableStmt;
  /** Table name as declared. */
  name: string;
  connector: string;
  /** A table of an Iceberg catalog (its WITH holds table properties). */
  inIcebergCatalog: boolean;
  /** Read by some job. */
  read: boolean;
  options: OptionList;
}

type ConnectorRule = (t: TableWork) => void;

/** Freshet's `changelog-json` is not a Flink format: `debezium-json` carries the same row kinds. */
function changelogJsonToDebezium(t: TableWork, severity: 'approximated' | 'lost', why: string): void {
  for (const key of ['format', 'value.format']) {
    const o = t.options.get(key);
    if (o?.value.toLowerCase() !== 'changelog-json') continue;
    t.options.set(o.key, 'debezium-json', { rule: RULE, severity, message: `format 'changelog-json' (not a Flink format; flink-cdc 2.x had one) becomes 'debezium-json': ${why}`, tables: [t.name] });
  }
  for (const o of [...t.options.options]) {
    const m = /^changelog-json\.(.+)$/i.exec(o.key);
    if (m) t.options.set(`debezium-json.${m[1]}`, o.value, null);
  }
}

function kafkaTopicOptions(t: TableWork): void {
  t.options.set('properties.bootstrap.servers', t.ctx.placeholders.use('KAFKA_BOOTSTRAP_SERVERS', t.options.value('properties.bootstrap.servers') ?? 'localhost:9092', 'Kafka bootstrap servers (host:port, comma-separated)', t.name), {
    rule: RULE,
    severity: 'changed',
    message: 'the brokers are a placeholder',
  });
  if (t.options.get('topic') === undefined)
    t.options.set('topic', t.name, { rule: RULE, severity: 'changed', message: `'topic' added: the simulation used the table name` });
  for (const key of ['partitions', 'retention.ms']) {
    const o = t.options.get(key);
    if (o)
      t.options.remove(o, {
        rule: RULE,
        severity: 'approximated',
        tables: key === 'partitions' ? [t.name] : [],
        message: `'${key}' = '${o.value}' removed: a property of the topic, not of Flink's connector; create the topic with it (kafka-topics.sh --create ${key === 'partitions' ? `--partitions ${o.value}` : `--config retention.ms=${o.value}`})`,
      });
  }
  t.ctx.artifacts.add('kafka');
}

const CONNECTOR_RULES: Record<string, ConnectorRule> = {
  kafka: (t) => {
    kafkaTopicOptions(t);
    changelogJsonToDebezium(t, 'approximated', "the sink writes each -U/+U pair as a delete and a create message, so a reader gets -D/+I where the simulation kept -U/+U; the tables it feeds end the same");
    if (t.read && t.options.get('properties.group.id') === undefined)
      t.options.set('properties.group.id', t.ctx.placeholders.use(`${placeholderPart(t.name)}_GROUP_ID`, `${t.name}-reader`, `Kafka consumer group of the jobs reading ${t.name}`, t.name), {
        rule: RULE,
        severity: 'changed',
        message: "'properties.group.id' added as a placeholder: Flink's Kafka source needs a group with 'group-offsets'",
      });
    if (t.options.value('sink.delivery-guarantee')?.toLowerCase() === 'exactly-once' && t.options.get('sink.transactional-id-prefix') === undefined)
      t.options.set('sink.transactional-id-prefix', t.name, { rule: RULE, severity: 'changed', message: "'sink.transactional-id-prefix' added: Flink's exactly-once Kafka sink needs one" });
  },
  'upsert-kafka': (t) => {
    kafkaTopicOptions(t);
    if (t.options.get('key.format') === undefined)
      t.options.set('key.format', 'json', { rule: RULE, severity: 'changed', message: "'key.format' = 'json' added: Flink requires it (the simulation did without)" });
  },
  jdbc: (t) => {
    const url = t.options.value('url') ?? 'jdbc:mysql://localhost:3306/freshet';
    t.options.set('url', t.ctx.placeholders.use('JDBC_URL', url, 'JDBC URL of the serving database (jdbc:mysql://host:3306/db)', t.name), { rule: RULE, severity: 'changed', message: 'the JDBC URL is a placeholder' });
    if (t.options.get('table-name') === undefined)
      t.options.set('table-name', t.name, { rule: RULE, severity: 'changed', message: `'table-name' added: the simulation used the table name` });
    t.options.set('username', t.ctx.placeholders.use('JDBC_USERNAME', t.options.value('username') ?? 'freshet', 'database user', t.name), null);
    t.options.set('password', t.ctx.placeholders.use('JDBC_PASSWORD', t.options.value('password') ?? 'freshet', 'database password', t.name), null);
    t.ctx.artifacts.add('jdbc');
    if (/^jdbc:mysql:/i.test(url)) t.ctx.artifacts.add('mysql');
  },
  filesystem: (t) => {
    const path = t.options.value('path') ?? '';
    t.options.set('path', t.ctx.placeholders.use(`${placeholderPart(t.name)}_PATH`, path, `file or directory of ${t.name} (file:///..., s3://..., hdfs://...)`, t.name), {
      rule: RULE,
      severity: 'changed',
      message: `the path '${path}' is a placeholder`,
    });
    changelogJsonToDebezium(t, 'lost', 'the file must be converted to Debezium JSON ({"before":..., "after":..., "op":"c|u|d"}) first');
  },
  datagen: (t) => {
    for (const o of [...t.options.options]) {
      const m = /^fields\.(.+)\.values$/i.exec(o.key);
      if (!m) continue;
      t.options.remove(o, {
        rule: RULE,
        severity: 'lost',
        tables: [t.name],
        message: `'${o.key}' removed: Flink's datagen has no value list, so '${m[1]}' gets random strings instead of ${o.value.split(',').slice(0, 3).join(', ')}${o.value.split(',').length > 3 ? ', ...' : ''}; filter or map them in the query, or feed the table from a real source`,
      });
    }
  },
  iceberg: (t) => icebergConnectorOptions(t),
};

/** Why an option Flink's connector lacks was removed, for the options Freshet adds. */
function removalSeverity(key: string): { severity: 'approximated' | 'lost'; why: string } {
  if (/^(scan|sink)\.parallelism$/i.test(key)) return { severity: 'approximated', why: 'parallelism only; set it with parallelism.default' };
  return { severity: 'lost', why: 'no equivalent' };
}

export function exportConnectorOptions(ctx: ExportContext): void {
  for (const st of editableStatements(ctx)) {
    if (st.kind !== 'CreateTable') continue;
    const info = tableInfo(ctx, st.name.parts[st.name.parts.length - 1]!.name);
    if (!info) continue;
    const connector = info.connector.toLowerCase();
    const inIcebergCatalog = connector === 'iceberg' && !st.options.some((o) => o.key.toLowerCase() === 'connector');
    const read = ctx.pipeline.jobs.some((j) => j.sourceTables.some((s) => s.toLowerCase() === info.name.toLowerCase()));
    const t: TableWork = { ctx, st, name: info.name, connector, inIcebergCatalog, read, options: new OptionList(ctx, statementLabel(ctx, st), st.options, st.span.start.offset) };
    CONNECTOR_RULES[connector]?.(t);
    const real = optionTableOf(connector, inIcebergCatalog);
    if (!real) {
      report(ctx, { rule: RULE, severity: 'lost', statement: t.options.statement, at: st.span.start.offset, tables: [t.name], message: `connector '${connector}' is not a Flink connector` });
    } else {
      const formats = formatsOf(t.options.options);
      for (const o of [...t.options.options]) {
        if (isRealOption(real, o.key, ctx.target.id, formats)) continue;
        const { severity, why } = removalSeverity(o.key);
        t.options.remove(o, { rule: RULE, severity, tables: severity === 'lost' ? [t.name] : [], message: `'${o.key}' = '${o.value}' removed: not an option of ${real.source[ctx.target.id]} (${why})` });
      }
    }
    t.options.emit();
  }
}
