// The formats a table's records are written in (`format`, `value.format`, `key.format`) and
// their options; the decoders are in decode.ts.
import type { FormatSpec } from '../spec';

const timestampFormatValues = ['SQL', 'ISO-8601'];

export const FORMATS: FormatSpec[] = [
  {
    name: 'csv',
    doc: 'Comma-separated values, one row per line, fields by position; no header line, as Flink. Freshet skips a first line that equals the column names, with a warning.',
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
      { key: 'csv.allow-comments', type: 'boolean', default: 'false', required: false, doc: "Ignore comment lines that start with '#'." },
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

/** Format names in the order completion offers them. */
export const FORMAT_NAMES: string[] = FORMATS.map((f) => f.name);
