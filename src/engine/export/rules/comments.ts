// Semicolons in comments: `sql-client.sh -f` and other statement splitters cut a script at `;`
// without always skipping comments, so a `;` in a comment becomes `,` (comments only; the SQL is
// untouched).
import { edit, report, type ExportContext } from '../context';

/** [start, end) of every comment: the text between tokens holds only spaces and comments. */
function comments(ctx: ExportContext): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const gaps: [number, number][] = [];
  let pos = 0;
  for (const t of ctx.tokens) {
    if (t.start.offset > pos) gaps.push([pos, t.start.offset]);
    pos = Math.max(pos, t.end.offset);
  }
  gaps.push([pos, ctx.text.length]);
  for (const [from, to] of gaps) {
    const gap = ctx.text.slice(from, to);
    for (const m of gap.matchAll(/--[^\n]*|\/\*[\s\S]*?\*\//g)) out.push({ start: from + m.index, end: from + m.index + m[0].length });
  }
  return out;
}

export function exportComments(ctx: ExportContext): void {
  const taken = ctx.edits.map((e) => [e.start, e.end] as const);
  let first: number | null = null;
  let count = 0;
  for (const c of comments(ctx)) {
    const text = ctx.text.slice(c.start, c.end);
    if (!text.includes(';') || taken.some(([s, e]) => c.start < e && c.end > s)) continue;
    edit(ctx, c.start, c.end, text.replace(/;/g, ','));
    first ??= c.start;
    count++;
  }
  if (first !== null)
    report(ctx, { rule: 'comments', severity: 'changed', statement: 'comments', at: first, message: `';' in ${count} comment${count === 1 ? '' : 's'} written as ',': the SQL client splits a script at ';'` });
}
