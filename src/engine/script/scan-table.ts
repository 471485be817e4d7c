// The tolerant fallback of the table model: a CREATE TABLE the user is still typing does not
// parse, yet its name, columns and options already complete and hover. This scan reads them
// from the tokens of the statement's chunk and never fails.
import type { Token } from '../sql/lexer';
import type { Chunk } from './split';
import type { TableModel } from './tables';
import { identOf, isPunct, isWord, matchParen, splitTopLevel } from './tokens';

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
