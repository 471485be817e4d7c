// Context-aware completion: what may follow the cursor, from the tokens around it and the
// tables in scope (columns of a half-written query still complete), filtered by the partial word.
import { layerOf } from '../../types';
import { identOf, isPunct, isWord } from '../../script';
import {
  CONNECTORS,
  FORMATS,
  FUNCTIONS,
  HINTS,
  KEYWORDS,
  SETTINGS,
  TYPES,
  findConnector,
  findHint,
  findOption,
  findSetting,
  optionsFor,
  type HintSpec,
} from '../catalog';
import type { TextRange } from '../text';
import { backStep, contextAt, hintedTable, openHint, openParens, writtenOptions, wordOrQuoted, type Ctx } from './context';
import { hintDoc, md, optionDoc, settingDoc, tableDoc } from './docs';
import { ctesOf, scopeAt, type Binding } from './scope';

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

const STATEMENT_STARTS = [
  'SET',
  'RESET',
  'CREATE TABLE',
  'CREATE TEMPORARY TABLE',
  'CREATE VIEW',
  'CREATE CATALOG',
  'CREATE DATABASE',
  'USE CATALOG',
  'USE',
  'INSERT INTO',
  'INSERT OVERWRITE',
  'EXECUTE STATEMENT SET',
  'MERGE INTO',
  'SELECT',
  'WITH',
];

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
    addKeywords(b, ['TABLE', 'TEMPORARY TABLE', 'VIEW', 'TEMPORARY VIEW', 'CATALOG', 'DATABASE']);
    return b.items;
  }
  if (isWord(t[ctx.before], 'INSERT')) {
    addKeywords(b, ['INTO', 'OVERWRITE']);
    return b.items;
  }
  completeQuery(b, ctx);
  return b.items;
}
