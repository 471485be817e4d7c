// The deploy bundle: the SQL for `sql-client.sh -f`, the settings as the target's configuration
// file (flink-conf.yaml for 1.20, config.yaml for 2.x), a README of placeholders and jars, and the
// report as JSON.
import type { TargetSpec } from './targets';
import type { ExportArtifact, ExportFile, ExportPlaceholder, ExportReportEntry } from './types';

/** The legacy flink-conf.yaml parser reads `key: value` lines as they are (no YAML quoting). */
function flinkConf(config: Map<string, string>): string {
  return [...config].map(([k, v]) => `${k}: ${v}`).join('\n');
}

/** config.yaml is standard YAML 1.2: flat dotted keys are allowed; values are quoted when YAML would read them otherwise. */
function configYaml(config: Map<string, string>): string {
  const plain = /^[A-Za-z0-9_./][A-Za-z0-9 _./:-]*$/;
  const scalar = (v: string) => (plain.test(v) && !/: |\s$|^(true|false|null|yes|no|on|off|~)$/i.test(v) && !/^[-+]?[0-9.]+$/.test(v) ? v : `'${v.replace(/'/g, "''")}'`);
  return [...config].map(([k, v]) => `${k}: ${scalar(v)}`).join('\n');
}

export function buildBundle(input: {
  baseName: string;
  target: TargetSpec;
  sql: string;
  config: Map<string, string>;
  placeholders: ExportPlaceholder[];
  artifacts: ExportArtifact[];
  report: ExportReportEntry[];
}): ExportFile[] {
  const { baseName, target } = input;
  const sqlFile = `${baseName}.sql`;
  const header = `# Settings of ${baseName}, exported by Freshet for ${target.versions}.\n# Merge them into the cluster's conf/${target.configFile}.\n`;
  const config = header + (target.configFile === 'config.yaml' ? configYaml(input.config) : flinkConf(input.config)) + '\n';
  const readme: string[] = [
    `# ${baseName}: deploy bundle`,
    '',
    `Exported by Freshet for ${target.versions}.`,
    '',
    '## Run it',
    '```',
    ...(input.placeholders.length > 0 ? [`# fill in the placeholders (export NAME=value for each one below), then:`, `envsubst < ${sqlFile} > ${baseName}.job.sql`, `./bin/sql-client.sh -f ${baseName}.job.sql`] : [`./bin/sql-client.sh -f ${sqlFile}`]),
    '```',
    `Put the jars below in Flink's lib/ (restart the cluster) and merge ${target.configFile} into conf/${target.configFile}.`,
    '',
    '## Placeholders',
  ];
  if (input.placeholders.length === 0) readme.push('None.');
  else {
    readme.push('| name | what | simulated with | used by |', '|---|---|---|---|');
    for (const p of input.placeholders) readme.push(`| \`\${${p.name}}\` | ${p.description} | \`${p.simulatedValue}\` | ${p.usedBy.join(', ')} |`);
  }
  readme.push('', '## Jars');
  if (input.artifacts.length === 0) readme.push("None beyond Flink's distribution (datagen, filesystem, print, blackhole, json and csv are built in).");
  else {
    readme.push('| Maven coordinates | for |', '|---|---|');
    for (const a of input.artifacts) readme.push(`| \`${a.group}:${a.artifact}:${a.version}\` | ${a.why} |`);
  }
  const count = (s: string) => input.report.filter((e) => e.severity === s).length;
  readme.push(
    '',
    '## What changed',
    `${input.report.length} changes: ${count('changed')} changed (same behaviour), ${count('approximated')} approximated (same rows, other timing or layout), ${count('lost')} lost (rows may differ). Details in report.json.`,
  );
  for (const e of input.report.filter((x) => x.severity === 'lost')) readme.push(`- line ${e.exportedLine}, ${e.statement}: ${e.message}`);
  return [
    { path: sqlFile, content: input.sql },
    { path: target.configFile, content: config },
    { path: 'README.md', content: readme.join('\n') + '\n' },
    { path: 'report.json', content: JSON.stringify(input.report, null, 2) + '\n' },
  ];
}
