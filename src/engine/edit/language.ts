// Language services for the editor: context-aware completion and hover docs. Both work on
// scripts the user is still typing: the context comes from the lexer's tokens around the cursor
// and a tolerant scan of the statement (tables come from the parser where statements parse), so
// a half-written query still completes its columns.
import type { Token } from '../sql/lexer';
import { layerOf } from '../types';
import {
  CONNECTORS,
  FORMATS,
  FUNCTIONS,
  HINTS,
  KEYWORDS,
  SETTINGS,
  TYPES,
  findConnector,
  findFormat,
  findFunction,
  findHint,
  findOption,
  findSetting,
  optionsFor,
  type HintSpec,
  type OptionSpec,
  type SettingSpec,
} from './catalog';
import type { TextRange } from './edits';
import { identOf, modelOf, type ColumnModel, type ScriptModel, type TableModel } from './schema';
import { isPunct, isWord, placeOf } from './tokens';

export type CompletionKind =
  | 'keyword'
  | 'table'
  | 'column'
  | 'option'
  | 'hint'
  | 'hintKey'
  | 'setting'
  | 'function'
  | 'type'
  | 'value';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Plain text to insert in place of `range`. */
  insertText: string;
  /** The same with a Monaco snippet cursor (`$0`), when the insertion has a natural place for it. */
  snippet?: string;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text the item replaces: the partial word (or string content) before the cursor. */
  range: TextRange;
}

export interface HoverInfo {
  /** Markdown. */
  contents: string;
  range: TextRange;
}

// ---- the context at the cursor --------------------------------------------------------------

interface Ctx {
  model: ScriptModel;
  tokens: Token[];
  /** Statement token range. */
  first: number;
  last: number;
  /** Index of the last complete token before the cursor / the token being completed. */
  before: number;
  /** Token being typed (word, quoted, string) or -1. */
  cur: number;
  /** Matching parentheses (both directions) and hint ends, computed on first use. */
  match?: Map<number, number>;
}

const STATEMENT_STARTS = [
  'SET',
  'RESET',
  'CREATE TABLE',
  'CREATE TEMPORARY TABLE',
  'CREATE VIEW',
  'INSERT INTO',
  'INSERT OVERWRITE',
  'EXECUTE STATEMENT SET',
  'MERGE INTO',
  'SELECT',
  'WITH',
];

