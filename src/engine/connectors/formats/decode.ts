// Formats: CSV with a header row, JSON lines, changelog-json and debezium-json. Decoding turns
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

/**
 * RFC 4180 CSV: `"` quotes, `""` escapes a quote, quoted fields may span lines. Blank lines are
 * skipped. Returns records with the line they start on; an unterminated quote is reported as an
 * error record.
 */
export function splitCsv(text: string, delimiter = ',', quote = '"'): (CsvRecord | { line: number; error: string })[] {
  const out: (CsvRecord | { line: number; error: string })[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const startLine = line;
    // Blank line?
    if (text[i] === '\n') {
      i++;
      line++;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      i += 2;
      line++;
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
          if (c === '\n') line++;
          field += c;
          i++;
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
      } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
        i += c === '\r' ? 2 : 1;
        line++;
        done = true;
      } else {
        field += c;
        i++;
      }
    }
    if (inQuotes) {
      out.push({ line: startLine, error: 'a quoted field is not closed' });
      break;
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
}

/** Decodes a CSV file with a header row into +I changes of `columns`. */
export function decodeCsv(text: string, columns: readonly Column[], opts: CsvOptions, physical?: readonly boolean[]): DecodedLine[] {
  const records = splitCsv(text, opts.delimiter, opts.quote);
  const out: DecodedLine[] = [];
  if (records.length === 0) return out;
  const header = records[0]!;
  if ('error' in header) return [header];
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const isPhysical = (i: number) => !physical || physical[i] !== false;
  const physicalCount = columns.filter((_, i) => isPhysical(i)).length;
  // Columns by header name when every column is named, else by position. -1: not in the file.
  let mapping: number[] = columns.map((c, i) => (isPhysical(i) ? names.indexOf(c.name.toLowerCase()) : -1));
  if (mapping.some((m, i) => m < 0 && isPhysical(i))) {
    if (names.length === physicalCount) {
      let k = 0;
      mapping = columns.map((_, i) => (isPhysical(i) ? k++ : -1));
    } else {
      const missing = columns.find((_, i) => mapping[i]! < 0 && isPhysical(i))!;
      return [{ line: header.line, error: `the header row does not name column '${missing.name}' (header: ${header.fields.join(opts.delimiter)})` }];
    }
  }
  const width = header.fields.length;
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    if ('error' in rec) {
      out.push(rec);
      continue;
    }
    if (rec.fields.length !== width) {
      out.push({ line: rec.line, error: `expected ${width} fields, found ${rec.fields.length}` });
      continue;
    }
    try {
      const row: Row = new Array(columns.length);
      for (let c = 0; c < columns.length; c++) {
        if (mapping[c]! < 0) {
          row[c] = null;
          continue;
        }
        const f = rec.fields[mapping[c]!]!;
        row[c] = opts.nullLiteral !== null && f === opts.nullLiteral ? null : parseField(f, columns[c]!);
      }
      out.push({ line: rec.line, changes: [{ kind: RK.INSERT, row }] });
    } catch (e) {
      out.push({ line: rec.line, error: (e as Error).message });
    }
  }
  return out;
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
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
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
    start = end + 1;
    line++;
  }
  return out;
}

export function shortKind(kind: RowKind): string {
  return ROW_KIND_SHORT[kind];
}
