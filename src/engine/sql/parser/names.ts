// Names: identifiers (plain, quoted with backticks, or a keyword written as a name), dotted
// qualified names, identifier lists, and aliases with or without AS.
import type * as A from '../ast';
import type { Token } from '../lexer';
import { TokenCursor, describe, spanBetween, tokSpan } from './cursor';

/** Words that cannot be used unquoted as names or bare aliases (quote them: `from`). */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'ALL', 'AND', 'AS', 'BETWEEN', 'BY', 'CASE', 'CREATE', 'CROSS', 'DISTINCT', 'ELSE', 'END',
  'EXCEPT', 'EXISTS', 'FALSE', 'FETCH', 'FOR', 'FROM', 'FULL', 'GROUP', 'HAVING', 'IN', 'INNER',
  'INSERT', 'INTERSECT', 'INTO', 'IS', 'JOIN', 'LATERAL', 'LEFT', 'LIKE', 'LIMIT', 'MERGE',
  'MINUS', 'NATURAL', 'NOT', 'NULL', 'OFFSET', 'ON', 'OR', 'ORDER', 'OUTER', 'OVER', 'QUALIFY', 'RIGHT',
  'SELECT', 'SET', 'TABLE', 'THEN', 'TRUE', 'UNION', 'USING', 'VALUES', 'WHEN', 'WHERE',
  'WINDOW', 'WITH',
]);

export abstract class NameParser extends TokenCursor {
  protected parseIdent(what: string, allowReserved = false): A.Ident {
    const t = this.peek();
    if (t.kind === 'quoted') {
      this.next();
      return { name: t.value, raw: t.text, quoted: true, span: tokSpan(t) };
    }
    if (t.kind === 'word') {
      if (!allowReserved && RESERVED_WORDS.has(t.value)) {
        this.fail(`expected ${what}, found the keyword ${t.value} (write \`${t.text}\` to use it as a name)`);
      }
      this.next();
      return { name: t.text.toLowerCase(), raw: t.text, quoted: false, span: tokSpan(t) };
    }
    return this.fail(`expected ${what}, found ${describe(t)}`);
  }

  protected parseQualifiedName(what: string): A.QualifiedName {
    const parts = [this.parseIdent(what)];
    while (this.isPunct('.') && (this.peek(1).kind === 'word' || this.peek(1).kind === 'quoted')) {
      this.next();
      parts.push(this.parseIdent(what, true));
    }
    const first = parts[0]!;
    const last = parts[parts.length - 1]!;
    return {
      name: parts.map((p) => p.name).join('.'),
      raw: this.text.slice(first.span.start.offset, last.span.end.offset),
      quoted: parts.some((p) => p.quoted),
      parts,
      span: spanBetween(first, last),
    };
  }

  protected parseIdentList(what: string, context: string): { idents: A.Ident[]; open: Token } {
    const open = this.expectPunct('(', context);
    const idents: A.Ident[] = [];
    if (!this.isPunct(')')) {
      do idents.push(this.parseIdent(what));
      while (this.acceptPunct(','));
    }
    this.expectClose(open, `${what.replace(/^an? /, '')} list`);
    return { idents, open };
  }

  /** An identifier that may appear without AS as an alias here. */
  private atAlias(): boolean {
    const t = this.peek();
    return t.kind === 'quoted' || (t.kind === 'word' && !RESERVED_WORDS.has(t.value));
  }

  protected parseOptionalAlias(): A.Ident | undefined {
    if (this.acceptWord('AS')) return this.parseIdent('an alias after AS');
    return this.atAlias() ? this.parseIdent('an alias') : undefined;
  }
}