const FROM_END = new Set(['WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'WINDOW', 'UNION', 'INTERSECT', 'EXCEPT', 'MINUS', 'OFFSET', 'FETCH']);
const JOIN_WORDS = new Set(['JOIN', 'LEFT', 'RIGHT', 'FULL', 'INNER', 'OUTER', 'CROSS', 'NATURAL', 'LATERAL']);
const NOT_ALIAS = new Set([...FROM_END, ...JOIN_WORDS, 'ON', 'USING', 'AS', 'FOR', 'WHEN', 'SET', 'SELECT', 'VALUES']);

/** Builds the context, or undefined when the cursor is in a comment. */
function contextAt(script: string, offset: number): { ctx: Ctx; inString: boolean } | undefined {
  const model = modelOf(script);
  const tokens = model.tokens;
  const place = placeOf(script, tokens, offset);
  if (place.inComment) return undefined;
  let cur = -1;
  if (place.at >= 0) {
    const t = tokens[place.at]!;
    if (t.kind === 'word' || t.kind === 'quoted' || t.kind === 'string' || t.kind === 'number') cur = place.at;
  }
  const before = cur >= 0 ? cur - 1 : place.prev;
  let first = 0;
  let last = -1;
  if (before >= 0) {
    const anchor = before;
    const chunk = model.chunks.find((c) => anchor >= c.first && anchor <= (c.semi >= 0 ? c.semi : c.last));
    if (chunk && anchor !== chunk.semi) {
      first = chunk.first;
      last = Math.max(chunk.last, cur);
    } else {
      first = before + 1;
      last = cur >= 0 ? cur : before;
      const next = model.chunks.find((c) => c.first > before);
      if (next && cur >= next.first) last = next.last;
    }
  } else if (cur >= 0) {
    const chunk = model.chunks.find((c) => cur >= c.first && cur <= c.last);
    first = cur;
    last = chunk ? chunk.last : cur;
  }
  return { ctx: { model, tokens, first, last, before, cur }, inString: place.inString };
}

/**
 * Matching pairs in the statement: `(` <-> `)` and hintStart -> hintEnd. Parentheses inside a
 * hint pair among themselves, so a half-typed hint does not swallow the rest of the statement.
 * Unmatched parentheses are absent: scans treat them as plain tokens.
 */
function matches(ctx: Ctx): Map<number, number> {
  if (ctx.match) return ctx.match;
  const m = new Map<number, number>();
  const stack: number[] = [];
  let hintStart = -1;
  let hintBase = 0;
  for (let i = ctx.first; i <= ctx.last; i++) {
    const t = ctx.tokens[i]!;
    if (t.kind === 'hintStart') {
      hintStart = i;
      hintBase = stack.length;
    } else if (t.kind === 'hintEnd') {
      stack.length = Math.min(stack.length, hintBase);
      if (hintStart >= 0) m.set(hintStart, i);
      hintStart = -1;
    } else if (isPunct(t, '(')) stack.push(i);
    else if (isPunct(t, ')')) {
      if (stack.length > (hintStart >= 0 ? hintBase : 0)) {
        const o = stack.pop()!;
        m.set(o, i);
        m.set(i, o);
      }
    }
  }
  ctx.match = m;
  return m;
}

/** The next token index at the same level: jumps over (...) and hints that close. */
function step(ctx: Ctx, i: number): number {
  const t = ctx.tokens[i]!;
  if (isPunct(t, '(') || t.kind === 'hintStart') {
    const j = matches(ctx).get(i);
    if (j !== undefined && j > i) return j + 1;
  }
  return i + 1;
}

/** The previous token index at the same level: jumps back over (...) that close. */
function backStep(ctx: Ctx, i: number): number {
  const t = ctx.tokens[i]!;
  if (isPunct(t, ')')) {
    const j = matches(ctx).get(i);
    if (j !== undefined && j < i) return j - 1;
  }
  return i - 1;
}

/** Index of the `)` closing the `(` at `open`, or `ctx.last + 1` when it does not close. */
function closeOf(ctx: Ctx, open: number): number {
  const j = matches(ctx).get(open);
  return j !== undefined && j > open ? j : ctx.last + 1;
}

/** Indices of the `(` still open at token `idx`, outermost first. */
function openParens(ctx: Ctx, idx: number): number[] {
  const out: number[] = [];
  for (let i = idx; i >= ctx.first; i = backStep(ctx, i)) {
    const t = ctx.tokens[i]!;
    if (isPunct(t, '(') && (closeOf(ctx, i) > idx)) out.push(i);
    if (t.kind === 'hintEnd' && t.text !== '') {
      // a closed hint before idx: skip back to its start
      let k = i - 1;
      while (k >= ctx.first && ctx.tokens[k]!.kind !== 'hintStart') k--;
      i = k;
    }
  }
  return out.reverse();
}

/** The open hint (`/*+` without its `*\/` yet) containing token `idx`, as the index of hintStart. */
function openHint(ctx: Ctx, idx: number): number {
  for (let i = idx; i >= ctx.first; i--) {
    const t = ctx.tokens[i]!;
    if (t.kind === 'hintEnd' && t.text !== '') return -1;
    if (t.kind === 'hintEnd') continue; // synthetic end of an unterminated hint
    if (t.kind === 'hintStart') return i;
  }
  return -1;
}

const wordOrQuoted = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');

/** Token ranges [a, b] of the comma-separated items in [from, to] at the same level. */
function splitLevel(ctx: Ctx, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let start = from;
  let i = from;
  for (; i <= to; i = step(ctx, i)) {
    if (isPunct(ctx.tokens[i], ',')) {
      if (i > start) out.push([start, i - 1]);
      start = i + 1;
    }
  }
  if (Math.min(i - 1, to) >= start) out.push([start, Math.min(i - 1, to)]);
  return out;
}

// ---- tables in scope ------------------------------------------------------------------------

interface Binding {
  /** Alias or table name by which columns are qualified. */
  name: string;
  table?: TableModel;
  columns: ColumnModel[];
  /** Where the columns come from, for details: table name, CTE or subquery. */
  source: string;
}

/** Output column names of the SELECT whose tokens lie in [s, e] (depth 0 relative to s). */
function selectListNames(ctx: Ctx, s: number, e: number): string[] {
  const t = ctx.tokens;
  let sel = -1;
  for (let i = s; i <= e; i = step(ctx, i)) {
    if (isWord(t[i], 'SELECT')) {
      sel = i;
      break;
    }
  }
  if (sel < 0) return [];
  let end = e;
  for (let i = sel + 1; i <= e; i = step(ctx, i)) {
    if (isWord(t[i], 'FROM')) {
      end = i - 1;
      break;
    }
  }
  let start = sel + 1;
  while (start <= end && (t[start]!.kind === 'hintStart' || isWord(t[start], 'DISTINCT'))) {
    if (t[start]!.kind === 'hintStart') {
      while (start <= end && t[start]!.kind !== 'hintEnd') start++;
    }
    start++;
  }
  const names: string[] = [];
  for (const [a, b] of splitLevel(ctx, start, end)) {
    const lastTok = t[b]!;
    if (!wordOrQuoted(lastTok)) continue;
    if (b === a || isPunct(t[b - 1], '.') || isWord(t[b - 1], 'AS') || wordOrQuoted(t[b - 1]) || isPunct(t[b - 1], ')')) {
      names.push(identOf(lastTok));
    }
  }
  return names;
}

/** CTEs of the statement: `WITH name [(cols)] AS (query), ...`. */
function ctesOf(ctx: Ctx): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const t = ctx.tokens;
  if (isWord(t[ctx.first], 'CREATE') && !isWord(t[ctx.first + 1], 'VIEW')) return out;
  for (let i = ctx.first; i <= ctx.last; i++) {
    if (!isWord(t[i], 'WITH') || isPunct(t[i + 1], '(')) continue;
    let k = i + 1;
    for (;;) {
      if (!wordOrQuoted(t[k])) break;
      const name = identOf(t[k]!);
      k++;
      let cols: string[] | undefined;
      if (isPunct(t[k], '(')) {
        const close = closeOf(ctx, k);
        cols = t.slice(k + 1, close).filter(wordOrQuoted).map(identOf);
        k = close + 1;
      }
      if (!isWord(t[k], 'AS') || !isPunct(t[k + 1], '(')) break;
      const close = closeOf(ctx, k + 1);
      out.set(name, cols ?? selectListNames(ctx, k + 2, close - 1));
      k = close + 1;
      if (!isPunct(t[k], ',')) break;
      k++;
    }
  }
  return out;
}

function tableBinding(ctx: Ctx, name: string, alias: string | undefined, ctes: Map<string, string[]>): Binding {
  const cte = ctes.get(name);
  if (cte) {
    return { name: alias ?? name, columns: cte.map((c) => ({ name: c, type: '', kind: 'computed', writable: false })), source: `${name} (WITH)` };
  }
  const table = ctx.model.tables.find((x) => x.name === name);
  const short = name.split('.').pop()!;
  return { name: alias ?? short, table, columns: table?.columns ?? [], source: name };
}

/** Reads `name [/*+ hints *\/] [FOR SYSTEM_TIME AS OF x.y] [[AS] alias]` from i; returns the next index. */
function readTableRef(ctx: Ctx, i: number, e: number, ctes: Map<string, string[]>, out: Binding[]): number {
  const t = ctx.tokens;
  const parts: string[] = [];
  while (i <= e && wordOrQuoted(t[i])) {
    parts.push(identOf(t[i]!));
    i++;
    if (isPunct(t[i], '.') && wordOrQuoted(t[i + 1])) i++;
    else break;
  }
  if (parts.length === 0) return i + 1;
  while (i <= e && t[i]!.kind === 'hintStart') {
    while (i <= e && t[i]!.kind !== 'hintEnd') i++;
    i++;
  }
  if (isWord(t[i], 'FOR') && isWord(t[i + 1], 'SYSTEM_TIME')) {
    i += 2;
    if (isWord(t[i], 'AS') && isWord(t[i + 1], 'OF')) i += 2;
    while (i <= e && (wordOrQuoted(t[i]) || isPunct(t[i], '.')) && !(isWord(t[i], 'AS') && i > 0 && !isPunct(t[i - 1], '.'))) {
      if (wordOrQuoted(t[i]) && wordOrQuoted(t[i - 1])) break;
      i++;
    }
  }
  let alias: string | undefined;
  if (isWord(t[i], 'AS') && wordOrQuoted(t[i + 1])) {
    alias = identOf(t[i + 1]!);
    i += 2;
  } else if (i <= e && wordOrQuoted(t[i]) && !(t[i]!.kind === 'word' && NOT_ALIAS.has(t[i]!.value))) {
    alias = identOf(t[i]!);
    i++;
  }
  out.push(tableBinding(ctx, parts.join('.'), alias, ctes));
  return i;
}

/** Bindings of the FROM clause found at depth 0 in [s, e]. */
function fromBindings(ctx: Ctx, s: number, e: number, ctes: Map<string, string[]>): Binding[] {
  const t = ctx.tokens;
  const out: Binding[] = [];
  let from = -1;
  for (let i = s; i <= e; i = step(ctx, i)) {
    if (isWord(t[i], 'FROM')) {
      from = i;
      break;
    }
  }
  if (from < 0) return out;
  let i = from + 1;
  let expectItem = true;
  while (i <= e) {
    const tok = t[i]!;
    if (tok.kind === 'word' && FROM_END.has(tok.value)) break;
    if (isPunct(tok, ',') || (tok.kind === 'word' && JOIN_WORDS.has(tok.value))) {
      expectItem = true;
      i++;
      continue;
    }
    if (isWord(tok, 'ON') || isWord(tok, 'USING')) {
      expectItem = false;
      i++;
      continue;
    }
    if (expectItem && isPunct(tok, '(')) {
      const close = Math.min(closeOf(ctx, i), e + 1);
      const cols = selectListNames(ctx, i + 1, close - 1);
      i = close + 1;
      let alias: string | undefined;
      if (isWord(t[i], 'AS')) i++;
      if (wordOrQuoted(t[i]) && !(t[i]!.kind === 'word' && NOT_ALIAS.has(t[i]!.value))) {
        alias = identOf(t[i]!);
        i++;
      }
      if (alias) out.push({ name: alias, columns: cols.map((c) => ({ name: c, type: '', kind: 'computed', writable: false })), source: 'subquery' });
      expectItem = false;
      continue;
    }
    if (expectItem && wordOrQuoted(tok)) {
      i = readTableRef(ctx, i, e, ctes, out);
      expectItem = false;
      continue;
    }
    i = step(ctx, i);
  }
  return out;
}

/** The tables (and aliases) whose columns are visible at token `idx`. */
function scopeAt(ctx: Ctx, idx: number): Binding[] {
  const t = ctx.tokens;
  const ctes = ctesOf(ctx);
  if (isWord(t[ctx.first], 'MERGE')) {
    const out: Binding[] = [];
    const into = ctx.first + 1;
    if (isWord(t[into], 'INTO')) {
      const next = readTableRef(ctx, into + 1, ctx.last, ctes, out);
      let u = next;
      while (u <= ctx.last && !isWord(t[u], 'USING')) u++;
      if (isWord(t[u], 'USING')) {
        if (isPunct(t[u + 1], '(')) {
          const close = closeOf(ctx, u + 1);
          let a = close + 1;
          if (isWord(t[a], 'AS')) a++;
          if (wordOrQuoted(t[a]) && !isWord(t[a], 'ON')) {
            const cols = selectListNames(ctx, u + 2, close - 1);
            out.push({ name: identOf(t[a]!), columns: cols.map((c) => ({ name: c, type: '', kind: 'computed', writable: false })), source: 'subquery' });
          }
        } else readTableRef(ctx, u + 1, ctx.last, ctes, out);
      }
    }
    if (openParens(ctx, idx).length === 0) return out;
  }
  const stack = openParens(ctx, idx);
  const levels = [ctx.first - 1, ...stack];
  for (let li = levels.length - 1; li >= 0; li--) {
    const p = levels[li]!;
    const s = p + 1;
    const e = li === 0 ? ctx.last : Math.min(closeOf(ctx, p) - 1, ctx.last);
    // split the level at set operators and keep the segment holding idx (or the nested level)
    const anchor = li + 1 < levels.length ? levels[li + 1]! : idx;
    let segStart = s;
    let segEnd = e;
    let hasSelect = false;
    for (let i = s; i <= e; i = step(ctx, i)) {
      const tok = t[i]!;
      if (tok.kind === 'word' && ['UNION', 'INTERSECT', 'EXCEPT', 'MINUS'].includes(tok.value)) {
        if (i < anchor) segStart = i + 1;
        else {
          segEnd = i - 1;
          break;
        }
      }
    }
    for (let i = segStart; i <= segEnd; i = step(ctx, i)) {
      if (isWord(t[i], 'SELECT')) hasSelect = true;
    }
    if (!hasSelect) continue;
    // inside a CTE body or a subquery of this level? keep outer bindings visible too (correlation)
    const own = fromBindings(ctx, segStart, segEnd, ctes);
    const outer = li > 0 ? scopeAt({ ...ctx }, p - 1 >= ctx.first ? p - 1 : ctx.first).filter((b) => !own.some((o) => o.name === b.name)) : [];
    return [...own, ...outer];
  }
  return [];
}

// ---- completion -----------------------------------------------------------------------------

function md(lines: (string | undefined | false)[]): string {
  return lines.filter((l): l is string => typeof l === 'string').join('\n\n');
}

function optionDoc(o: OptionSpec, connector?: string): string {
  const facts = [
    `\`${o.type}\``,
    o.required ? 'required' : 'optional',
    o.default !== undefined ? `default \`${o.default}\`` : undefined,
    o.freshet ? 'Freshet simulator option' : undefined,
  ].filter(Boolean);
  return md([
    `**'${o.key}'**${connector ? ` (${connector})` : ''}: ${facts.join(' · ')}`,
    o.doc,
    o.values && o.values.length > 0 ? `Values: ${o.values.map((v) => `\`${v}\``).join(', ')}` : undefined,
  ]);
}

function settingDoc(s: SettingSpec): string {
  return md([
    `**SET '${s.key}'**: \`${s.type}\`${s.default !== undefined ? ` · default \`${s.default}\`` : ''}${s.freshet ? ' · Freshet simulator setting' : ' · Flink'}`,
    s.doc,
    s.values ? `Values: ${s.values.map((v) => `\`${v}\``).join(', ')}` : undefined,
  ]);
}

function hintDoc(h: HintSpec): string {
  return md([
    // The hint is in backticks: bare `/*+ ... */` next to `**` is read as emphasis markers.
    `**\`/*+ ${h.name} */\`**: ${h.origin === 'flink' ? 'Flink hint' : 'Freshet extension (flagged on export)'}`,
    h.doc,
    h.keys.length > 0 ? `Keys: ${h.keys.map((k) => `\`'${k.key}'\` (${k.type}${k.required ? ', required' : ''}): ${k.doc}`).join('; ')}` : undefined,
    `Example: \`${h.example}\``,
  ]);
}

