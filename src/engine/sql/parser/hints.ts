// Hint blocks `/*+ NAME(args), ... */` right after SELECT or after a table name. A bad hint is
// reported and its block skipped; the statement around it still parses.
import type * as A from '../ast';
import { ParseError } from '../diagnostics';
import type { Token } from '../lexer';
import { describe, tokSpan } from './cursor';
import { NameParser } from './names';

export abstract class HintParser extends NameParser {
  /** Zero or more hint blocks at the current position. Bad hints are reported, not fatal. */
  protected parseHints(): A.Hint[] {
    const hints: A.Hint[] = [];
    while (this.peek().kind === 'hintStart') {
      this.next();
      try {
        while (this.peek().kind !== 'hintEnd') {
          hints.push(this.parseHint());
          this.acceptPunct(',');
        }
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        this.reportError(e);
        while (this.peek().kind !== 'hintEnd' && !this.atEof()) this.next();
      }
      if (this.peek().kind === 'hintEnd') this.next();
    }
    return hints;
  }

  private hintAtom(): { text: string; tok: Token } {
    const t = this.peek();
    switch (t.kind) {
      case 'string':
      case 'quoted':
      case 'number':
        this.next();
        return { text: t.value, tok: t };
      case 'word':
        this.next();
        return { text: t.text.toLowerCase(), tok: t };
      default:
        return this.fail(`expected a hint option such as 'key'='value', found ${describe(t)}`);
    }
  }

  private parseHint(): A.Hint {
    const nameTok = this.peek();
    if (nameTok.kind !== 'word') {
      this.fail(`expected a hint name such as STATE_TTL or OPTIONS, found ${describe(nameTok)}`);
    }
    this.next();
    const args: A.HintArg[] = [];
    const open = this.acceptPunct('(');
    if (open) {
      if (!this.isPunct(')')) {
        do {
          const a = this.hintAtom();
          if (this.acceptPunct('=')) {
            const b = this.hintAtom();
            args.push({ key: a.text, value: b.text, span: { start: a.tok.start, end: b.tok.end }, valueSpan: tokSpan(b.tok) });
          } else {
            args.push({ value: a.text, span: tokSpan(a.tok), valueSpan: tokSpan(a.tok) });
          }
        } while (this.acceptPunct(','));
      }
      this.expectClose(open, `${nameTok.value} hint`);
    }
    return { name: nameTok.value, nameSpan: tokSpan(nameTok), args, span: this.span(nameTok.start) };
  }
}
