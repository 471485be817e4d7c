// Helpers for rules that remove or replace whole statements.
import type { Statement } from '../../sql/index';
import { edit, type ExportContext } from '../context';
import type { TextEdit } from '../text-edits';

/** The end of a statement including its `;`. */
export function statementEnd(ctx: ExportContext, st: Statement): number {
  const m = /^\s*;/.exec(ctx.text.slice(st.span.end.offset));
  return m ? st.span.end.offset + m[0].length : st.span.end.offset;
}

/** Removes a statement with its `;` and the rest of its line. */
export function removeStatement(ctx: ExportContext, st: Statement): TextEdit {
  let end = statementEnd(ctx, st);
  const rest = /^[ \t]*(\r?\n)?/.exec(ctx.text.slice(end));
  if (rest) end += rest[0].length;
  return edit(ctx, st.span.start.offset, end, '');
}

/** Replaces a statement (and its `;`) by `text`. */
export function replaceStatement(ctx: ExportContext, st: Statement, text: string): TextEdit {
  return edit(ctx, st.span.start.offset, statementEnd(ctx, st), text);
}

/** Statements rules look inside: MERGE is replaced whole, so nothing else edits it. */
export function editableStatements(ctx: ExportContext): Statement[] {
  return ctx.statements.filter((s) => s.kind !== 'Merge');
}