export function tableDoc(t: TableModel): string {
  const head =
    t.kind === 'view'
      ? `**${t.name}**: view`
      : `**${t.name}**: ${t.connector ?? 'no connector'} table · layer ${layerOf(t.name)}`;
  const cols = t.columns.map(
    (c) => `- \`${c.name}\`${c.type ? ` ${c.type}` : ''}${t.primaryKey.includes(c.name) ? ' (primary key)' : ''}${c.kind === 'computed' && t.kind === 'table' ? ' (computed)' : ''}${c.kind === 'metadata' ? ' (metadata)' : ''}`,
  );
  const connector = t.connector ? findConnector(t.connector) : undefined;
  return md([
    head,
    cols.length > 0 ? cols.join('\n') : undefined,
    t.primaryKey.length > 0 ? `Primary key: ${t.primaryKey.join(', ')}` : undefined,
    connector && !connector.supported ? `The ${connector.name} connector is not supported yet.` : undefined,
  ]);
}

function subsequence(prefix: string, label: string): boolean {
  const p = prefix.toLowerCase();
  const l = label.toLowerCase();
  let k = 0;
  for (let i = 0; i < l.length && k < p.length; i++) if (l[i] === p[k]) k++;
  return k === p.length;
}

interface Builder {
  items: CompletionItem[];
  range: TextRange;
  prefix: string;
  seen: Set<string>;
}

