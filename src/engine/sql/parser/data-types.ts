// SQL data types, as written in column definitions, CAST and the type panel: the names Flink
// accepts, with precision, scale and length, and TIMESTAMP WITH / WITHOUT (LOCAL) TIME ZONE.
import type { DataType, Span, TypeName } from '../../types';
import { suggest } from '../diagnostics';
import { describe, tokSpan } from './cursor';
import { HintParser } from './hints';

/** Type names the parser knows, for "did you mean" suggestions. */
const TYPE_WORDS = [
  'BOOLEAN', 'TINYINT', 'SMALLINT', 'INT', 'INTEGER', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL',
  'NUMERIC', 'STRING', 'VARCHAR', 'CHAR', 'DATE', 'TIMESTAMP', 'TIMESTAMP_LTZ',
];
const UNSUPPORTED_TYPES = new Set([
  'TIME', 'BYTES', 'BINARY', 'VARBINARY', 'ARRAY', 'MAP', 'MULTISET', 'ROW', 'RAW', 'INTERVAL',
  'TIMESTAMP_TZ', 'VARIANT', 'STRUCTURED',
]);

export abstract class DataTypeParser extends HintParser {
  private parseIntArg(what: string): number {
    const t = this.peek();
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) this.fail(`expected ${what} (a whole number), found ${describe(t)}`);
    this.next();
    return Number(t.text);
  }

  /** A SQL type. Nullable unless the caller sees NOT NULL. */
  parseDataType(): { type: DataType; span: Span } {
    const t = this.peek();
    if (t.kind !== 'word') this.fail(`expected a type such as INT, STRING or TIMESTAMP(3), found ${describe(t)}`);
    this.next();
    const start = t.start;
    const simple = (name: TypeName): { type: DataType; span: Span } => ({ type: { name, nullable: true }, span: this.span(start) });
    const withLength = (name: TypeName, what: string): { type: DataType; span: Span } => {
      const type: DataType = { name, nullable: true };
      const open = this.acceptPunct('(');
      if (open) {
        type.precision = this.parseIntArg(what);
        this.expectClose(open, `${name} ${what}`);
      }
      return { type, span: this.span(start) };
    };
    let word = t.value;
    for (;;) {
      switch (word) {
        case 'BOOLEAN':
          return simple('BOOLEAN');
        case 'TINYINT':
          return simple('TINYINT');
        case 'SMALLINT':
          return simple('SMALLINT');
        case 'INT':
        case 'INTEGER':
          return simple('INT');
        case 'BIGINT':
          return simple('BIGINT');
        case 'FLOAT':
        case 'REAL':
          return simple('FLOAT');
        case 'DOUBLE':
          this.acceptWord('PRECISION');
          return simple('DOUBLE');
        case 'STRING':
          return simple('STRING');
        case 'DATE':
          return simple('DATE');
        case 'DECIMAL':
        case 'DEC':
        case 'NUMERIC': {
          const type: DataType = { name: 'DECIMAL', precision: 10, scale: 0, nullable: true };
          const open = this.acceptPunct('(');
          if (open) {
            type.precision = this.parseIntArg('a precision');
            if (this.acceptPunct(',')) type.scale = this.parseIntArg('a scale');
            this.expectClose(open, 'DECIMAL precision');
            if (type.precision < 1 || type.precision > 38) {
              this.report(`DECIMAL precision must be between 1 and 38, found ${type.precision}`, this.span(start));
            } else if (type.scale! > type.precision) {
              this.report(`DECIMAL scale ${type.scale} cannot exceed its precision ${type.precision}`, this.span(start));
            }
          }
          return { type, span: this.span(start) };
        }
        case 'VARCHAR':
          return withLength('VARCHAR', 'length');
        case 'CHAR':
        case 'CHARACTER':
          return withLength('CHAR', 'length');
        case 'TIMESTAMP':
        case 'TIMESTAMP_LTZ': {
          const r = withLength(word as TypeName, 'precision');
          if (r.type.precision !== undefined && r.type.precision > 9) {
            this.report(`${word} precision must be between 0 and 9, found ${r.type.precision}`, r.span);
          }
          if (word === 'TIMESTAMP') {
            if (this.isWord('WITH') && this.isWord('LOCAL', 1)) {
              this.next();
              this.next();
              this.expectWord('TIME', ' in WITH LOCAL TIME ZONE');
              this.expectWord('ZONE', ' in WITH LOCAL TIME ZONE');
              r.type.name = 'TIMESTAMP_LTZ';
            } else if (this.isWord('WITH') && this.isWord('TIME', 1)) {
              this.fail('TIMESTAMP WITH TIME ZONE is not supported by Flink; use TIMESTAMP_LTZ');
            } else if (this.acceptWord('WITHOUT')) {
              this.expectWord('TIME', ' in WITHOUT TIME ZONE');
              this.expectWord('ZONE', ' in WITHOUT TIME ZONE');
            }
          }
          r.span = this.span(start);
          return r;
        }
        default: {
          if (UNSUPPORTED_TYPES.has(word)) {
            this.fail(`type ${word} is not supported by Freshet yet`, t);
          }
          const s = suggest(word, TYPE_WORDS);
          if (!s || word !== t.value) return this.fail(`unknown type '${t.text}'`, t);
          // Read it as the close match, so the table still exists for the statements using it.
          this.report(`unknown type '${t.text}'; did you mean ${s}?`, tokSpan(t));
          word = s;
        }
      }
    }
  }
}
