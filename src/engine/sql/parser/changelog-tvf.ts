// Flink 2.3's TO_CHANGELOG process table function in FROM (docs/dialect.md):
//   TO_CHANGELOG(input => TABLE t PARTITION BY k [, op => DESCRIPTOR(op_code)]
//                [, op_mapping => MAP['INSERT', 'I', 'UPDATE_AFTER', 'U']])
// Arguments may be positional in that order. The data argument and DESCRIPTOR are parsed as
// the window TVFs parse them; the mapping must be a MAP of string literals, as Flink requires.
import type * as A from '../ast';
import { describe } from './cursor';
import { WindowTvfParser, type TvfArg } from './window-tvf';

const PARAMS = ['INPUT', 'OP', 'OP_MAPPING'];

type ChangelogArg = TvfArg | { kind: 'map'; pairs: { rowKind: string; code: string; span: A.Span }[] };

export abstract class ChangelogTvfParser extends WindowTvfParser {
  protected atChangelogTvf(): boolean {
    const t = this.peek();
    return t.kind === 'word' && (t.value === 'TO_CHANGELOG' || t.value === 'FROM_CHANGELOG') && this.isPunct('(', 1);
  }

  protected parseChangelogTvf(): A.ChangelogTvfRef {
    const nameTok = this.next();
    if (nameTok.value === 'FROM_CHANGELOG') {
      this.fail('FROM_CHANGELOG is not supported by Freshet yet: read the stream with a changelog format instead (debezium-json, canal-json, maxwell-json or changelog-json)', nameTok);
    }
    const open = this.expectPunct('(', ' after TO_CHANGELOG');
    const named = new Map<string, ChangelogArg>();
    let position = 0;
    let sawNamed = false;
    if (!this.isPunct(')')) {
      do {
        const argName = this.parseArgName();
        const arg = this.isWord('MAP') && this.isPunct('[', 1) ? this.parseStringMap() : this.parseTvfArg();
        const key = argName ?? PARAMS[position];
        if (argName === null && sawNamed) this.fail('TO_CHANGELOG: a positional argument cannot follow named ones', nameTok);
        if (argName !== null) sawNamed = true;
        if (key === undefined) this.fail(`TO_CHANGELOG takes at most ${PARAMS.length} arguments`, nameTok);
        if (!PARAMS.includes(key)) this.fail(`TO_CHANGELOG has no parameter ${key.toLowerCase()}; its parameters are input, op, op_mapping`, nameTok);
        if (named.has(key)) this.fail(`TO_CHANGELOG: argument ${key.toLowerCase()} is given twice`, nameTok);
        named.set(key, arg);
        position++;
      } while (this.acceptPunct(','));
    }
    this.expectClose(open, 'TO_CHANGELOG(...)');
    const input = named.get('INPUT');
    if (!input || input.kind !== 'data') this.fail('TO_CHANGELOG: the input argument must be a table, written TABLE name PARTITION BY key', nameTok);
    if (input.partitionBy.length === 0) this.fail('TO_CHANGELOG: the input table needs PARTITION BY (the key the changes are partitioned by)', nameTok);
    const op = named.get('OP');
    if (op && op.kind !== 'descriptor') this.fail('TO_CHANGELOG: op must be given as DESCRIPTOR(column_name)', nameTok);
    const mapping = named.get('OP_MAPPING');
    if (mapping && mapping.kind !== 'map') this.fail("TO_CHANGELOG: op_mapping must be a MAP of string literals, e.g. MAP['INSERT', 'I', 'DELETE', 'D']", nameTok);
    const ref: A.ChangelogTvfRef = {
      kind: 'ChangelogTvf',
      fn: 'TO_CHANGELOG',
      input: input.input,
      partitionBy: input.partitionBy,
      opColumn: op?.kind === 'descriptor' ? op.column : null,
      opMapping: mapping?.kind === 'map' ? mapping.pairs : null,
      span: this.span(nameTok.start),
    };
    const alias = this.parseOptionalAlias();
    if (alias) ref.alias = alias;
    ref.span = this.span(nameTok.start);
    return ref;
  }

  /** `MAP['k1', 'v1', 'k2', 'v2', ...]` of string literals. */
  private parseStringMap(): ChangelogArg {
    this.next();
    const open = this.expectPunct('[', ' after MAP');
    const items: { value: string; span: A.Span }[] = [];
    if (!this.isPunct(']')) {
      do {
        const t = this.peek();
        if (t.kind !== 'string') this.fail(`op_mapping: expected a string literal, found ${describe(t)}`);
        this.next();
        items.push({ value: t.value, span: this.span(t.start) });
      } while (this.acceptPunct(','));
    }
    this.expectPunct(']', ' to close MAP[...]');
    if (items.length % 2 !== 0) this.fail('op_mapping: MAP[...] needs key, value pairs (an even number of strings)', open);
    const pairs: { rowKind: string; code: string; span: A.Span }[] = [];
    for (let i = 0; i < items.length; i += 2) pairs.push({ rowKind: items[i]!.value, code: items[i + 1]!.value, span: items[i]!.span });
    return { kind: 'map', pairs };
  }
}