function add(b: Builder, item: Omit<CompletionItem, 'range'>): void {
  const key = `${item.kind}:${item.label}`;
  if (b.seen.has(key)) return;
  if (b.prefix && !subsequence(b.prefix, item.label)) return;
  b.seen.add(key);
  b.items.push({ ...item, range: b.range });
}

function addKeywords(b: Builder, words: string[]): void {
  for (const k of words) add(b, { label: k, kind: 'keyword', insertText: k });
}

function addTables(b: Builder, ctx: Ctx, opts: { sinksOnly?: boolean } = {}): void {
  for (const t of ctx.model.tables) {
    const c = t.connector ? findConnector(t.connector) : undefined;
    if (opts.sinksOnly && (t.kind === 'view' || (c && !c.sink))) continue;
    add(b, {
      label: t.name,
      kind: 'table',
      insertText: t.name,
      detail: t.kind === 'view' ? 'view' : `${t.connector ?? 'table'} · ${layerOf(t.name)}`,
      documentation: tableDoc(t),
    });
  }
  for (const [name, cols] of ctesOf(ctx)) {
    add(b, { label: name, kind: 'table', insertText: name, detail: 'WITH query', documentation: `**${name}**: WITH query (${cols.join(', ')})` });
  }
}

function addColumns(b: Builder, bindings: Binding[]): void {
  const count = new Map<string, number>();
  for (const bd of bindings) for (const c of bd.columns) count.set(c.name, (count.get(c.name) ?? 0) + 1);
  for (const bd of bindings) {
    for (const c of bd.columns) {
      const ambiguous = (count.get(c.name) ?? 0) > 1;
      const label = ambiguous ? `${bd.name}.${c.name}` : c.name;
      add(b, {
        label,
        kind: 'column',
        insertText: label,
        detail: `${c.type || 'column'} · ${bd.source}`,
        documentation: `Column \`${c.name}\`${c.type ? ` ${c.type}` : ''} of \`${bd.source}\``,
      });
    }
    if (bd.name !== bd.source) {
      add(b, { label: bd.name, kind: 'table', insertText: bd.name, detail: `alias of ${bd.source}` });
    }
  }
}

function addFunctions(b: Builder): void {
  for (const f of FUNCTIONS) {
    add(b, {
      label: f.name,
      kind: 'function',
      insertText: f.niladic ? f.name : `${f.name}()`,
      snippet: f.niladic ? f.name : `${f.name}($0)`,
      detail: f.signature,
      documentation: md([`**${f.signature}**${f.aggregate ? ' · aggregate' : ''}`, f.doc]),
    });
  }
}

function addTypes(b: Builder): void {
  for (const t of TYPES) add(b, { label: t.name, kind: 'type', insertText: t.snippet, detail: 'type', documentation: t.doc });
}

const EXPR_KEYWORDS = ['AND', 'OR', 'NOT', 'IN', 'IS NULL', 'IS NOT NULL', 'BETWEEN', 'LIKE', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'AS', 'DISTINCT', 'TRUE', 'FALSE', 'NULL', 'INTERVAL'];
const CLAUSE_KEYWORDS = ['FROM', 'WHERE', 'GROUP BY', 'HAVING', 'ORDER BY', 'LIMIT', 'JOIN', 'LEFT JOIN', 'INNER JOIN', 'ON', 'UNION ALL'];

/** Option key/value completion for a `'k' = 'v'` list: WITH (...) or a hint's arguments. */
function completePairs(
  b: Builder,
  ctx: Ctx,
  inString: boolean,
  keys: { label: string; detail: string; doc: string }[],
  valuesFor: (key: string) => { label: string; doc?: string }[],
  kind: CompletionKind,
): void {
  const t = ctx.tokens;
  const prev = t[ctx.before];
  if (isPunct(prev, '=')) {
    const keyTok = t[ctx.before - 1];
    const key = keyTok ? (keyTok.kind === 'string' ? keyTok.value : keyTok.text) : '';
    for (const v of valuesFor(key)) {
      add(b, { label: v.label, kind: 'value', insertText: inString ? v.label : `'${v.label}'`, documentation: v.doc });
    }
    return;
  }
  if (prev && (isPunct(prev, '(') || isPunct(prev, ','))) {
    for (const k of keys) {
      add(b, {
        label: k.label,
        kind,
        insertText: inString ? k.label : `'${k.label}' = ''`,
        snippet: inString ? k.label : `'${k.label}' = '$0'`,
        detail: k.detail,
        documentation: k.doc,
      });
    }
  }
}

