// Checks the WITH options of CREATE TABLE statements against the connector catalog, as Flink's
// factories do ("Unsupported options found for 'datagen'"): an option the connector does not
// have is an error at its key, a value outside an option's allowed list is an error at the
// value, and an option Flink has but the simulator does not model is a warning. The connector
// specs (connectors/<name>/spec.ts, looked up through catalog.ts) are the one list of options,
// so completion and these checks agree; nothing here is particular to one connector.
import type { CreateTableStmt, Statement, TableOption } from '../sql/ast';
import { suggest } from '../sql/diagnostics';
import type { Diagnostic } from '../types';
import { findConnector, FORMATS, optionKeyMatches, type OptionSpec } from './catalog';

const diag = (severity: Diagnostic['severity'], message: string, span: TableOption['span']): Diagnostic => ({
  severity,
  message,
  span,
  code: 'connector',
});

/** `fields.#.kind` -> `fields.<column>.kind`, for messages. */
const shown = (key: string): string => key.replace('#', '<column>');

/**
 * Diagnostics for the options of every CREATE TABLE whose connector the simulator runs.
 * `impliedConnector` names the connector of a table whose catalog gives it one (a table created
 * in an Iceberg catalog writes no `'connector'`, and the catalog stands for its catalog options).
 */
export function checkTableOptions(statements: readonly Statement[], impliedConnector: (s: CreateTableStmt) => string | undefined = () => undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of statements) if (s.kind === 'CreateTable') out.push(...checkTable(s, impliedConnector(s)));
  return out;
}

function checkTable(s: CreateTableStmt, implied: string | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const connector = implied ?? s.options.find((o) => o.key === 'connector')?.value;
  const spec = connector === undefined ? undefined : findConnector(connector);
  // Unknown, missing and reserved connectors are reported by the planner.
  if (!spec || !spec.supported || connector !== spec.name) return out;
  const table = s.name.parts.map((p) => p.name).join('.');
  const columns = s.columns.map((c) => c.name.name);
  const written = new Map(s.options.map((o) => [o.key.toLowerCase(), o.value]));
  const formats = spec.usesFormat ? [written.get('format'), written.get('value.format')].filter((f): f is string => f !== undefined) : [];
  const formatSpecs = FORMATS.filter((f) => formats.some((w) => w.toLowerCase() === f.name));
  const keyFormat = spec.usesFormat ? FORMATS.find((f) => f.name === written.get('key.format')?.toLowerCase()) : undefined;
  const allowed: OptionSpec[] = [
    ...spec.options,
    ...formatSpecs.flatMap((f) => f.options),
    ...(keyFormat ? keyFormat.options.map((o) => ({ ...o, key: `key.${o.key}` })) : []),
  ];

  for (const o of s.options) {
    const key = o.key.toLowerCase();
    if (key === 'connector') continue;
    const exact = allowed.find((a) => a.key === key);
    const pattern = exact ? undefined : allowed.find((a) => optionKeyMatches(a.key, key));
    const opt = exact ?? pattern;
    if (opt && pattern) {
      // `fields.<column>.kind`: the column must exist.
      const [pre, post] = pattern.key.split('#') as [string, string];
      const col = o.key.slice(pre.length, o.key.length - post.length);
      if (!columns.some((c) => c.toLowerCase() === col.toLowerCase())) {
        const near = suggest(col, columns);
        out.push(
          diag(
            'error',
            `option '${o.key}' names column '${col}', which table ${table} does not have${near ? `; did you mean '${pre}${near}${post}'?` : ''}`,
            o.keySpan,
          ),
        );
        continue;
      }
    }
    if (!opt) {
      // Client properties (Kafka's `properties.*`) pass through to the client; the simulator has none.
      if (spec.passThroughPrefix !== undefined && key.startsWith(spec.passThroughPrefix)) continue;
      const otherFormat = FORMATS.find((f) => f.options.some((x) => x.key === key || `key.${x.key}` === key));
      if (otherFormat && spec.usesFormat) {
        const using = formats.length > 0 ? `uses format '${formats.join("', '")}'` : "has no 'format' option";
        out.push(diag('error', `option '${o.key}' belongs to format '${otherFormat.name}', but table ${table} ${using}`, o.keySpan));
        continue;
      }
      const candidates = allowed.flatMap((a) => (a.key.includes('#') ? columns.map((c) => a.key.replace('#', c)) : [a.key]));
      const near = suggest(o.key, candidates);
      const list = ['connector', ...allowed.map((a) => shown(a.key))].join(', ');
      out.push(
        diag(
          'error',
          `unsupported option '${o.key}' for connector '${spec.name}'` + (near ? `; did you mean '${near}'?` : `; supported options: ${list}`),
          o.keySpan,
        ),
      );
      continue;
    }
    if (opt.type === 'enum' && opt.values && !opt.values.some((v) => v.toLowerCase() === o.value.trim().toLowerCase())) {
      out.push(diag('error', `option '${o.key}' must be one of ${opt.values.map((v) => `'${v}'`).join(', ')}, not '${o.value}'`, o.valueSpan));
      continue;
    }
    if (opt.effect === 'unsimulated') {
      out.push(diag('warning', `option '${o.key}' is not simulated: Freshet ignores it, Flink would not`, o.keySpan));
    }
  }

  for (const opt of spec.options) {
    if (implied !== undefined) break;
    if (!opt.required || opt.key.includes('#')) continue;
    if (written.has(opt.key)) continue;
    if (opt.key === 'format' && written.has('value.format')) continue;
    if (opt.key === 'value.format' && written.has('format')) continue;
    // Options the simulator needs (path, format) fail later with their own message.
    if (opt.effect === undefined && opt.fallback === undefined) continue;
    out.push(
      diag(
        'warning',
        `table ${table} has no '${opt.key}' option: Flink requires it for connector '${spec.name}' (the simulation runs without it${opt.fallback !== undefined ? ` and ${opt.fallback}` : ''})`,
        s.name.span,
      ),
    );
  }
  return out;
}
