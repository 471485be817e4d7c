// Regular expressions: REGEXP, REGEXP_EXTRACT, REGEXP_REPLACE and SIMILAR TO, with Flink's
// results (SqlFunctionUtils): a pattern Java rejects gives NULL (REGEXP: FALSE), as Flink logs the
// exception and returns that; REGEXP_REPLACE's replacement is literal text (Flink quotes it with
// Matcher.quoteReplacement, so `$1` is not a group). Patterns run through java-regex.ts (RE2, linear
// time). A constant pattern is compiled once here and checked by the binder; a pattern read from a
// row is compiled when first seen and cached, and one Freshet cannot match fails the job, located.
import { RE2JS } from 're2js';
import type { BoundExpr } from '../ir';
import { ExprError } from '../cast';
import { type JavaRegex, RegexSyntaxError, compileJavaRegex, similarToJavaRegex } from '../java-regex';
import { def } from './registry';
import { constString, strictN } from './args';

type Compiled = JavaRegex | RegexSyntaxError;

/** Patterns read from rows: compiled once each, the oldest dropped past this many. */
const CACHE_LIMIT = 256;

/**
 * A function from pattern text to its compiled form (or the Java syntax error), constant
 * patterns compiled at build time. An unsupported pattern throws: Flink would compute a result
 * Freshet cannot, so the job fails rather than give a wrong one.
 */
function patternCompiler(expr: BoundExpr | undefined, translate: (p: string) => string = (p) => p): (p: string) => Compiled {
  const compile = (p: string): Compiled => {
    try {
      return compileJavaRegex(translate(p));
    } catch (e) {
      if (e instanceof RegexSyntaxError) return e;
      throw e;
    }
  };
  const checked = (c: Compiled, p: string): Compiled => {
    if (c instanceof RegexSyntaxError && c.kind === 'unsupported') throw new ExprError(`regular expression '${p}': ${c.message}`);
    return c;
  };
  const constant = constString(expr);
  if (typeof constant === 'string') {
    const c = compile(constant);
    return () => checked(c, constant);
  }
  const cache = new Map<string, Compiled>();
  return (p) => {
    let c = cache.get(p);
    if (c === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      c = compile(p);
      cache.set(p, c);
    }
    return checked(c, p);
  };
}

/** REGEXP(s, pattern): TRUE when some substring matches; FALSE for an empty or invalid pattern. */
def(['regexp'], ([s, p], exprs) => {
  const pattern = patternCompiler(exprs[1]);
  return strictN([s!, p!], ([x, y]) => {
    if ((y as string).length === 0) return false;
    const c = pattern(y as string);
    return c instanceof RegexSyntaxError ? false : c.re.test(x as string);
  });
});

/** REGEXP_EXTRACT(s, pattern [, group]): the group (default 0, the whole match) of the first match. */
def(['regexp_extract'], ([s, p, g], exprs) => {
  const pattern = patternCompiler(exprs[1]);
  const extract = (x: string, y: string, group: number) => {
    const c = pattern(y);
    if (c instanceof RegexSyntaxError) return null;
    if (!Number.isInteger(group) || group < 0 || group > c.groups) return null;
    const m = c.re.matcher(x);
    return m.find() ? m.group(group) : null;
  };
  if (!g) return strictN([s!, p!], ([x, y]) => extract(x as string, y as string, 0));
  return strictN([s!, p!, g], ([x, y, z]) => extract(x as string, y as string, Number(z)));
});

/** REGEXP_REPLACE(s, pattern, replacement): every match replaced by the literal replacement. */
def(['regexp_replace'], ([s, p, r], exprs) => {
  const pattern = patternCompiler(exprs[1]);
  return strictN([s!, p!, r!], ([x, y, z]) => {
    const c = pattern(y as string);
    if (c instanceof RegexSyntaxError) return null;
    return c.re.matcher(x as string).replaceAll(RE2JS.quoteReplacement(z as string, true), true);
  });
});

/** `s SIMILAR TO pattern [ESCAPE c]`: the whole of `s` matches Calcite's SQL regular expression. */
def(['similar'], (args, exprs) => {
  const [s, p] = args;
  const esc = args.length > 2 ? args[2] : undefined;
  const escapeOf = (e: string | null) => {
    if (e !== null && e.length !== 1) throw new ExprError(`the ESCAPE of SIMILAR TO must be a single character, got '${e}'`);
    return e;
  };
  const constEscape = esc ? constString(exprs[2]) : null;
  const escapeChar = typeof constEscape === 'string' ? escapeOf(constEscape) : null;
  const pattern = patternCompiler(exprs[1], (q) => `^(?:${similarToJavaRegex(q, escapeChar)})$`);
  const run = (x: string, y: string): boolean => {
    const c = pattern(y);
    if (c instanceof RegexSyntaxError) throw new ExprError(`SIMILAR TO pattern '${y}': ${c.message}`);
    return c.re.test(x);
  };
  if (!esc) return strictN([s!, p!], ([x, y]) => run(x as string, y as string));
  if (constEscape === undefined) throw new ExprError('the ESCAPE of SIMILAR TO must be a constant');
  return strictN([s!, p!, esc], ([x, y]) => run(x as string, y as string));
});

/** Checks a constant pattern at compile time (the binder locates the error in the literal). */
export function checkConstantPattern(fn: string, pattern: string, escape: string | null): RegexSyntaxError | null {
  try {
    compileJavaRegex(fn === 'similar' ? `^(?:${similarToJavaRegex(pattern, escape)})$` : pattern);
    return null;
  } catch (e) {
    if (e instanceof RegexSyntaxError) return e;
    throw e;
  }
}