function writtenOptions(ctx: Ctx, open: number): Record<string, string> {
  const t = ctx.tokens;
  const close = closeOf(ctx, open);
  const out: Record<string, string> = {};
  for (const [a] of splitLevel(ctx, open + 1, Math.min(close - 1, ctx.last))) {
    const k = t[a]!;
    const v = t[a + 2];
    if (k.kind === 'string' && isPunct(t[a + 1], '=') && v && v.kind === 'string' && a + 2 !== ctx.cur) out[k.value] = v.value;
  }
  return out;
}

/** Option keys not written yet; `fields.#.kind` expands to one key per column of the table. */
function optionItems(
  connector: string | undefined,
  written: Record<string, string>,
  columns: string[] = [],
): { label: string; detail: string; doc: string }[] {
  const connectorSpec = connector ? findConnector(connector) : undefined;
  const out: { label: string; detail: string; doc: string }[] = [];
  for (const o of optionsFor(connector, written)) {
    const keys = o.key.includes('#') ? (columns.length > 0 ? columns.map((c) => o.key.replace('#', c)) : [o.key.replace('#', '<column>')]) : [o.key];
    for (const key of keys) {
      if (key in written) continue;
      out.push({
        label: key,
        detail: `${o.required ? 'required' : 'optional'} · ${o.type}${o.default !== undefined ? ` = ${o.default}` : ''}`,
        doc: optionDoc(o, connectorSpec?.name),
      });
    }
  }
  return out;
}

function optionValues(connector: string | undefined, written: Record<string, string>, key: string): { label: string; doc?: string }[] {
  if (key === 'connector') return CONNECTORS.map((c) => ({ label: c.name, doc: c.doc + (c.supported ? '' : ' (not supported yet)') }));
  if (key === 'format' || key === 'value.format' || key === 'key.format') return FORMATS.map((f) => ({ label: f.name, doc: f.doc }));
  const o = findOption(connector, key, written);
  return (o?.values ?? (o?.type === 'boolean' ? ['true', 'false'] : [])).map((v) => ({ label: v }));
}

/** The hinted table of a table hint: the name right before `/*+`. */
function hintedTable(ctx: Ctx, hintStart: number): TableModel | undefined {
  const t = ctx.tokens[hintStart - 1];
  if (!wordOrQuoted(t)) return undefined;
  let name = identOf(t!);
  let k = hintStart - 2;
  while (isPunct(ctx.tokens[k], '.') && wordOrQuoted(ctx.tokens[k - 1])) {
    name = identOf(ctx.tokens[k - 1]!) + '.' + name;
    k -= 2;
  }
  return ctx.model.tables.find((x) => x.name === name);
}

function hintPlacement(ctx: Ctx, hintStart: number): HintSpec['placement'] | undefined {
  const t = ctx.tokens;
  const prev = t[hintStart - 1];
  if (isWord(prev, 'SELECT')) return 'select';
  if (!wordOrQuoted(prev)) return undefined;
  let k = hintStart - 2;
  while (isPunct(t[k], '.')) k -= 2;
  if (isWord(t[k], 'INTO') || isWord(t[k], 'OVERWRITE')) return isWord(t[k - 1], 'MERGE') ? 'table' : 'sink';
  return 'table';
}

function completeInHint(b: Builder, ctx: Ctx, hs: number, inString: boolean): void {
  const t = ctx.tokens;
  // innermost open paren inside the hint
  let nameIdx = -1;
  for (let i = ctx.before; i > hs; i = backStep(ctx, i)) {
    if (isPunct(t[i], '(')) {
      nameIdx = i - 1;
      break;
    }
  }
  if (nameIdx < 0) {
    const prev = t[ctx.before]!;
    if (ctx.before === hs || isPunct(prev, ',') || isPunct(prev, ')')) {
      const placement = hintPlacement(ctx, hs);
      for (const h of HINTS) {
        if (placement && h.placement !== placement) continue;
        add(b, {
          label: h.name,
          kind: 'hint',
          insertText: h.keyKind === 'none' ? h.name : `${h.name}()`,
          snippet: h.keyKind === 'none' ? h.name : `${h.name}($0)`,
          detail: h.origin === 'flink' ? 'Flink hint' : 'Freshet hint',
          documentation: hintDoc(h),
        });
      }
    }
    return;
  }
  const hint = findHint(t[nameIdx]?.value ?? '');
  if (!hint) return;
  if (hint.keyKind === 'tables') {
    const bindings = scopeAt(ctx, hs);
    completePairs(
      b,
      ctx,
      inString,
      bindings.map((bd) => ({ label: bd.name, detail: `state TTL of ${bd.source}`, doc: `State time-to-live for the input \`${bd.source}\`, e.g. '1d'.` })),
      () => ['1 h', '1 d', '7 d', '30 d'].map((v) => ({ label: v })),
      'hintKey',
    );
  } else if (hint.keyKind === 'connector-options') {
    const table = hintedTable(ctx, hs);
    completePairs(b, ctx, inString, optionItems(table?.connector, table?.options ?? {}, (table?.columns ?? []).map((c) => c.name)), (k) => optionValues(table?.connector, table?.options ?? {}, k), 'hintKey');
  } else {
    completePairs(
      b,
      ctx,
      inString,
      hint.keys.map((k) => ({ label: k.key, detail: `${k.type}${k.required ? ' · required' : ''}`, doc: k.doc })),
      (key) => (hint.keys.find((k) => k.key === key)?.values ?? []).map((v) => ({ label: v })),
      'hintKey',
    );
  }
}

