// Formats: CSV (no header, as Flink's), JSON lines, changelog-json and debezium-json. Decoding turns
// text into changes of a table's schema; errors carry the 1-based line they come from.
import type { Change, Column, RowKind, Row } from '../../types';
import { RowKind as RK, ROW_KIND_SHORT } from '../../types';
import { ValueError } from '../../errors';
import { fromJson, parseText } from '../values';
import { parseJsonExact } from './json-exact';
import type { FormatName } from './kinds';

/** One decoded record of a file or topic: changes, or the reason it could not be read. */
export type DecodedLine = { line: number; changes: Change[] } | { line: number; error: string };

// ---- CSV ----------------------------------------------------------------------------------

export interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on. */
  line: number;
}

/** Length of the line break at `i` (`\n`, `\r\n` or a lone `\r`, as Jackson's CSV reader takes them), 0 if none. */
function lineBreakAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 10) return 1;
  if (c === 13) return text.charCodeAt(i + 1) === 10 ? 2 : 1;
  return 0;
}

/**
 * RFC 4180 CSV: `"` quotes, `""` escapes a quote, quoted fields may span lines. Lines end with
 * `\n`, `\r\n` or a lone `\r`. Blank lines are skipped, and so are lines starting with `#` when
 * `allowComments` (csv.allow-comments). Returns records with the line they start on; an
 * unterminated quote is an error record, and reading resumes on the line after its start, so
 * one stray quote costs one record, not the rest of the file.
 */
export function splitCsv(text: string, delimiter = ',', quote = '"', allowComments = false): (CsvRecord | { line: number; error: string })[] {
  const out: (CsvRecord | { line: number; error: string })[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const startLine = line;
    const startIndex = i;
    const blank = lineBreakAt(text, i);
    if (blank > 0) {
      i += blank;
      line++;
      continue;
    }
    if (allowComments && text[i] === '#') {
      while (i < n && lineBreakAt(text, i) === 0) i++;
      continue;
    }
    const fields: string[] = [];
    let field = '';
    let inQuotes = false;
    let quotedField = false;
    let done = false;
    while (i < n && !done) {
      const c = text[i]!;
      if (inQuotes) {
        if (c === quote) {
          if (text[i + 1] === quote) {
            field += quote;
            i += 2;
          } else {
            inQuotes = false;
            i++;
          }
        } else {
          const br = lineBreakAt(text, i);
          if (br > 0) line++;
          field += text.slice(i, i + Math.max(br, 1));
          i += Math.max(br, 1);
        }
      } else if (c === quote && field === '' && !quotedField) {
        inQuotes = true;
        quotedField = true;
        i++;
      } else if (c === delimiter) {
        fields.push(field);
        field = '';
        quotedField = false;
        i++;
      } else {
        const br = lineBreakAt(text, i);
        if (br > 0) {
          i += br;
          line++;
          done = true;
        } else {
          field += c;
          i++;
        }
      }
    }
    if (inQuotes) {
      out.push({ line: startLine, error: 'a quoted field is not closed' });
      // Resume on the line after the record's first line.
      i = startIndex;
      while (i < n && lineBreakAt(text, i) === 0) i++;
      i += lineBreakAt(text, i);
      line = startLine + 1;
      continue;
    }
    fields.push(field);
    out.push({ fields, line: startLine });
  }
  return out;
}

export interface CsvOptions {
  delimiter: string;
  quote: string;
  /** A field equal to this text is NULL (csv.null-literal). */
  nullLiteral: string | null;
  /** Lines starting with `#` are comments (csv.allow-comments). */
  allowComments?: boolean;
}

/** What a CSV file decodes to: its records, and a note for a skipped header line. */
export interface DecodedCsv {
  lines: DecodedLine[];
  /** Set when line 1 repeated the column names and was skipped. */
  headerWarning: { line: number; message: string } | null;
}

/**
 * Decodes a CSV file into +I changes of `columns`. As Flink's `csv` format, a file has no header:
 * fields map to the physical columns by position and line 1 is data. One exception, because
 * files exported with a header are common: a first line that equals the physical column names
 * (in order, trimmed, ignoring case) is skipped, with a warning that Flink would read it as a row.
 */
export function decodeCsv(text: string, columns: readonly Column[], opts: CsvOptions, physical?: readonly boolean[]): DecodedCsv {
  const records = splitCsv(text, opts.delimiter, opts.quote, opts.allowComments ?? false);
  const lines: DecodedLine[] = [];
  const isPhysical = (i: number) => !physical || physical[i] !== false;
  // Field k of a record goes to column fieldColumn[k].
  const fieldColumn: number[] = [];
  for (let c = 0; c < columns.length; c++) if (isPhysical(c)) fieldColumn.push(c);
  const width = fieldColumn.length;
  let headerWarning: DecodedCsv['headerWarning'] = null;
  for (let r = 0; r < records.length; r++) {
    const rec = records[r]!;
    if ('error' in rec) {
      lines.push(rec);
      continue;
    }
    if (r === 0 && isHeader(rec.fields, fieldColumn.map((c) => columns[c]!.name))) {
      headerWarning = {
        line: rec.line,
        message: `line ${rec.line} names the columns (${rec.fields.map((f) => f.trim()).join(opts.delimiter)}); Freshet skips it as a header, but Flink's csv format has no header and reads it as a row`,
      };
      continue;
    }
    if (rec.fields.length !== width) {
      lines.push({ line: rec.line, error: `expected ${width} fields, found ${rec.fields.length}` });
      continue;
    }
    try {
      const row: Row = new Array(columns.length).fill(null);
      for (let k = 0; k < width; k++) {
        const c = fieldColumn[k]!;
        const f = rec.fields[k]!;
        row[c] = opts.nullLiteral !== null && f === opts.nullLiteral ? null : parseField(f, columns[c]!);
      }
      lines.push({ line: rec.line, changes: [{ kind: RK.INSERT, row }] });
    } catch (e) {
      lines.push({ line: rec.line, error: (e as Error).message });
    }
  }
  return { lines, headerWarning };
}

