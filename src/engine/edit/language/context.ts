// The context at the cursor: the statement's token range around it (from the script model's
// chunks) and the structure scans walk over: matching parentheses and hints, levels, and the
// comma-separated items of a level. Everything stays tolerant of a half-typed statement.
import type { Token } from '../../sql/lexer';
import { identOf, isPunct, modelOf, type ScriptModel, type TableModel } from '../../script';
import { placeOf } from './place';

export interface Ctx {
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

/** Builds the context, or undefined when the cursor is in a comment. */
export function contextAt(script: string, offset: number): { ctx: Ctx; inString: boolean } | undefined {
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
export function matches(ctx: Ctx): Map<number, number> {
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
export function step(ctx: Ctx, i: number): number {
  const t = ctx.tokens[i]!;
  if (isPunct(t, '(') || t.kind === 'hintStart') {
    const j = matches(ctx).get(i);
    if (j !== undefined && j > i) return j + 1;
  }
  return i + 1;
}

/** The previous token index at the same level: jumps back over (...) that close. */
export function backStep(ctx: Ctx, i: number): number {
  const t = ctx.tokens[i]!;
  if (isPunct(t, ')')) {
    const j = matches(ctx).get(i);
    if (j !== undefined && j < i) return j - 1;
  }
  return i - 1;
}

/** Index of the `)` closing the `(` at `open`, or `ctx.last + 1` when it does not close. */
export function closeOf(ctx: Ctx, open: number): number {
  const j = matches(ctx).get(open);
  return j !== undefined && j > open ? j : ctx.last + 1;
}

/** Indices of the `(` still open at token `idx`, outermost first. */
export function openParens(ctx: Ctx, idx: number): number[] {
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
export function openHint(ctx: Ctx, idx: number): number {
  for (let i = idx; i >= ctx.first; i--) {
    const t = ctx.tokens[i]!;
    if (t.kind === 'hintEnd' && t.text !== '') return -1;
    if (t.kind === 'hintEnd') continue; // synthetic end of an unterminated hint
    if (t.kind === 'hintStart') return i;
  }
  return -1;
}

export const wordOrQuoted = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');

/** Token ranges [a, b] of the comma-separated items in [from, to] at the same level. */
export function splitLevel(ctx: Ctx, from: number, to: number): [number, number][] {
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

export function writtenOptions(ctx: Ctx, open: number): Record<string, string> {
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

/** The hinted table of a table hint: the name right before `/*+`. */
export function hintedTable(ctx: Ctx, hintStart: number): TableModel | undefined {
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