/** Position inside `CREATE TABLE name ( ... )`: which element and which token of it. */
function completeCreateTable(b: Builder, ctx: Ctx, inString: boolean): boolean {
  const t = ctx.tokens;
  let i = ctx.first + 1;
  if (isWord(t[i], 'TEMPORARY')) i++;
  if (!isWord(t[i], 'TABLE')) return false;
  const stack = openParens(ctx, ctx.before);
  // WITH ( ... )
  const withOpen = stack.find((p) => isWord(t[p - 1], 'WITH'));
  if (withOpen !== undefined) {
    if (stack[stack.length - 1] !== withOpen) return true;
    const written = writtenOptions(ctx, withOpen);
    const connector = written['connector'];
    const own = ctx.model.tables.find((x) => x.start === t[ctx.first]!.start.offset);
    const columns = (own?.columns ?? []).filter((c) => c.kind !== 'computed').map((c) => c.name);
    completePairs(b, ctx, inString, optionItems(connector, written, columns), (k) => optionValues(connector, written, k), 'option');
    return true;
  }
  if (inString) return true;
  // the column list: the first paren after the name
  let k = i + 1;
  if (isWord(t[k], 'IF')) k += 3;
  while (wordOrQuoted(t[k]) && isPunct(t[k + 1], '.')) k += 2;
  const listOpen = k + 1;
  if (stack[0] === listOpen && isPunct(t[listOpen], '(')) {
    const own = ctx.model.tables.find((x) => x.start === t[ctx.first]!.start.offset);
    const cols: Binding[] = own ? [{ name: own.name, columns: own.columns, source: own.name, table: own }] : [];
    if (stack.length > 1) {
      // PRIMARY KEY (|), or a type's arguments
      if (isWord(t[stack[1]! - 1], 'KEY')) addColumns(b, cols);
      return true;
    }
    // tokens of the element so far
    let s = ctx.before;
    while (s > listOpen && !isPunct(t[s], ',')) s--;
    const el = t.slice(s + 1, ctx.before + 1);
    if (el.length === 0) {
      addKeywords(b, ['PRIMARY KEY', 'WATERMARK FOR']);
    } else if (isWord(el[0], 'WATERMARK')) {
      if (el.length === 1) addKeywords(b, ['FOR']);
      else if (el.length === 2) addColumns(b, cols);
      else if (el.length === 3) addKeywords(b, ['AS']);
      else {
        addColumns(b, cols);
        addKeywords(b, ['INTERVAL']);
      }
    } else if (isWord(el[0], 'PRIMARY')) {
      addKeywords(b, el.length === 1 ? ['KEY'] : ['NOT ENFORCED']);
    } else if (el.length === 1) {
      addTypes(b);
      addKeywords(b, ['AS']);
    } else if (isWord(el[1], 'AS')) {
      addColumns(b, cols);
      addFunctions(b);
    } else {
      addKeywords(b, ['NOT NULL', 'PRIMARY KEY NOT ENFORCED', 'COMMENT', 'METADATA', 'METADATA FROM', 'VIRTUAL']);
    }
    return true;
  }
  if (stack.length === 0 && ctx.before >= listOpen) {
    addKeywords(b, ['WITH', 'PARTITIONED BY', 'COMMENT']);
    return true;
  }
  return false;
}

function completeSet(b: Builder, ctx: Ctx, inString: boolean): void {
  const t = ctx.tokens;
  const prev = t[ctx.before];
  if (ctx.before === ctx.first) {
    for (const s of SETTINGS) {
      add(b, {
        label: s.key,
        kind: 'setting',
        insertText: inString ? s.key : `'${s.key}' = ''`,
        snippet: inString ? s.key : `'${s.key}' = '$0'`,
        detail: `${s.type}${s.default !== undefined ? ` = ${s.default}` : ''}${s.freshet ? ' · Freshet' : ''}`,
        documentation: settingDoc(s),
      });
    }
    return;
  }
  if (isPunct(prev, '=')) {
    const keyTok = t[ctx.before - 1];
    const s = keyTok ? findSetting(keyTok.kind === 'string' ? keyTok.value : keyTok.text) : undefined;
    const values = s?.values ?? (s?.type === 'boolean' ? ['true', 'false'] : s?.default !== undefined ? [s.default] : []);
    for (const v of values) add(b, { label: v, kind: 'value', insertText: inString ? v : `'${v}'` });
  }
}

function completeQuery(b: Builder, ctx: Ctx): void {
  const t = ctx.tokens;
  const prev = t[ctx.before];
  // alias.|
  if (isPunct(prev, '.') && wordOrQuoted(t[ctx.before - 1])) {
    const q = identOf(t[ctx.before - 1]!);
    const bindings = scopeAt(ctx, ctx.before);
    const bd = bindings.find((x) => x.name === q) ?? (() => {
      const table = ctx.model.tables.find((x) => x.name === q);
      return table ? { name: q, table, columns: table.columns, source: q } : undefined;
    })();
    if (bd) {
      for (const c of bd.columns) {
        add(b, { label: c.name, kind: 'column', insertText: c.name, detail: `${c.type || 'column'} · ${bd.source}`, documentation: `Column \`${c.name}\`${c.type ? ` ${c.type}` : ''} of \`${bd.source}\`` });
      }
    }
    return;
  }
  // table positions
  if (prev && prev.kind === 'word') {
    if (prev.value === 'FROM' || prev.value === 'JOIN' || (prev.value === 'USING' && isWord(t[ctx.first], 'MERGE'))) {
      addTables(b, ctx);
      if (prev.value === 'FROM') addKeywords(b, ['LATERAL']);
      return;
    }
    if (prev.value === 'INTO' || (prev.value === 'OVERWRITE' && isWord(t[ctx.before - 1], 'INSERT')) || (prev.value === 'TABLE' && isWord(t[ctx.before - 1], 'INTO'))) {
      addTables(b, ctx, { sinksOnly: true });
      return;
    }
  }
  // INSERT INTO t (|cols)
  const stack = openParens(ctx, ctx.before);
  const innermost = stack[stack.length - 1];
  if (innermost !== undefined && wordOrQuoted(t[innermost - 1])) {
    let k = innermost - 1;
    while (isPunct(t[k - 1], '.')) k -= 2;
    if (isWord(t[k - 1], 'INTO') || isWord(t[k - 1], 'OVERWRITE')) {
      const table = ctx.model.tables.find((x) => x.name === identOf(t[innermost - 1]!));
      if (table) addColumns(b, [{ name: table.name, table, columns: table.columns.filter((c) => c.writable), source: table.name }]);
      return;
    }
  }
  // nearest clause keyword at this level
  let clause: string | undefined;
  for (let i = ctx.before; i >= ctx.first; i = backStep(ctx, i)) {
    const tok = t[i]!;
    if (isPunct(tok, '(')) {
      // inside a call's parens: an expression
      if (wordOrQuoted(t[i - 1]) && !isWord(t[i - 1], 'IN') && !isWord(t[i - 1], 'AS')) {
        clause = 'EXPR';
        break;
      }
    } else if (tok.kind === 'word') {
      const v = tok.value;
      if (['SELECT', 'WHERE', 'ON', 'HAVING', 'BY', 'WHEN', 'THEN', 'ELSE', 'SET', 'VALUES', 'AND', 'OR', 'NOT', 'CASE'].includes(v)) {
        clause = v === 'BY' ? (isWord(t[i - 1], 'GROUP') ? 'GROUP' : 'ORDER') : v;
        break;
      }
      if (['FROM', 'JOIN', 'INTO', 'USING', 'LIMIT', 'TABLE'].includes(v)) {
        clause = v;
        break;
      }
    }
  }
  if (clause === undefined) {
    if (ctx.before < ctx.first) addKeywords(b, STATEMENT_STARTS);
    else addKeywords(b, KEYWORDS);
    return;
  }
  if (clause === 'FROM' || clause === 'JOIN') {
    if (isPunct(prev, ',') && clause === 'FROM') {
      addTables(b, ctx);
      return;
    }
    addKeywords(b, ['AS', 'JOIN', 'LEFT JOIN', 'INNER JOIN', 'RIGHT JOIN', 'FULL JOIN', 'ON', 'WHERE', 'GROUP BY', 'HAVING', 'UNION ALL', 'FOR SYSTEM_TIME AS OF']);
    return;
  }
  if (clause === 'INTO' || clause === 'TABLE') {
    addKeywords(b, ['SELECT', 'VALUES', 'WITH', 'PARTITION']);
    if (isWord(t[ctx.first], 'MERGE')) addKeywords(b, ['USING', 'AS']);
    return;
  }
  if (clause === 'USING') {
    addKeywords(b, ['AS', 'ON']);
    return;
  }
  if (clause === 'LIMIT') return;
  const bindings = scopeAt(ctx, ctx.before < ctx.first ? ctx.first : ctx.before);
  addColumns(b, bindings);
  addFunctions(b);
  addKeywords(b, EXPR_KEYWORDS);
  if (clause === 'SELECT' || clause === 'WHERE' || clause === 'GROUP' || clause === 'HAVING' || clause === 'ON') addKeywords(b, CLAUSE_KEYWORDS);
  if (isWord(t[ctx.first], 'MERGE')) addKeywords(b, ['WHEN MATCHED', 'WHEN NOT MATCHED', 'THEN', 'UPDATE SET', 'DELETE', 'INSERT']);
}

