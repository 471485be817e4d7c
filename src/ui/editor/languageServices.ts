// Completion and hover for Flink SQL in Monaco, answered by the engine worker's editing services
// over the editor's current text. Falls back to keywords and the pipeline's tables and columns.
import { monaco } from './monaco';
import { FLINK_SQL, HINT_NAMES, KEYWORDS, QUERY_SQL, TYPES } from './flinkSql';
import { engine } from '../engine/client';
import { useCompileStore } from '../store/compile';
import type { CompletionEntry } from '../../workers/protocol';

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

function fallback(model: monaco.editor.ITextModel, position: monaco.Position): monaco.languages.CompletionItem[] {
  const word = model.getWordUntilPosition(position);
  const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
  const p = useCompileStore.getState().pipeline;
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

function toItem(model: monaco.editor.ITextModel, e: CompletionEntry, i: number): monaco.languages.CompletionItem {
  const start = model.getPositionAt(e.range.offset);
  const end = model.getPositionAt(e.range.offset + e.range.length);
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

let registered = false;
export function registerLanguageServices(): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider(FLINK_SQL, {
    triggerCharacters: ['.', "'", '('],
    async provideCompletionItems(model, position) {
      const entries = await engine().complete(model.getValue(), model.getOffsetAt(position));
      const suggestions = entries.length ? entries.map((e, i) => toItem(model, e, i)) : fallback(model, position);
      return { suggestions };
    },
  });
  monaco.languages.registerCompletionItemProvider(QUERY_SQL, {
    provideCompletionItems: (model, position) => ({ suggestions: fallback(model, position) }),
  });
  monaco.languages.registerHoverProvider(FLINK_SQL, {
    async provideHover(model, position) {
      const h = await engine().hover(model.getValue(), model.getOffsetAt(position));
      if (!h) return null;
      const s = model.getPositionAt(h.range.offset);
      const e = model.getPositionAt(h.range.offset + h.range.length);
      return { contents: [{ value: h.contents }], range: new monaco.Range(s.lineNumber, s.column, e.lineNumber, e.column) };
    },
  });
}
