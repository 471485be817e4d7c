// The Java -> RE2 translation: what passes, what is rewritten to keep Java's meaning, and the
// Java constructs a linear-time matcher cannot run (rejected with the offset of the construct).
import { describe, expect, it } from 'vitest';
import { RegexSyntaxError, compileJavaRegex, similarToJavaRegex, translateJavaRegex } from './java-regex';

const find = (pattern: string, text: string, group = 0): string | null => {
  const { re } = compileJavaRegex(pattern);
  const m = re.matcher(text);
  return m.find() ? m.group(group) : null;
};
const rejected = (pattern: string): [string, number, string] => {
  try {
    compileJavaRegex(pattern);
  } catch (e) {
    if (e instanceof RegexSyntaxError) return [e.kind, e.offset, e.message];
    throw e;
  }
  throw new Error(`'${pattern}' was accepted`);
};

describe('Java regular expressions on RE2', () => {
  it('matches the common syntax as Java does (leftmost-first alternation, lazy quantifiers, groups)', () => {
    expect(find('foo(.*?)(bar)', 'foothebar', 2)).toBe('bar');
    expect(find('foo(.*?)(bar)', 'foothebar', 1)).toBe('the');
    expect(find('(a|ab)(c|bcd)(d*)', 'abcd', 2)).toBe('bcd');
    expect(find('\\d{2,3}', 'x12345')).toBe('123');
    expect(find('[^,]+', ',ab,c')).toBe('ab');
    expect(find('\\Qa.b\\E+', 'xa.ba.b')).toBe('a.ba.b');
  });

  it('keeps Java meanings where RE2 differs: \\s has \\x0B, . stops at every line terminator, \\h \\v \\R', () => {
    expect(find('\\s', 'a\u000Bb')).toBe('\u000B');
    expect(find('a.b', 'a\rb')).toBeNull();
    expect(find('a.b', 'a\u2028b')).toBeNull();
    expect(find('(?s)a.b', 'a\rb')).toBe('a\rb');
    expect(find('a\\hb', 'a\u00A0b')).toBe('a\u00A0b');
    expect(find('\\R', 'x\r\ny')).toBe('\r\n');
    expect(find('\\v', 'x\u2029')).toBe('\u2029');
  });

  it('reads Java escapes: \\uXXXX (surrogate pairs too), octal \\0, \\e, \\cX, \\x{...}', () => {
    expect(find('\\u00e9', 'café')).toBe('é');
    expect(find('\\uD83D\\uDE00', 'x😀')).toBe('😀');
    expect(find('\\0101', 'zA')).toBe('A');
    expect(find('\\e', 'a\u001Bb')).toBe('\u001B');
    expect(find('\\cA', 'a\u0001')).toBe('\u0001');
    expect(find('\\x{1F600}', 'x😀')).toBe('😀');
  });

  it('named groups: Java (?<name>...) counts as a group; Python (?P<name>...) is invalid Java', () => {
    expect(translateJavaRegex('(?<year>\\d{4})-(\\d\\d)').groups).toBe(2);
    expect(find('(?<year>\\d{4})', 'in 2024', 1)).toBe('2024');
    expect(rejected('(?P<year>\\d{4})')[0]).toBe('invalid');
  });

  it('embedded flags: (?i) (?m) (?s) and scoped (?i:...); (?u) is accepted; (?x) (?d) (?U) are not', () => {
    expect(find('(?i)abc', 'xABC')).toBe('ABC');
    expect(find('a(?i:b)c', 'aBc')).toBe('aBc');
    expect(find('a(?i:b)c', 'aBC')).toBeNull();
    expect(find('(?m)^b', 'a\nb')).toBe('b');
    expect(find('(?iu)é', 'É')).toBe('É');
    expect(rejected('(?x) a b')).toEqual(['unsupported', 0, expect.stringContaining('(?x)')]);
    expect(rejected('ab(?d)c')[1]).toBe(2);
    expect(rejected('(?U)\\w')[0]).toBe('unsupported');
  });

  it('\\p classes: categories, Is/script forms and POSIX names translate; blocks and java* properties are unsupported', () => {
    expect(find('\\p{Lu}+', 'abCDe')).toBe('CD');
    expect(find('\\p{IsL}+', '1héllo')).toBe('héllo');
    expect(find('\\p{IsGreek}+', 'aαβ')).toBe('αβ');
    expect(find('\\p{Alpha}+', 'é1ab')).toBe('ab');
    expect(find('[\\p{Digit}x]+', 'ax12')).toBe('x12');
    expect(find('\\P{Digit}', '1a')).toBe('a');
    expect(rejected('\\p{InGreek}')[0]).toBe('unsupported');
    expect(rejected('\\p{javaLowerCase}')[0]).toBe('unsupported');
    expect(rejected('\\p{NoSuchThing}')[0]).toBe('invalid');
  });

  it('rejects what a backtracking matcher needs, at the construct: possessive, atomic, lookaround, backreferences, intersections', () => {
    expect(rejected('ab++c')).toEqual(['unsupported', 2, expect.stringContaining("possessive quantifier '++'")]);
    expect(rejected('a{2}+')[0]).toBe('unsupported');
    expect(rejected('x(?>a|ab)c')).toEqual(['unsupported', 1, expect.stringContaining('atomic')]);
    expect(rejected('a(?=b)')[1]).toBe(1);
    expect(rejected('(?<!a)b')[0]).toBe('unsupported');
    expect(rejected('(a)\\1')).toEqual(['unsupported', 3, expect.stringContaining('backreferences')]);
    expect(rejected('(?<n>a)\\k<n>')[0]).toBe('unsupported');
    expect(rejected('[a-z&&[^b]]')[0]).toBe('unsupported');
    expect(rejected('[a[bc]]')[0]).toBe('unsupported');
    expect(rejected('\\G')[0]).toBe('unsupported');
  });

  it('reports what Java itself rejects as invalid, at its place', () => {
    expect(rejected('ab(c')).toEqual(['invalid', 4, expect.stringContaining("missing ')'")]);
    expect(rejected('a)')).toEqual(['invalid', 1, expect.any(String)]);
    expect(rejected('*a')[0]).toBe('invalid');
    expect(rejected('a{x}')[0]).toBe('invalid');
    expect(rejected('[abc')[0]).toBe('invalid');
    expect(rejected('\\y')[0]).toBe('invalid');
    expect(rejected('a{3,1}')[0]).toBe('invalid');
  });

  it('runs catastrophic patterns in linear time (Java would backtrack for ages on these)', () => {
    const evil = 'a'.repeat(5000) + '!';
    const started = performance.now();
    expect(find('(a+)+$', evil)).toBeNull();
    expect(find('(a|aa)*b', evil)).toBeNull();
    expect(find('(.*a){20}', 'a'.repeat(30))).not.toBeNull();
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('SIMILAR TO patterns become Java patterns as Calcite writes them', () => {
    expect(similarToJavaRegex('a%b_', null)).toBe('a(?s:.*)b.');
    expect(similarToJavaRegex('$5\\', null)).toBe('\\$5\\\\');
    expect(similarToJavaRegex('a!%b', '!')).toBe('a%b');
    expect(similarToJavaRegex('a!_b', '!')).toBe('a_b');
    expect(() => similarToJavaRegex('a!xb', '!')).toThrow(/invalid escape/);
    expect(() => similarToJavaRegex('a]', null)).toThrow(RegexSyntaxError);
  });
});
