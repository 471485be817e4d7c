// Hover docs: what the token under the cursor is (hint, option, setting, table, column, function,
// type), said in Markdown from the catalog and the script model.
import type { Token } from '../../sql/lexer';
import { identOf, isPunct, isWord, modelOf } from '../../script';
import { TYPES, findConnector, findFormat, findFunction, findHint, findOption, findSetting } from '../catalog';
import type { TextRange } from '../text';
import { backStep, contextAt, hintedTable, openHint, openParens, writtenOptions, wordOrQuoted, type Ctx } from './context';
import { hintDoc, md, optionDoc, settingDoc, tableDoc } from './docs';
import { scopeAt } from './scope';

export interface HoverInfo {
  /** Markdown. */
  contents: string;
  range: TextRange;
}

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
  // (`name(` is a call, except where a CREATE TABLE names the table: `CREATE TABLE name (`.)
  const declared = isWord(prev, 'TABLE') || (isWord(prev, 'EXISTS') && isWord(t[idx - 4], 'TABLE'));
  if (table && (!isPunct(next, '(') || declared)) return { contents: tableDoc(table), range };
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
