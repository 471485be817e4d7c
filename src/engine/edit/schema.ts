// The tables a script defines, as the edit services need them: from the parser's AST where the
// statement parses, and from a tolerant token scan of a CREATE TABLE the user is still typing.
import type { CreateTableStmt, CreateViewStmt, Query, SelectItem, Statement } from '../sql/ast';
import { parseScript } from '../sql';
import type { Token } from '../sql/lexer';
import { typeToString, type DataType } from '../types';
import { isPunct, isWord, splitStatements, tokensOf, type Chunk } from './tokens';

export interface ColumnModel {
  name: string;
  /** Type as Flink writes it (`DECIMAL(10, 2)`); empty when unknown (computed columns, views). */
  type: string;
  dataType?: DataType;
  kind: 'physical' | 'computed' | 'metadata';
  /** An INSERT may write it (physical, or metadata that is not VIRTUAL). */
  writable: boolean;
}

export interface TableModel {
  /** Normalized name (unquoted identifiers lower-cased). */
  name: string;
  kind: 'table' | 'view';
  columns: ColumnModel[];
  primaryKey: string[];
  connector?: string;
  options: Record<string, string>;
  /** Offsets of the statement (without its `;`). */
  start: number;
  end: number;
  /** Built from the AST (true) or from a tolerant scan of a statement that does not parse (false). */
  parsed: boolean;
}

export interface ScriptModel {
  text: string;
  tokens: Token[];
  chunks: Chunk[];
  statements: Statement[];
  /** For each chunk, the parsed statement that starts in it (undefined when it did not parse). */
  chunkStatements: (Statement | undefined)[];
  tables: TableModel[];
  parseErrors: number;
}

let lastModelText: string | null = null;
let lastModel: ScriptModel | null = null;

/** Parse, split and index a script (the last result is kept). */
export function modelOf(text: string): ScriptModel {
  if (lastModel && lastModelText === text) return lastModel;
  const tokens = tokensOf(text);
  const chunks = splitStatements(tokens);
  let statements: Statement[] = [];
  let parseErrors = 0;
  try {
    const res = parseScript(text);
    statements = res.statements;
    parseErrors = res.diagnostics.filter((d) => d.severity === 'error').length;
  } catch {
    // A parser bug must not take the editor down: fall back to the token scan.
    parseErrors = 1;
  }
  // both lists are in script order: walk them together
  let k = 0;
  const chunkStatements = chunks.map((c, i) => {
    const endLimit = c.semi >= 0 ? tokens[c.semi]!.end.offset : (chunks[i + 1]?.start ?? Infinity);
    while (k < statements.length && statements[k]!.span.start.offset < c.start) k++;
    const st = statements[k];
    return st && st.span.start.offset < endLimit ? st : undefined;
  });
  const tables: TableModel[] = [];
  chunks.forEach((c, i) => {
    const st = chunkStatements[i];
    if (st?.kind === 'CreateTable') tables.push(tableFromAst(st));
    else if (st?.kind === 'CreateView') tables.push(viewFromAst(st));
    else if (!st) {
      const t = scanCreateTable(tokens, c);
      if (t) tables.push(t);
    }
  });
  lastModel = { text, tokens, chunks, statements, chunkStatements, tables, parseErrors };
  lastModelText = text;
  return lastModel;
}

export function findTable(model: ScriptModel, name: string): TableModel | undefined {
  return model.tables.find((t) => t.name === name) ?? model.tables.find((t) => t.name === name.toLowerCase());
}

function tableFromAst(st: CreateTableStmt): TableModel {
  const options: Record<string, string> = {};
  for (const o of st.options) options[o.key] = o.value;
  const primaryKey = st.primaryKey
    ? st.primaryKey.columns.map((c) => c.name)
    : st.columns.filter((c) => c.primaryKey).map((c) => c.name.name);
  const columns: ColumnModel[] = st.columns.map((c) => {
    if (c.columnKind === 'computed') return { name: c.name.name, type: '', kind: 'computed', writable: false };
    return {
      name: c.name.name,
      type: typeToString(c.type),
      dataType: c.type,
      kind: c.columnKind,
      writable: c.columnKind === 'physical' || !c.virtual,
    };
  });
  return {
    name: st.name.name,
    kind: 'table',
    columns,
    primaryKey,
    connector: options['connector'],
    options,
    start: st.span.start.offset,
    end: st.span.end.offset,
    parsed: true,
  };
}

function selectItemsOf(q: Query): SelectItem[] {
  switch (q.kind) {
    case 'Select':
      return q.items;
    case 'SetOp':
      return selectItemsOf(q.left);
    case 'With':
      return selectItemsOf(q.body);
    default:
      return [];
  }
}

/** Output column names of a query as far as they can be told without binding. */
export function queryColumnNames(q: Query): string[] {
  const out: string[] = [];
  for (const item of selectItemsOf(q)) {
    if (item.kind === 'Star') continue;
    if (item.alias) out.push(item.alias.name);
    else if (item.expr.kind === 'ColumnRef') out.push(item.expr.name.name);
  }
  return out;
}

