// Java regular expressions (java.util.regex, what Flink's REGEXP* functions and SIMILAR TO run)
// matched by RE2 semantics in linear time (the re2js library: no backtracking, so no pattern from a
// script or a data row can hang the simulation, and a pattern is data handed to a matcher, never
// code). The translator reads Java's syntax and writes RE2's; a Java construct RE2 cannot run
// (backreferences, lookaround, possessive quantifiers, atomic groups, class intersections, ...)
// is a RegexSyntaxError of kind 'unsupported', a pattern Java itself rejects one of kind 'invalid'.
// Both carry the offset in the pattern. Why RE2 and not JS RegExp: docs/decisions.md.
import { RE2JS } from 're2js';

export class RegexSyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based offset in the Java pattern. */
    readonly offset: number,
    /** 'invalid': Java rejects the pattern too; 'unsupported': valid Java that Freshet cannot match. */
    readonly kind: 'invalid' | 'unsupported',
  ) {
    super(message);
  }
}

export interface JavaRegex {
  re: RE2JS;
  /** Capturing groups of the pattern. */
  groups: number;
}

const LINE_TERMINATORS = '\\n\\r\\x{85}\\x{2028}\\x{2029}';
/** Java's \s (ASCII): RE2's lacks \x0B. */
const JAVA_SPACE = '\\t\\n\\x0B\\f\\r ';
const JAVA_HSPACE = ' \\t\\x{A0}\\x{1680}\\x{180e}\\x{2000}-\\x{200a}\\x{202f}\\x{205f}\\x{3000}';
const JAVA_VSPACE = '\\n\\x0B\\f\\r\\x{85}\\x{2028}\\x{2029}';
/** Java's POSIX classes (US-ASCII only) as RE2 class content. */
const POSIX: Readonly<Record<string, string>> = {
  Lower: 'a-z', Upper: 'A-Z', ASCII: '\\x00-\\x7F', Alpha: 'a-zA-Z', Digit: '0-9', Alnum: 'a-zA-Z0-9',
  Punct: '!-/:-@\\[-`{-~', Graph: '!-~', Print: ' -~', Blank: ' \\t', Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F', Space: JAVA_SPACE,
};
const CATEGORIES = new Set(['L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'S', 'Sm', 'Sc', 'Sk', 'So', 'Z', 'Zs', 'Zl', 'Zp', 'C', 'Cc', 'Cf', 'Cs', 'Co', 'Cn']);
const SCRIPTS = new Set(['Arabic', 'Armenian', 'Bengali', 'Cyrillic', 'Devanagari', 'Georgian', 'Greek', 'Gujarati', 'Gurmukhi', 'Han', 'Hangul', 'Hebrew', 'Hiragana', 'Kannada', 'Katakana', 'Khmer', 'Lao', 'Latin', 'Malayalam', 'Mongolian', 'Myanmar', 'Oriya', 'Sinhala', 'Tamil', 'Telugu', 'Thai', 'Tibetan', 'Common', 'Inherited']);
const hex = (cp: number) => `\\x{${cp.toString(16)}}`;

interface Flags {
  dotAll: boolean;
}

class Translator {
  private i = 0;
  private out = '';
  groups = 0;
  private readonly flagStack: Flags[] = [];
  private flags: Flags = { dotAll: false };
  constructor(private readonly p: string) {}

  private unsupported(what: string, at = this.i): never {
    throw new RegexSyntaxError(`${what} ${/s( \(|$)/.test(what) ? 'are' : 'is'} not supported (Freshet matches Java regular expressions in linear time, without backtracking)`, at, 'unsupported');
  }
  private invalid(what: string, at = this.i): never {
    throw new RegexSyntaxError(`invalid Java regular expression: ${what}`, at, 'invalid');
  }

  run(): string {
    const p = this.p;
    while (this.i < p.length) {
      const c = p[this.i]!;
      // escape() appends the atom itself (with its quantifier) outside a class.
      if (c === '\\') this.escape(false);
      else if (c === '[') this.charClass();
      else if (c === '(') this.openGroup();
      else if (c === ')') {
        if (this.flagStack.length === 0) this.invalid("unmatched ')'");
        this.flags = this.flagStack.pop()!;
        this.out += ')';
        this.i++;
        this.quantifierAfter();
      } else if (c === '.') {
        this.out += this.flags.dotAll ? '(?s:.)' : `[^${LINE_TERMINATORS}]`;
        this.i++;
        this.quantifierAfter();
      } else if (c === '*' || c === '+' || c === '?') {
        this.invalid(`dangling meta character '${c}'`);
      } else if (c === '{') {
        this.invalid("illegal repetition '{'");
      } else {
        this.out += c;
        this.i++;
        if (c !== '|' && c !== '^' && c !== '$') this.quantifierAfter();
      }
    }
    if (this.flagStack.length > 0) this.invalid("unclosed group: missing ')'", p.length);
    return this.out;
  }

  /** A quantifier after an atom: greedy and lazy pass, possessive is unsupported. */
  private quantifierAfter(): void {
    const p = this.p;
    const c = p[this.i];
    let q: string;
    if (c === '*' || c === '+' || c === '?') q = c;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(this.i));
      if (!m) this.invalid("illegal repetition '{'");
      const lo = Number(m[1]);
      const hi = m[3] ? Number(m[3]) : lo;
      if (m[3] && hi < lo) this.invalid(`illegal repetition range ${m[0]}`);
      if (lo > 1000 || hi > 1000) this.unsupported('a repetition count above 1000');
      q = m[0];
    } else return;
    const at = this.i;
    this.i += q.length;
    const after = p[this.i];
    if (after === '+') this.unsupported(`the possessive quantifier '${q}+'`, at);
    if (after === '?') {
      q += '?';
      this.i++;
    }
    this.out += q;
    const next = p[this.i];
    if (next === '*' || next === '+' || next === '?' || next === '{') {
      // Java reads `a**` as a quantified quantifier; RE2 rejects it.
      this.unsupported('a quantifier on a quantifier');
    }
  }

  private openGroup(): void {
    const p = this.p;
    const start = this.i;
    this.flagStack.push(this.flags);
    this.flags = { ...this.flags };
    if (p[this.i + 1] !== '?') {
      this.groups++;
      this.out += '(';
      this.i++;
      return;
    }
    const rest = p.slice(this.i + 2);
    if (rest.startsWith(':')) {
      this.out += '(?:';
      this.i += 3;
    } else if (rest.startsWith('=') || rest.startsWith('!')) this.unsupported('lookahead (?= and (?!', start);
    else if (rest.startsWith('<=') || rest.startsWith('<!')) this.unsupported('lookbehind (?<= and (?<!', start);
    else if (rest.startsWith('>')) this.unsupported('atomic groups (?>', start);
    else if (rest.startsWith('<')) {
      const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(rest);
      if (!m) this.invalid('a named group needs a name of letters and digits starting with a letter: (?<name>...)', start);
      this.groups++;
      this.out += `(?P<${m[1]}>`;
      this.i += 2 + m[0].length;
    } else {
      // Embedded flags: (?idmsuxU-idmsuxU) or (?flags:X).
      const m = /^([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
      if (!m) this.invalid(`unknown inline modifier '(?${rest[0] ?? ''}'`, start);
      const on = m[1]!;
      const off = m[2] ?? '';
      let re2On = '';
      let re2Off = '';
      for (const [letters, enable] of [[on, true], [off, false]] as const) {
        for (const f of letters) {
          if (f === 'i' || f === 'm') {
            if (enable) re2On += f;
            else re2Off += f;
          } else if (f === 's') {
            this.flags.dotAll = enable;
            if (enable) re2On += f;
            else re2Off += f;
          } else if (f === 'u') {
            // UNICODE_CASE: RE2's case folding is Unicode already.
          } else if (f === 'x') this.unsupported('the comments flag (?x)', start);
          else if (f === 'd') this.unsupported('the UNIX_LINES flag (?d)', start);
          else if (f === 'U') this.unsupported('the UNICODE_CHARACTER_CLASS flag (?U)', start);
          else this.invalid(`unknown inline modifier '${f}'`, start);
        }
      }
      const modifiers = re2On + (re2Off ? '-' + re2Off : '');
      this.i += 2 + m[0].length;
      if (m[3] === ')') {
        // (?i) applies to the rest of the enclosing group: not a group of its own, so the
        // entry pushed above goes and the modified flags stay current.
        this.flagStack.pop();
        if (modifiers) this.out += `(?${modifiers})`;
      } else this.out += modifiers ? `(?${modifiers}:` : '(?:';
    }
  }

  /** `[...]`: Java's class syntax into RE2's. */
  private charClass(): void {
    const p = this.p;
    const start = this.i;
    this.i++;
    let out = '[';
    if (p[this.i] === '^') {
      out += '^';
      this.i++;
    }
    let first = true;
    for (;;) {
      if (this.i >= p.length) this.invalid("unclosed character class: missing ']'", start);
      const c = p[this.i]!;
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      if (c === '[') this.unsupported('a character class inside a character class (union)');
      if (c === '&' && p[this.i + 1] === '&') this.unsupported('character class intersection (&&)');
      if (c === '\\') out += this.escape(true);
      else {
        out += c === ']' || c === '[' ? '\\' + c : c;
        this.i++;
      }
    }
    this.out += out + ']';
    this.quantifierAfter();
  }

  /** An escape at `\`; inside a class the result is class content. */
  private escape(inClass: boolean): string {
    const p = this.p;
    const at = this.i;
    const c = p[this.i + 1];
    if (c === undefined) this.invalid('unexpected end of pattern after \\', at);
    this.i += 2;
    const atom = (s: string) => {
      if (!inClass) {
        this.out += s;
        this.quantifierAfter();
        return '';
      }
      return s;
    };
    const classAtom = (content: string) => atom(inClass ? content : `[${content}]`);
    switch (c) {
      case 'd': case 'D': case 'w': case 'W': case 't': case 'n': case 'r': case 'f':
        return atom('\\' + c);
      case 'b': case 'B': case 'A': case 'z':
        if (inClass) this.invalid(`\\${c} inside a character class`, at);
        this.out += '\\' + c;
        return '';
      case 's':
        return classAtom(JAVA_SPACE);
      case 'S':
        return atom(inClass ? '\\S' : `[^${JAVA_SPACE}]`);
      case 'h':
        return classAtom(JAVA_HSPACE);
      case 'H':
        if (inClass) this.unsupported('\\H inside a character class', at);
        return atom(`[^${JAVA_HSPACE}]`);
      case 'v':
        return classAtom(JAVA_VSPACE);
      case 'V':
        if (inClass) this.unsupported('\\V inside a character class', at);
        return atom(`[^${JAVA_VSPACE}]`);
      case 'R':
        if (inClass) this.invalid('\\R inside a character class', at);
        return atom(`(?:\\r\\n|[${JAVA_VSPACE}])`);
      case 'Z':
        if (inClass) this.invalid('\\Z inside a character class', at);
        this.out += '(?-m:$)';
        return '';
      case 'a':
        return atom('\\x07');
      case 'e':
        return atom('\\x1B');
      case 'c': {
        const x = p[this.i];
        if (x === undefined) this.invalid('\\c needs a control letter', at);
        this.i++;
        return atom(hex(x.charCodeAt(0) ^ 64));
      }
      case '0': {
        const m = /^([0-3][0-7]{2}|[0-7]{1,2})/.exec(p.slice(this.i));
        if (!m) this.invalid('illegal octal escape sequence', at);
        this.i += m[0].length;
        return atom(hex(parseInt(m[0], 8)));
      }
      case 'x': {
        const m = /^(\{[0-9a-fA-F]+\}|[0-9a-fA-F]{2})/.exec(p.slice(this.i));
        if (!m) this.invalid('illegal hexadecimal escape sequence', at);
        this.i += m[0].length;
        const cp = parseInt(m[0].replace(/[{}]/g, ''), 16);
        if (cp > 0x10ffff) this.invalid('hexadecimal code point out of range', at);
        return atom(hex(cp));
      }
      case 'u': {
        const m = /^[0-9a-fA-F]{4}/.exec(p.slice(this.i));
        if (!m) this.invalid('illegal Unicode escape sequence', at);
        this.i += 4;
        let cp = parseInt(m[0], 16);
        const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(p.slice(this.i));
        if (cp >= 0xd800 && cp <= 0xdbff && low) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (parseInt(low[1]!, 16) - 0xdc00);
          this.i += 6;
        }
        return atom(hex(cp));
      }
      case 'p': case 'P':
        return atom(this.property(c === 'P', at, inClass));
      case 'Q': {
        const end = p.indexOf('\\E', this.i);
        const text = end < 0 ? p.slice(this.i) : p.slice(this.i, end);
        this.i = end < 0 ? p.length : end + 2;
        const quoted = [...text].map((ch) => hex(ch.codePointAt(0)!)).join('');
        if (inClass) return quoted;
        this.out += text === '' ? '' : `(?:${quoted})`;
        if (text !== '') this.quantifierAfter();
        return '';
      }
      case 'E':
        return ''; // a \E without \Q: Java ignores it
      case 'k':
        return this.unsupported('backreferences (\\k<name>)', at);
      case 'G':
        return this.unsupported('\\G (end of the previous match)', at);
      case 'X':
        return this.unsupported('\\X (grapheme clusters)', at);
      case 'N':
        return this.unsupported('\\N{name}', at);
      default:
        break;
    }
    if (c >= '1' && c <= '9') {
      if (inClass) this.invalid(`illegal escape \\${c} in a character class`, at);
      this.unsupported(`backreferences (\\${c})`, at);
    }
    if (/[a-zA-Z]/.test(c)) this.invalid(`illegal escape sequence \\${c}`, at);
    // Any other character escaped stands for itself.
    const cp = p.codePointAt(at + 1)!;
    if (cp > 0xffff) this.i++;
    return atom(hex(cp));
  }

  /** `\p{Name}`, `\pL`, `\P{...}`: Java's property names into RE2's. */
  private property(negated: boolean, at: number, inClass: boolean): string {
    const p = this.p;
    let name: string;
    if (p[this.i] === '{') {
      const end = p.indexOf('}', this.i);
      if (end < 0) this.invalid('unclosed character family', at);
      name = p.slice(this.i + 1, end);
      this.i = end + 1;
    } else {
      name = p[this.i] ?? '';
      if (name === '') this.invalid('illegal character family', at);
      this.i++;
    }
    const posix = POSIX[name];
    if (posix !== undefined) {
      if (negated && inClass) this.unsupported(`\\P{${name}} inside a character class`, at);
      return inClass ? posix : `[${negated ? '^' : ''}${posix}]`;
    }
    let re2: string | null = null;
    const bare = name.replace(/^(Is|general_category=|gc=)/, '');
    if (CATEGORIES.has(bare)) re2 = bare;
    else {
      const script = name.replace(/^(Is|script=|sc=)/, '');
      const found = [...SCRIPTS].find((s) => s.toLowerCase() === script.toLowerCase());
      if (found) re2 = found;
    }
    if (re2 === null) {
      if (/^(In|block=|blk=)/.test(name)) this.unsupported(`the Unicode block \\p{${name}}`, at);
      if (/^(java|Is)/.test(name)) this.unsupported(`the property \\p{${name}}`, at);
      this.invalid(`unknown character property \\p{${name}}`, at);
    }
    return `\\${negated ? 'P' : 'p'}{${re2}}`;
  }
}

/** Translates a Java pattern to RE2 syntax; throws RegexSyntaxError. */
export function translateJavaRegex(pattern: string): { source: string; groups: number } {
  const t = new Translator(pattern);
  const source = t.run();
  return { source, groups: t.groups };
}

/** Compiles a Java pattern for linear-time matching; throws RegexSyntaxError. */
export function compileJavaRegex(pattern: string): JavaRegex {
  const { source, groups } = translateJavaRegex(pattern);
  try {
    return { re: RE2JS.compile(source), groups };
  } catch (e) {
    throw new RegexSyntaxError(`cannot match this pattern: ${e instanceof Error ? e.message : String(e)}`, 0, 'unsupported');
  }
}

/**
 * Calcite's SQL regular expression of SIMILAR TO (Like.sqlToRegexSimilar) as a Java pattern:
 * `%` any text, `_` any character, `|`, `*`, `+`, `?`, `{m,n}`, `( )`, `[ ]` as in regular
 * expressions; `$` and `\` literal. Throws RegexSyntaxError for Calcite's errors.
 */
export function similarToJavaRegex(pattern: string, escape: string | null): string {
  const SQL_SPECIALS = '[]()|^-+*_%?{}';
  const JAVA_SPECIALS = '$()*+.?[\\]^{|}';
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (escape !== null && c === escape) {
      const next = pattern[i + 1];
      if (next === undefined) throw new RegexSyntaxError('invalid escape sequence at the end of a SIMILAR TO pattern', i, 'invalid');
      if (SQL_SPECIALS.includes(next)) out += (JAVA_SPECIALS.includes(next) ? '\\' : '') + next;
      else if (next === escape) out += JAVA_SPECIALS.includes(next) ? '\\' + next : next;
      else throw new RegexSyntaxError(`invalid escape sequence '${c}${next}' in a SIMILAR TO pattern`, i, 'invalid');
      i++;
      continue;
    }
    if (c === '_') out += '.';
    else if (c === '%') out += '(?s:.*)';
    else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === ']') {
      if (!inClass) throw new RegexSyntaxError("']' without '[' in a SIMILAR TO pattern", i, 'invalid');
      inClass = false;
      out += c;
    } else if (c === '\\') out += '\\\\';
    else if (c === '$') out += '\\$';
    else out += c;
  }
  if (inClass) throw new RegexSyntaxError("unclosed '[' in a SIMILAR TO pattern", pattern.length, 'invalid');
  return out;
}
