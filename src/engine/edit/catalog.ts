// The studio's reference catalog: connectors and their options, formats, hints, SET keys,
// functions, types and keywords. One table per kind, used by completion, hover and the canvas
// palette. Connectors and formats are not described here: their specs live in connectors/ (one
// folder per connector) and are only looked up here. Docs follow the semantics of Flink's
// config documentation; Freshet's own additions are flagged (`freshet: true`) so the UI and the
// exporter can say so.
import { SIM_SETTINGS } from '../sim/settings';
import type { ConnectorSpec, FormatSpec, OptionSpec, OptionType } from '../connectors/spec';
import { optionKeyMatches } from '../connectors/spec';
import { CONNECTOR_NAMES, CONNECTOR_SPECS, findConnectorSpec } from '../connectors/registry';
import { FORMATS } from '../connectors/formats/spec';

export type { ConnectorSpec, FormatSpec, OptionSpec, OptionType } from '../connectors/spec';
export { optionKeyMatches } from '../connectors/spec';
export { FORMATS } from '../connectors/formats/spec';

/** Every connector of the dialect, reserved ones included. */
export const CONNECTORS: readonly ConnectorSpec[] = CONNECTOR_SPECS;

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


/** Options every CREATE TABLE may have regardless of connector. */
export const COMMON_OPTIONS: OptionSpec[] = [
  {
    key: 'connector',
    type: 'enum',
    values: [...CONNECTOR_NAMES],
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
      { key: 'condition', type: 'string', required: false, doc: "Boolean SQL expression over the aggregation's output columns, checked after each update of a group; when TRUE the group's state is cleared (e.g. 'sold >= 1000'). For a join input write '<alias>.ttl' / '<alias>.condition' (over that input's row)." },
    ],
    example: "SELECT /*+ STATE_CLEANUP('ttl' = '30 d', 'condition' = 'ended = 1') */ ...",
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

/** Flink keys the exporter keeps; the simulator reads only execution.runtime-mode of them. */
const FLINK_ONLY_SETTINGS: SettingSpec[] = [
  {
    key: 'execution.runtime-mode',
    type: 'enum',
    default: 'STREAMING',
    values: ['STREAMING', 'BATCH', 'AUTOMATIC'],
    doc: "Flink: runtime execution mode: STREAMING, BATCH or AUTOMATIC. Simulated: BATCH runs the jobs one after another in statement order with bounded inputs only, and tables get final results only (no -U/+U churn); AUTOMATIC runs as STREAMING.",
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
  { name: 'CURRENT_WATERMARK', signature: 'CURRENT_WATERMARK(rowtime)', doc: "The operator's current watermark for a rowtime attribute, NULL before the first.", aggregate: false },
  { name: 'ROW_NUMBER', signature: 'ROW_NUMBER() OVER (PARTITION BY k ORDER BY c)', doc: 'Row number within the partition; bounded by rn <= N (or QUALIFY) it is a Top-N or, ordered by a time attribute with N = 1, a deduplication.', aggregate: false },
  { name: 'TUMBLE', signature: "TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])", doc: 'Windowing TVF: fixed windows of `size`; adds window_start, window_end, window_time. Also the legacy GROUP BY TUMBLE(ts, size).', aggregate: false },
  { name: 'HOP', signature: 'HOP(TABLE t, DESCRIPTOR(ts), slide, size [, offset])', doc: 'Windowing TVF: windows of `size` every `slide`.', aggregate: false },
  { name: 'CUMULATE', signature: 'CUMULATE(TABLE t, DESCRIPTOR(ts), step, size [, offset])', doc: 'Windowing TVF: windows growing by `step` up to `size`.', aggregate: false },
  { name: 'SESSION', signature: 'SESSION(TABLE t [PARTITION BY k], DESCRIPTOR(ts), gap)', doc: 'Windowing TVF: sessions closed by a gap of inactivity; needs a window aggregation.', aggregate: false },
  { name: 'TUMBLE_START', signature: 'TUMBLE_START(ts, size)', doc: 'Start of the legacy GROUP BY TUMBLE window (also TUMBLE_END, TUMBLE_ROWTIME, HOP_*, SESSION_*).', aggregate: false },
  { name: 'CURRENT_TIMESTAMP', signature: 'CURRENT_TIMESTAMP', doc: 'The current (virtual) time as a TIMESTAMP_LTZ(3).', aggregate: false, niladic: true },
  { name: 'CURRENT_DATE', signature: 'CURRENT_DATE', doc: 'The current (virtual) date.', aggregate: false, niladic: true },
  { name: 'LOCALTIMESTAMP', signature: 'LOCALTIMESTAMP', doc: 'The current (virtual) time as a TIMESTAMP(3).', aggregate: false, niladic: true },
];

export const TYPES: { name: string; doc: string; snippet: string }[] = [
  { name: 'BOOLEAN', doc: 'TRUE, FALSE or UNKNOWN.', snippet: 'BOOLEAN' },
  { name: 'TINYINT', doc: '1-byte signed integer.', snippet: 'TINYINT' },
  { name: 'SMALLINT', doc: '2-byte signed integer.', snippet: 'SMALLINT' },
  { name: 'INT', doc: '4-byte signed integer.', snippet: 'INT' },
  { name: 'BIGINT', doc: '8-byte signed integer, exact over its whole range (overflow wraps, as Java long).', snippet: 'BIGINT' },
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
  return findConnectorSpec(name);
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
