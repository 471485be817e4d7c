// Flink SQL for Monaco: a Monarch tokenizer (keywords, types, functions, `/*+ ... */` hints as
// their own token class, strings, comments) and the dark theme the studio uses.
import type * as Monaco from 'monaco-editor/editor/editor.api.js';

export const FLINK_SQL = 'flinksql';
/** The query console's language: same highlighting, completion from the simulation's tables. */
export const QUERY_SQL = 'duckdbsql';

export const KEYWORDS = [
  'ADD', 'ALL', 'ALTER', 'AND', 'AS', 'ASC', 'BEGIN', 'BETWEEN', 'BY', 'CASE', 'CAST', 'COMMENT',
  'CREATE', 'CROSS', 'CURRENT', 'DELETE', 'DESC', 'DISTINCT', 'DROP', 'ELSE', 'END', 'ENFORCED',
  'EXECUTE', 'EXISTS', 'FALSE', 'FOR', 'FROM', 'FULL', 'GROUP', 'HAVING', 'IF', 'IN', 'INNER',
  'INSERT', 'INTO', 'IS', 'JOIN', 'KEY', 'LEFT', 'LIKE', 'LIMIT', 'MATCHED', 'MERGE', 'NOT', 'NULL',
  'ON', 'OR', 'ORDER', 'OUTER', 'OVERWRITE', 'PARTITIONED', 'PRIMARY', 'RIGHT', 'SELECT', 'SET',
  'STATEMENT', 'TABLE', 'THEN', 'TRUE', 'UNION', 'UPDATE', 'USING', 'VALUES', 'VIEW', 'WATERMARK',
  'WHEN', 'WHERE', 'WITH', 'TEMPORARY', 'SYSTEM_TIME', 'OF', 'INTERVAL', 'SECOND', 'MINUTE', 'HOUR',
  'DAY', 'MONTH', 'YEAR', 'ROW', 'ROWS', 'OVER', 'PARTITION', 'RANGE', 'PRECEDING', 'UNBOUNDED',
];

export const TYPES = [
  'BOOLEAN', 'TINYINT', 'SMALLINT', 'INT', 'INTEGER', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL',
  'NUMERIC', 'STRING', 'VARCHAR', 'CHAR', 'DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMP_LTZ', 'BYTES',
  'ARRAY', 'MAP', 'MULTISET', 'PRECISION',
];

export const FUNCTIONS = [
  'COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'COALESCE', 'IFNULL', 'NULLIF', 'CONCAT', 'CONCAT_WS',
  'UPPER', 'LOWER', 'TRIM', 'SUBSTRING', 'CHAR_LENGTH', 'ROUND', 'FLOOR', 'CEIL', 'ABS', 'MOD',
  'DATE_FORMAT', 'TO_TIMESTAMP', 'TO_DATE', 'CURRENT_TIMESTAMP', 'NOW', 'PROCTIME', 'LOCALTIMESTAMP',
  'TUMBLE', 'HOP', 'SESSION', 'CUMULATE', 'TUMBLE_START', 'TUMBLE_END', 'DATE_TRUNC', 'EXTRACT',
  'LISTAGG', 'FIRST_VALUE', 'LAST_VALUE', 'ROW_NUMBER', 'IF', 'REGEXP_EXTRACT', 'SPLIT_INDEX',
];

export const HINT_NAMES = ['STATE_TTL', 'OPTIONS', 'STATE_CLEANUP', 'REUSE_SOURCE', 'DROP_ROW_KIND', 'LOOKUP', 'BROADCAST', 'SHUFFLE_HASH'];

