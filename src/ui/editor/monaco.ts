// Monaco, bundled locally: the core editor API plus the contributions an SQL editor needs, the
// editor worker built by Vite, and the Flink SQL language. No CDN, no AMD loader.
import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/editor/contrib/find/browser/findController.js';
import 'monaco-editor/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/editor/contrib/format/browser/formatActions.js';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2.js';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter.js';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/editor/browser/coreCommands.js';
// F1 (command palette) and Ctrl+G (go to line), as in VS Code.
import 'monaco-editor/editor/standalone/browser/quickAccess/standaloneCommandsQuickAccess.js';
import 'monaco-editor/editor/standalone/browser/quickAccess/standaloneGotoLineQuickAccess.js';
import 'monaco-editor/editor/common/standaloneStrings.js';
import 'monaco-editor-css/base/browser/ui/codicons/codicon/codicon.css';
import 'monaco-editor-css/base/browser/ui/codicons/codicon/codicon-modifiers.css';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { FLINK_SQL, QUERY_SQL, THEME, configuration, language, theme } from './flinkSql';

globalThis.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

monaco.languages.register({ id: FLINK_SQL, extensions: ['.sql'], aliases: ['Flink SQL'] });
monaco.languages.setMonarchTokensProvider(FLINK_SQL, language);
monaco.languages.setLanguageConfiguration(FLINK_SQL, configuration);
monaco.languages.register({ id: QUERY_SQL, aliases: ['DuckDB SQL'] });
monaco.languages.setMonarchTokensProvider(QUERY_SQL, language);
monaco.languages.setLanguageConfiguration(QUERY_SQL, configuration);
monaco.editor.defineTheme(THEME, theme);

export { monaco };
