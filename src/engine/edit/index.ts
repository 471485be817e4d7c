// Editing services for the studio: the pure, engine-side functions the canvas and the editor
// call (through src/engine/index.ts) to change the one script and to complete and explain it.
export {
  CONNECTORS,
  FORMATS,
  HINTS,
  SETTINGS,
  FUNCTIONS,
  TYPES,
  KEYWORDS,
  COMMON_OPTIONS,
  findConnector,
  findFormat,
  findHint,
  findSetting,
  findFunction,
  findOption,
  optionsFor,
  optionKeyMatches,
  type OptionType,
  type OptionSpec,
  type ConnectorSpec,
  type FormatSpec,
  type HintSpec,
  type HintKeySpec,
  type SettingSpec,
  type FunctionSpec,
} from './catalog';
export {
  addTable,
  connectTables,
  renameTable,
  deleteTable,
  readersOf,
  createTableText,
  quoteIdent,
  type AddTableSpec,
  type NewColumn,
  type DeleteResult,
  type StatementRef,
} from './edits';
export {
  statementAt,
  jobRanges,
  jobStatementRange,
  replaceStatement,
  deleteStatement,
  type StatementRange,
} from './statements';
export type { TextRange, EditResult } from './text';
export { complete, hover, type CompletionItem, type CompletionKind, type HoverInfo } from './language';