/**
 * Completion items at `offset` (0-based). Context-aware: tables after FROM/JOIN/INTO, columns of
 * the tables in scope (and of `alias.`), option keys and values inside `WITH (...)`, hint names
 * inside `/*+`, hint keys inside `HINT(`, SET keys, types in column definitions, else keywords and
 * functions. Items are filtered by the partial word before the cursor.
 */
export function complete(script: string, offset: number): CompletionItem[] {
  const items = completeUnsorted(script, offset);
  const prefix = items[0] ? script.slice(items[0].range.offset, items[0].range.offset + items[0].range.length).toLowerCase() : '';
  if (!prefix) return items;
  const rank = (i: CompletionItem): number => {
    const l = i.label.toLowerCase();
    const bare = l.includes('.') ? l.slice(l.lastIndexOf('.') + 1) : l;
    return l.startsWith(prefix) || bare.startsWith(prefix) ? 0 : l.includes(prefix) ? 1 : 2;
  };
  return items.map((item, k) => ({ item, k, r: rank(item) })).sort((a, b) => a.r - b.r || a.k - b.k).map((x) => x.item);
}

function completeUnsorted(script: string, offset: number): CompletionItem[] {
  const found = contextAt(script, offset);
  if (!found) return [];
  const { ctx, inString } = found;
  const t = ctx.tokens;
  let range: TextRange = { offset, length: 0 };
  let prefix = '';
  if (ctx.cur >= 0) {
    const c = t[ctx.cur]!;
    const startOff = c.kind === 'string' || c.kind === 'quoted' ? c.start.offset + 1 : c.start.offset;
    if (c.kind === 'number' || (c.kind !== 'string' && inString)) return [];
    if (c.kind === 'string' && !inString) {
      // right after a closed string: nothing to complete
      return [];
    }
    prefix = script.slice(startOff, offset);
    range = { offset: startOff, length: offset - startOff };
  }
  const b: Builder = { items: [], range, prefix, seen: new Set() };
  const hs = openHint(ctx, ctx.before);
  if (hs >= 0) {
    completeInHint(b, ctx, hs, inString);
    return b.items;
  }
  const head = t[ctx.first];
  if (ctx.before < ctx.first) {
    if (!inString) addKeywords(b, STATEMENT_STARTS);
    return b.items;
  }
  if (isWord(head, 'SET') || isWord(head, 'RESET')) {
    completeSet(b, ctx, inString);
    return b.items;
  }
  if (isWord(head, 'CREATE') && completeCreateTable(b, ctx, inString)) return b.items;
  if (inString) return b.items;
  if (isWord(head, 'EXECUTE') && ctx.before <= ctx.first + 2) {
    addKeywords(b, ['STATEMENT SET', 'SET', 'BEGIN']);
    return b.items;
  }
  if (isWord(t[ctx.before], 'BEGIN') || (isPunct(t[ctx.before], ';') && isWord(head, 'EXECUTE'))) {
    addKeywords(b, ['INSERT INTO', 'END']);
    return b.items;
  }
  if (isWord(t[ctx.before], 'CREATE')) {
    addKeywords(b, ['TABLE', 'TEMPORARY TABLE', 'VIEW', 'TEMPORARY VIEW']);
    return b.items;
  }
  if (isWord(t[ctx.before], 'INSERT')) {
    addKeywords(b, ['INTO', 'OVERWRITE']);
    return b.items;
  }
  completeQuery(b, ctx);
  return b.items;
}

// ---- hover ----------------------------------------------------------------------------------

function tokenRange(t: Token): TextRange {
  return { offset: t.start.offset, length: t.end.offset - t.start.offset };
}

/**
 * Hover docs at `offset`: hint names and keys, option keys and connector / format values, SET
 * keys, table names (columns and connector), columns in scope, functions and types. Null when
 * there is nothing to say.
 */