function viewFromAst(st: CreateViewStmt): TableModel {
  const names = st.columns ? st.columns.map((c) => c.name) : queryColumnNames(st.query);
  return {
    name: st.name.name,
    kind: 'view',
    columns: names.map((n) => ({ name: n, type: '', kind: 'computed', writable: false })),
    primaryKey: [],
    options: {},
    start: st.span.start.offset,
    end: st.span.end.offset,
    parsed: true,
  };
}

/** Normalized identifier text of a word or quoted token. */
export function identOf(t: Token): string {
  return t.kind === 'quoted' ? t.value : t.text.toLowerCase();
}

/** Index of the `)` matching the `(` at `open`, or `limit + 1` when it is missing. */
export function matchParen(tokens: Token[], open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i <= limit; i++) {
    const t = tokens[i]!;
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return limit + 1;
}

/** Tolerant scan of `CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name (cols) ... WITH (opts)`. */
export function scanCreateTable(tokens: Token[], c: Chunk): TableModel | undefined {
  let i = c.first;
  if (!isWord(tokens[i], 'CREATE')) return undefined;
  i++;
  if (isWord(tokens[i], 'TEMPORARY')) i++;
  if (!isWord(tokens[i], 'TABLE')) return undefined;
  i++;
  if (isWord(tokens[i], 'IF') && isWord(tokens[i + 1], 'NOT') && isWord(tokens[i + 2], 'EXISTS')) i += 3;
  const nameParts: string[] = [];
  while (i <= c.last && (tokens[i]!.kind === 'word' || tokens[i]!.kind === 'quoted')) {
    nameParts.push(identOf(tokens[i]!));
    i++;
    if (isPunct(tokens[i], '.')) i++;
    else break;
  }
  if (nameParts.length === 0) return undefined;
  const table: TableModel = {
    name: nameParts.join('.'),
    kind: 'table',
    columns: [],
    primaryKey: [],
    options: {},
    start: c.start,
    end: c.end,
    parsed: false,
  };
  if (isPunct(tokens[i], '(')) {
    const close = matchParen(tokens, i, c.last);
    for (const el of splitTopLevel(tokens, i + 1, close - 1)) scanElement(tokens, el, table);
    i = close + 1;
  }
  for (; i <= c.last; i++) {
    if (isWord(tokens[i], 'WITH') && isPunct(tokens[i + 1], '(')) {
      const close = matchParen(tokens, i + 1, c.last);
      for (const [a, b] of splitTopLevel(tokens, i + 2, close - 1)) {
        const k = tokens[a];
        if (!k || (k.kind !== 'string' && k.kind !== 'word')) continue;
        const key = k.kind === 'string' ? k.value : k.text;
        const v = a + 2 <= b && isPunct(tokens[a + 1], '=') ? tokens[a + 2] : undefined;
        table.options[key] = v ? (v.kind === 'string' ? v.value : v.text) : '';
      }
      break;
    }
  }
  table.connector = table.options['connector'] || undefined;
  return table;
}

/** Token index ranges [a, b] of the comma-separated items between from and to (inclusive). */
export function splitTopLevel(tokens: Token[], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i <= to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'eof') {
      to = i - 1;
      break;
    }
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) depth--;
    else if (depth === 0 && isPunct(t, ',')) {
      if (i > start) out.push([start, i - 1]);
      start = i + 1;
    }
  }
  if (to >= start) out.push([start, to]);
  return out;
}

function scanElement(tokens: Token[], [a, b]: [number, number], table: TableModel): void {
  const t = tokens[a]!;
  if (isWord(t, 'WATERMARK') || isWord(t, 'CONSTRAINT') || isWord(t, 'PRIMARY')) {
    const pk = tokens.slice(a, b + 1).findIndex((x) => isWord(x, 'PRIMARY'));
    if (pk >= 0) {
      const open = a + pk + 2;
      if (isPunct(tokens[open], '(')) {
        for (let k = open + 1; k <= b && !isPunct(tokens[k], ')'); k++) {
          if (tokens[k]!.kind === 'word' || tokens[k]!.kind === 'quoted') table.primaryKey.push(identOf(tokens[k]!));
        }
      }
    }
    return;
  }
  if (t.kind !== 'word' && t.kind !== 'quoted') return;
  const name = identOf(t);
  const next = tokens[a + 1];
  if (a + 1 > b || !next) {
    table.columns.push({ name, type: '', kind: 'physical', writable: true });
    return;
  }
  if (isWord(next, 'AS')) {
    table.columns.push({ name, type: '', kind: 'computed', writable: false });
    return;
  }
  let type = next.text.toUpperCase();
  let k = a + 2;
  if (isPunct(tokens[k], '(')) {
    const close = matchParen(tokens, k, b);
    type += '(' + tokens.slice(k + 1, Math.min(close, b + 1)).map((x) => x.text).join(' ').replace(/ , /g, ', ') + ')';
    k = close + 1;
  }
  let metadata = false;
  let virtual = false;
  for (; k <= b; k++) {
    if (isWord(tokens[k], 'METADATA')) metadata = true;
    if (isWord(tokens[k], 'VIRTUAL')) virtual = true;
    if (isWord(tokens[k], 'PRIMARY')) table.primaryKey.push(name);
  }
  table.columns.push({
    name,
    type,
    kind: metadata ? 'metadata' : 'physical',
    writable: !virtual,
  });
}