export const language: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  ignoreCase: true,
  tokenPostfix: '.flinksql',
  keywords: KEYWORDS,
  typeKeywords: TYPES,
  builtinFunctions: FUNCTIONS,
  hintNames: HINT_NAMES,
  operators: ['=', '<>', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%', '||'],
  symbols: /[=><!~?:&|+\-*/^%]+/,
  brackets: [
    { open: '(', close: ')', token: 'delimiter.parenthesis' },
    { open: '[', close: ']', token: 'delimiter.square' },
  ],
  tokenizer: {
    root: [
      [/\/\*\+/, { token: 'hint.delimiter', next: '@hint' }],
      [/\/\*/, { token: 'comment', next: '@comment' }],
      [/--.*$/, 'comment'],
      { include: '@whitespace' },
      [/'/, { token: 'string', next: '@string' }],
      [/`/, { token: 'identifier.quote', next: '@quotedIdentifier' }],
      [/\d+(\.\d+)?([eE][-+]?\d+)?/, 'number'],
      [
        /[A-Za-z_][\w$]*/,
        {
          cases: {
            '@typeKeywords': 'type',
            '@keywords': 'keyword',
            '@builtinFunctions': 'predefined',
            '@default': 'identifier',
          },
        },
      ],
      [/[;,.]/, 'delimiter'],
      [/[()[\]]/, '@brackets'],
      [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
    ],
    whitespace: [[/\s+/, 'white']],
    comment: [
      [/[^*/]+/, 'comment'],
      [/\*\//, { token: 'comment', next: '@pop' }],
      [/[*/]/, 'comment'],
    ],
    hint: [
      [/\*\//, { token: 'hint.delimiter', next: '@pop' }],
      [/'/, { token: 'hint.string', next: '@hintString' }],
      [/[A-Za-z_][\w$.-]*/, { cases: { '@hintNames': 'hint.name', '@default': 'hint' } }],
      [/[^*'A-Za-z_]+/, 'hint'],
      [/\*/, 'hint'],
    ],
    hintString: [
      [/[^']+/, 'hint.string'],
      [/''/, 'hint.string'],
      [/'/, { token: 'hint.string', next: '@pop' }],
    ],
    string: [
      [/[^']+/, 'string'],
      [/''/, 'string.escape'],
      [/'/, { token: 'string', next: '@pop' }],
    ],
    quotedIdentifier: [
      [/[^`]+/, 'identifier'],
      [/``/, 'identifier'],
      [/`/, { token: 'identifier.quote', next: '@pop' }],
    ],
  },
};

export const configuration: Monaco.languages.LanguageConfiguration = {
  comments: { lineComment: '--', blockComment: ['/*', '*/'] },
  brackets: [
    ['(', ')'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: "'", close: "'", notIn: ['string', 'comment'] },
    { open: '`', close: '`', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '(', close: ')' },
    { open: "'", close: "'" },
  ],
};

export const THEME = 'freshet-dark';

export const theme: Monaco.editor.IStandaloneThemeData = {
  base: 'vs-dark',
  inherit: true,
  rules: [
    { token: 'keyword', foreground: '569CD6', fontStyle: 'bold' },
    { token: 'type', foreground: '4EC9B0' },
    { token: 'predefined', foreground: 'DCDCAA' },
    { token: 'string', foreground: 'CE9178' },
    { token: 'string.escape', foreground: 'D7BA7D' },
    { token: 'number', foreground: 'B5CEA8' },
    { token: 'comment', foreground: '6A9955', fontStyle: 'italic' },
    { token: 'hint', foreground: 'E5A3F5', fontStyle: 'italic' },
    { token: 'hint.delimiter', foreground: 'C586C0', fontStyle: 'bold' },
    { token: 'hint.name', foreground: 'F0C674', fontStyle: 'bold italic' },
    { token: 'hint.string', foreground: 'F5B48A', fontStyle: 'italic' },
    { token: 'identifier', foreground: 'D4D4D4' },
    { token: 'identifier.quote', foreground: '9CDCFE' },
    { token: 'operator', foreground: 'D4D4D4' },
    { token: 'delimiter', foreground: '8B949E' },
  ],
  colors: {
    'editor.background': '#14171c',
    'editor.lineHighlightBackground': '#1c2129',
    'editorLineNumber.foreground': '#4b5563',
    'editorLineNumber.activeForeground': '#9ca3af',
    'editorGutter.background': '#14171c',
    'editor.selectionBackground': '#264f78',
    'editorWidget.background': '#1b1f26',
    'editorWidget.border': '#2d333b',
  },
};