export function hover(script: string, offset: number): HoverInfo | null {
  const model = modelOf(script);
  const tokens = model.tokens;
  let idx = tokens.findIndex((t) => t.kind !== 'eof' && t.start.offset <= offset && offset < t.end.offset);
  if (idx < 0 || tokens[idx]!.kind === 'punct') {
    // just after a name (`o|.sku`): the name
    const w = tokens.findIndex((t) => (t.kind === 'word' || t.kind === 'quoted') && t.end.offset === offset);
    if (w >= 0) idx = w;
  }
  if (idx < 0) return null;
  const tok = tokens[idx]!;
  // build a context whose `before` is the token just before the hovered one
  const found = contextAt(script, tok.start.offset + (tok.kind === 'string' ? 1 : 0));
  if (!found) return null;
  const ctx: Ctx = { ...found.ctx, cur: idx, before: idx - 1 };
  const range = tokenRange(tok);
  const t = tokens;
  const prev = t[idx - 1];
  const head = t[ctx.first];
  const hs = openHint(ctx, idx - 1);

  if (tok.kind === 'string') {
    const keyPos = isPunct(prev, '(') || isPunct(prev, ',');
    const keyTok = isPunct(prev, '=') ? t[idx - 2] : undefined;
    if (hs >= 0) {
      // HINT( 'key' = 'value' )
      let nameIdx = -1;
      for (let i = idx - 1; i > hs; i = backStep(ctx, i)) {
        if (isPunct(t[i], '(')) {
          nameIdx = i - 1;
          break;
        }
      }
      const hint = nameIdx >= 0 ? findHint(t[nameIdx]!.value) : undefined;
      if (!hint || !keyPos) return null;
      if (hint.keyKind === 'tables') {
        const bd = scopeAt(ctx, hs).find((x) => x.name === tok.value || x.name === tok.value.toLowerCase());
        const table = bd?.table;
        return { contents: md([`**STATE_TTL** key: state time-to-live for the input \`${bd?.source ?? tok.value}\``, table ? tableDoc(table) : undefined]), range };
      }
      if (hint.keyKind === 'connector-options') {
        const table = hintedTable(ctx, hs);
        const o = findOption(table?.connector, tok.value, table?.options);
        return o ? { contents: optionDoc(o, table?.connector), range } : null;
      }
      const k = hint.keys.find((x) => x.key === tok.value);
      return k ? { contents: md([`**${hint.name}** key **'${k.key}'**: \`${k.type}\`${k.required ? ' · required' : ''}`, k.doc]), range } : null;
    }
    if (isWord(head, 'SET') || isWord(head, 'RESET')) {
      if (idx === ctx.first + 1) {
        const s = findSetting(tok.value);
        return s ? { contents: settingDoc(s), range } : { contents: `**SET '${tok.value}'**: not a setting Freshet knows; it is kept for export.`, range };
      }
      return null;
    }
    if (isWord(head, 'CREATE')) {
      const stack = openParens(ctx, idx - 1);
      const withOpen = stack.length > 0 && isWord(t[stack[stack.length - 1]! - 1], 'WITH') ? stack[stack.length - 1]! : undefined;
      if (withOpen === undefined) return null;
      const written = writtenOptions({ ...ctx, cur: -1 }, withOpen);
      const connector = written['connector'];
      if (keyPos) {
        const o = findOption(connector, tok.value, written);
        return o ? { contents: optionDoc(o, connector && findConnector(connector) ? connector : undefined), range } : null;
      }
      if (keyTok && keyTok.kind === 'string') {
        if (keyTok.value === 'connector') {
          const c = findConnector(tok.value);
          return c ? { contents: md([`**${c.name}** connector${c.supported ? '' : ' (not supported yet)'}`, c.doc]), range } : null;
        }
        if (keyTok.value.endsWith('format')) {
          const f = findFormat(tok.value);
          return f ? { contents: md([`**${f.name}** format${f.changelog ? ' · changelog (+I -U +U -D)' : ' · insert-only'}`, f.doc]), range } : null;
        }
      }
    }
    return null;
  }

  if (tok.kind !== 'word' && tok.kind !== 'quoted') return null;
  // hint name
  if (hs >= 0 && tok.kind === 'word' && (prev?.kind === 'hintStart' || isPunct(prev, ',') || isPunct(prev, ')'))) {
    const h = findHint(tok.value);
    return h ? { contents: hintDoc(h), range } : { contents: `**${tok.value}**: unknown hint (ignored with a warning)`, range };
  }
  // function
  const next = t[idx + 1];
  if (tok.kind === 'word' && !isPunct(prev, '.')) {
    const f = findFunction(tok.value);
    if (f && (isPunct(next, '(') || f.niladic)) return { contents: md([`**${f.signature}**${f.aggregate ? ' · aggregate' : ''}`, f.doc]), range };
  }
  // type in a column definition or CAST
  if (tok.kind === 'word' && (isWord(head, 'CREATE') || isWord(prev, 'AS'))) {
    const ty = TYPES.find((x) => x.name === tok.value || (tok.value === 'INTEGER' && x.name === 'INT'));
    if (ty && (wordOrQuoted(prev) || isWord(prev, 'AS'))) return { contents: md([`**${ty.name}** type`, ty.doc]), range };
  }
  const name = identOf(tok);
  // qualified column: q.col
  if (isPunct(prev, '.') && wordOrQuoted(t[idx - 2])) {
    const q = identOf(t[idx - 2]!);
    const bd = scopeAt(ctx, idx).find((x) => x.name === q);
    const table = bd?.table ?? model.tables.find((x) => x.name === q);
    const col = (bd?.columns ?? table?.columns ?? []).find((c) => c.name === name);
    if (col) return { contents: `Column \`${col.name}\`${col.type ? ` ${col.type}` : ''} of \`${bd?.source ?? q}\``, range };
    return null;
  }
  // table (or alias) name
  const table = model.tables.find((x) => x.name === name);
  if (table && !isPunct(next, '(')) return { contents: tableDoc(table), range };
  if (isWord(head, 'INSERT') || isWord(head, 'SELECT') || isWord(head, 'WITH') || isWord(head, 'MERGE') || isWord(head, 'CREATE') || isWord(head, 'EXECUTE') || isWord(head, 'BEGIN')) {
    const bindings = scopeAt(ctx, idx);
    const bd = bindings.find((x) => x.name === name);
    if (bd) return { contents: md([`\`${bd.name}\`: alias of \`${bd.source}\``, bd.table ? tableDoc(bd.table) : undefined]), range };
    const cols = bindings.flatMap((x) => x.columns.filter((c) => c.name === name).map((c) => ({ c, x })));
    if (cols.length > 0) {
      return {
        contents: cols.map(({ c, x }) => `Column \`${c.name}\`${c.type ? ` ${c.type}` : ''} of \`${x.source}\``).join('\n\n'),
        range,
      };
    }
  }
  return null;
}
