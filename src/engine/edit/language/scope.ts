// The tables in scope at the cursor, from a tolerant token scan of the statement: FROM and JOIN
// items with their aliases, CTEs and subqueries with the column names their SELECT list tells,
// MERGE's target and source, and outer levels visible to a correlated subquery.
import { identOf, isPunct, isWord, type ColumnModel, type TableModel } from '../../script';
import { closeOf, openParens, splitLevel, step, wordOrQuoted, type Ctx } from './context';

export const FROM_END = new Set(['WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'WINDOW', 'UNION', 'INTERSECT', 'EXCEPT', 'MINUS', 'OFFSET', 'FETCH']);
export const JOIN_WORDS = new Set(['JOIN', 'LEFT', 'RIGHT', 'FULL', 'INNER', 'OUTER', 'CROSS', 'NATURAL', 'LATERAL']);
export const NOT_ALIAS = new Set([...FROM_END, ...JOIN_WORDS, 'ON', 'USING', 'AS', 'FOR', 'WHEN', 'SET', 'SELECT', 'VALUES']);

export interface Binding {
  /** Alias or table name by which columns are qualified. */
  name: string;
  table?: TableModel;
  columns: ColumnModel[];
  /** Where the columns come from, for details: table name, CTE or subquery. */
  source: string;
}

/** Output column names of the SELECT whose tokens lie in [s, e] (depth 0 relative to s). */
export function selectListNames(ctx: Ctx, s: number, e: number): string[] {
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
export function ctesOf(ctx: Ctx): Map<string, string[]> {
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

export function tableBinding(ctx: Ctx, name: string, alias: string | undefined, ctes: Map<string, string[]>): Binding {
  const cte = ctes.get(name);
  if (cte) {
    return { name: alias ?? name, columns: cte.map((c) => ({ name: c, type: '', kind: 'computed', writable: false })), source: `${name} (WITH)` };
  }
  const table = ctx.model.tables.find((x) => x.name === name);
  const short = name.split('.').pop()!;
  return { name: alias ?? short, table, columns: table?.columns ?? [], source: name };
}

/** Reads `name [/*+ hints *\/] [FOR SYSTEM_TIME AS OF x.y] [[AS] alias]` from i; returns the next index. */
export function readTableRef(ctx: Ctx, i: number, e: number, ctes: Map<string, string[]>, out: Binding[]): number {
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
export function fromBindings(ctx: Ctx, s: number, e: number, ctes: Map<string, string[]>): Binding[] {
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
export function scopeAt(ctx: Ctx, idx: number): Binding[] {
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