/** True when `fields` are `names`, in order (trimmed, ignoring case). */
function isHeader(fields: readonly string[], names: readonly string[]): boolean {
  if (fields.length !== names.length) return false;
  for (let i = 0; i < names.length; i++) if (fields[i]!.trim().toLowerCase() !== names[i]!.toLowerCase()) return false;
  return true;
}

function parseField(text: string, column: Column): Row[number] {
  try {
    return parseText(text, column.type);
  } catch (e) {
    if (e instanceof ValueError) throw new ValueError(`column '${column.name}': ${e.message}`);
    throw e;
  }
}

// ---- JSON ---------------------------------------------------------------------------------

function objectToRow(obj: unknown, columns: readonly Column[], what: string, physical?: readonly boolean[]): Row {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new ValueError(`${what} is not a JSON object`);
  const rec = obj as Record<string, unknown>;
  const row: Row = new Array(columns.length);
  let lowered: Map<string, unknown> | null = null;
  for (let c = 0; c < columns.length; c++) {
    const col = columns[c]!;
    if (physical && physical[c] === false) {
      row[c] = null;
      continue;
    }
    let v: unknown;
    if (Object.prototype.hasOwnProperty.call(rec, col.name)) v = rec[col.name];
    else {
      if (!lowered) {
        lowered = new Map();
        for (const k of Object.keys(rec)) lowered.set(k.toLowerCase(), rec[k]);
      }
      v = lowered.get(col.name.toLowerCase());
    }
    try {
      row[c] = fromJson(v, col.type);
    } catch (e) {
      if (e instanceof ValueError) throw new ValueError(`field '${col.name}': ${e.message}`);
      throw e;
    }
  }
  return row;
}

const OPS: Record<string, RowKind> = { '+I': RK.INSERT, '-U': RK.UPDATE_BEFORE, '+U': RK.UPDATE_AFTER, '-D': RK.DELETE };

/** Decodes one parsed JSON record of `format` into changes. Throws ValueError. */
export function decodeJsonRecord(value: unknown, format: FormatName, columns: readonly Column[], physical?: readonly boolean[]): Change[] {
  switch (format) {
    case 'json':
    case 'csv':
      return [{ kind: RK.INSERT, row: objectToRow(value, columns, 'the record', physical) }];
    case 'changelog-json': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ValueError('the record is not a JSON object');
      const rec = value as Record<string, unknown>;
      const op = rec['op'];
      const kind = typeof op === 'string' ? OPS[op] : undefined;
      if (kind === undefined) throw new ValueError(`"op" must be one of +I, -U, +U, -D, not ${JSON.stringify(op ?? null)}`);
      return [{ kind, row: objectToRow(rec['data'], columns, '"data"', physical) }];
    }
    case 'debezium-json': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ValueError('the record is not a JSON object');
      let rec = value as Record<string, unknown>;
      if (!('op' in rec) && rec['payload'] && typeof rec['payload'] === 'object') rec = rec['payload'] as Record<string, unknown>;
      const op = rec['op'];
      switch (op) {
        case 'c':
        case 'r':
          return [{ kind: RK.INSERT, row: objectToRow(rec['after'], columns, '"after"', physical) }];
        case 'u':
          if (rec['before'] === null || rec['before'] === undefined)
            throw new ValueError('"before" of an update ("op": "u") is null; the source table needs full row images (REPLICA IDENTITY FULL)');
          return [
            { kind: RK.UPDATE_BEFORE, row: objectToRow(rec['before'], columns, '"before"', physical) },
            { kind: RK.UPDATE_AFTER, row: objectToRow(rec['after'], columns, '"after"', physical) },
          ];
        case 'd':
          return [{ kind: RK.DELETE, row: objectToRow(rec['before'], columns, '"before"', physical) }];
        default:
          throw new ValueError(`"op" must be one of c, r, u, d, not ${JSON.stringify(op ?? null)}`);
      }
    }
  }
}

/** Decodes JSON lines (one record per non-blank line) of a JSON-based format. */
export function decodeJsonLines(text: string, format: FormatName, columns: readonly Column[], physical?: readonly boolean[]): DecodedLine[] {
  const out: DecodedLine[] = [];
  let start = 0;
  let line = 1;
  if (text.charCodeAt(0) === 0xfeff) start = 1;
  while (start <= text.length) {
    // A line ends at \n, \r\n or a lone \r (as Java's readLine): a file with old Mac line endings
    // is many records, not one bad one. JSON text never holds a raw CR, so this splits no record.
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const raw = text.slice(start, end).trim();
    if (raw !== '') {
      let parsed: unknown;
      let ok = true;
      try {
        parsed = parseJsonExact(raw); // keeps the digits of 64-bit ids and wide decimals
      } catch (e) {
        ok = false;
        out.push({ line, error: `invalid JSON: ${(e as Error).message}` });
      }
      if (ok) {
        try {
          out.push({ line, changes: decodeJsonRecord(parsed, format, columns, physical) });
        } catch (e) {
          if (!(e instanceof ValueError)) throw e;
          out.push({ line, error: e.message });
        }
      }
    }
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    line++;
  }
  return out;
}

export function shortKind(kind: RowKind): string {
  return ROW_KIND_SHORT[kind];
}
