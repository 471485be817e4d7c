// Completion and hover for Flink SQL in Monaco, answered by the engine's language services
// (complete, hover) in the engine worker over the whole script. A per-job editor's model holds one
// statement: it registers the script around it, so the engine sees the whole script and the
// offsets are mapped both ways. The query console (DuckDB SQL) completes keywords and the
// pipeline's tables and columns.
import { monaco } from './monaco';
import { FLINK_SQL, HINT_NAMES, KEYWORDS, QUERY_SQL, TYPES } from './flinkSql';
import type { CompletionItem } from '../../engine/index';
import type { Studio } from '../studio/createStudio';

const K = monaco.languages.CompletionItemKind;
const KIND: Record<string, monaco.languages.CompletionItemKind> = {
  keyword: K.Keyword,
  table: K.Class,
  column: K.Field,
  option: K.Property,
  hint: K.Event,
  hintKey: K.Property,
  setting: K.Variable,
  function: K.Function,
  type: K.TypeParameter,
  value: K.Value,
};

function fallback(studio: Studio, model: monaco.editor.ITextModel, position: monaco.Position): monaco.languages.CompletionItem[] {
  const word = model.getWordUntilPosition(position);
  const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
  const p = studio.compile.getState().pipeline;
  const items: monaco.languages.CompletionItem[] = [
    ...KEYWORDS.map((k) => ({ label: k, kind: K.Keyword, insertText: k, range })),
    ...TYPES.map((k) => ({ label: k, kind: K.TypeParameter, insertText: k, range })),
    ...HINT_NAMES.map((k) => ({ label: k, kind: K.Event, insertText: k, range })),
  ];
  for (const t of p?.tables ?? []) {
    items.push({ label: t.name, kind: K.Class, insertText: t.name, detail: `${t.layer} · ${t.connector}`, range });
    for (const c of t.columns) items.push({ label: c.name, kind: K.Field, insertText: c.name, detail: `${t.name}.${c.name} ${c.type}`, range });
  }
  return items;
}

/** The whole script and the offset in it for a position of `model` (an embedded model or the script's). */
function scriptAt(studio: Studio, model: monaco.editor.ITextModel, position: monaco.Position): { script: string; offset: number; base: number } {
  const ctx = studio.editors.embeddedContext(model);
  const base = ctx ? ctx.prefix.length : 0;
  const script = ctx ? ctx.prefix + model.getValue() + ctx.suffix : model.getValue();
  return { script, offset: base + model.getOffsetAt(position), base };
}

function toItem(model: monaco.editor.ITextModel, e: CompletionItem, i: number, base: number): monaco.languages.CompletionItem {
  const start = model.getPositionAt(Math.max(0, e.range.offset - base));
  const end = model.getPositionAt(Math.max(0, e.range.offset + e.range.length - base));
  return {
    label: e.label,
    kind: KIND[e.kind] ?? K.Text,
    insertText: e.snippet ?? e.insertText,
    insertTextRules: e.snippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : monaco.languages.CompletionItemInsertTextRule.None,
    detail: e.detail,
    documentation: e.documentation ? { value: e.documentation } : undefined,
    range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
    sortText: String(i).padStart(5, '0'),
  } as monaco.languages.CompletionItem;
}

// Monaco's language providers are page-wide: they are registered once, for the page's studio.
let registered = false;
export function registerLanguageServices(studio: Studio): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider(FLINK_SQL, {
    triggerCharacters: ['.', "'", '('],
    async provideCompletionItems(model, position) {
      const at = scriptAt(studio, model, position);
      const entries = await studio.engine.complete(at.script, at.offset);
      return { suggestions: entries.map((e, i) => toItem(model, e, i, at.base)) };
    },
  });
  // Format Document (Shift+Alt+F): sql-formatter loads with the first use, not with the studio.
  monaco.languages.registerDocumentFormattingEditProvider(FLINK_SQL, {
    async provideDocumentFormattingEdits(model) {
      const { formatFlinkSql } = await import('./formatSql');
      const r = formatFlinkSql(model.getValue());
      if (!r.ok) {
        studio.ui.getState().showToast(r.message, 'error');
        return [];
      }
      return r.text === model.getValue() ? [] : [{ range: model.getFullModelRange(), text: r.text }];
    },
  });
  monaco.languages.registerCompletionItemProvider(QUERY_SQL, {
    provideCompletionItems: (model, position) => ({ suggestions: fallback(studio, model, position) }),
  });
  monaco.languages.registerHoverProvider(FLINK_SQL, {
    async provideHover(model, position) {
      const at = scriptAt(studio, model, position);
      const h = await studio.engine.hover(at.script, at.offset);
      if (!h) return null;
      const s = model.getPositionAt(Math.max(0, h.range.offset - at.base));
      const e = model.getPositionAt(Math.max(0, h.range.offset + h.range.length - at.base));
      return { contents: [{ value: h.contents }], range: new monaco.Range(s.lineNumber, s.column, e.lineNumber, e.column) };
    },
  });
}
