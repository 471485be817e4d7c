// `freshet export <script.sql> [--target flink-1.20|flink-2.x] [--catalog hadoop|hive|rest]
//  [--report FILE] [--bundle DIR]`: the Flink SQL on stdout, the compatibility report on stderr
// (or as JSON in FILE), and with --bundle a deploy bundle in DIR. Exit 0; a script with errors is
// reported as `freshet run` reports it (exit 1); bad usage exit 2.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXPORT_TARGETS, exportFlinkSql, formatDiagnostic, formatExportReport } from '../engine/index';
import type { ExportTarget, IcebergCatalogType } from '../engine/index';

export const EXPORT_USAGE = `usage: freshet export <script.sql> [--target flink-1.20|flink-2.x] [--catalog hadoop|hive|rest] [--report FILE] [--bundle DIR]

  --target T        the Flink line to write for (default flink-1.20)
  --catalog TYPE    Iceberg catalog for 'connector' = 'iceberg' tables; wins over a table's own
                    'catalog-type' (default: each table's 'catalog-type', else hadoop)
  --report FILE     write the compatibility report as JSON to FILE (stderr then has only the summary)
  --bundle DIR      write a deploy bundle to DIR: the SQL, the Flink configuration file, README.md, report.json`;

interface Io {
  out(text: string): void;
  err(text: string): void;
}

class ExportUsageError extends Error {}

interface ExportArgs {
  script: string;
  target: ExportTarget;
  catalog: IcebergCatalogType | undefined;
  report: string | null;
  bundle: string | null;
}

function parseExportArgs(argv: string[]): ExportArgs | 'help' {
  let script: string | null = null;
  let target: ExportTarget = 'flink-1.20';
  let catalog: IcebergCatalogType | undefined;
  let report: string | null = null;
  let bundle: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, null];
    const value = (): string => {
      if (inline !== null) return inline;
      const v = argv[++i];
      if (v === undefined) throw new ExportUsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--target': {
        const v = value();
        if (!(EXPORT_TARGETS as string[]).includes(v)) throw new ExportUsageError(`--target must be ${EXPORT_TARGETS.join(' or ')}, not '${v}'`);
        target = v as ExportTarget;
        break;
      }
      case '--catalog': {
        const v = value();
        if (v !== 'hadoop' && v !== 'hive' && v !== 'rest') throw new ExportUsageError(`--catalog must be hadoop, hive or rest, not '${v}'`);
        catalog = v;
        break;
      }
      case '--report':
        report = value();
        break;
      case '--bundle':
        bundle = value();
        break;
      default:
        if (a.startsWith('-')) throw new ExportUsageError(`unknown option '${a}'`);
        if (script !== null) throw new ExportUsageError(`unexpected argument '${a}'`);
        script = a;
    }
  }
  if (script === null) throw new ExportUsageError('missing <script.sql>');
  return { script, target, catalog, report, bundle };
}

export function runExport(argv: string[], io: Io): number {
  let args: ExportArgs | 'help';
  try {
    args = parseExportArgs(argv);
  } catch (e) {
    if (e instanceof ExportUsageError) {
      io.err(`freshet: ${e.message}\n${EXPORT_USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args === 'help') {
    io.out(EXPORT_USAGE + '\n');
    return 0;
  }
  let text: string;
  try {
    text = readFileSync(args.script, 'utf8');
  } catch {
    io.err(`freshet: cannot read script '${args.script}'\n${EXPORT_USAGE}\n`);
    return 2;
  }
  const fileName = args.script;
  const result = exportFlinkSql(text, { target: args.target, ...(args.catalog ? { icebergCatalogType: args.catalog } : {}), fileName });
  const shown = result.diagnostics.filter((d) => d.severity === 'error' || (!result.ok && d.severity !== 'info'));
  if (shown.length > 0) io.err(shown.map((d) => formatDiagnostic(d, text, fileName)).join('\n') + '\n');
  if (!result.ok) return 1;
  io.out(result.sql);
  const summary = formatExportReport(result, fileName, `${path.basename(fileName, '.sql')}.${args.target}.sql`);
  if (args.report !== null) {
    writeFileSync(args.report, JSON.stringify({ target: result.target, versions: result.versions, report: result.report, placeholders: result.placeholders, artifacts: result.artifacts }, null, 2) + '\n');
    io.err(summary.split('\n')[0] + `\nreport written to ${args.report}\n`);
  } else io.err(summary);
  if (args.bundle !== null) {
    mkdirSync(args.bundle, { recursive: true });
    for (const f of result.bundle) writeFileSync(path.join(args.bundle, f.path), f.content);
    io.err(`bundle written to ${args.bundle}: ${result.bundle.map((f) => f.path).join(', ')}\n`);
  }
  return 0;
}
