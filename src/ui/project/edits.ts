// Script edits the canvas makes. Pure string functions over the script and engine spans.
import type { Span, TableInfo } from '../../engine/api';

/** `INSERT INTO dst SELECT ... FROM src;` mapping columns by name, NULL-casting the rest. */
export function insertSelectSql(src: TableInfo, dst: TableInfo): string {
  const srcCols = new Map(src.columns.map((c) => [c.name.toLowerCase(), c.name]));
  const cols = dst.columns.map((c) => {
    const s = srcCols.get(c.name.toLowerCase());
    return s ? (s === c.name ? s : `${s} AS ${c.name}`) : `CAST(NULL AS ${c.type}) AS ${c.name}`;
  });
  return `INSERT INTO ${dst.name}\nSELECT ${cols.join(', ')}\nFROM ${src.name};\n`;
}

/** Remove a statement (its span plus the `;` and the blank line after it). */
export function removeSpan(script: string, span: Span): string {
  let end = span.end.offset;
  while (end < script.length && /[ \t]/.test(script[end]!)) end++;
  if (script[end] === ';') end++;
  while (end < script.length && /[ \t]/.test(script[end]!)) end++;
  if (script[end] === '\n') end++;
  if (script[end] === '\n') end++;
  return script.slice(0, span.start.offset) + script.slice(end);
}

/** Rename an identifier everywhere outside strings and comments (whole words, any case). */
export function renameIdentifier(script: string, from: string, to: string): string {
  const re = /('(?:[^']|'')*')|(--[^\n]*)|(\/\*(?!\+)[\s\S]*?\*\/)|([A-Za-z_][\w$]*)/g;
  return script.replace(re, (m, str: string | undefined, line: string | undefined, block: string | undefined, word: string | undefined) => {
    if (str || line || block) return m;
    return word && word.toLowerCase() === from.toLowerCase() ? to : m;
  });
}

export const VALID_NAME = /^[A-Za-z_][\w$]*$/;
