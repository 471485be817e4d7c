import { describe, expect, it } from 'vitest';
import { parseExpression } from './parser';
import { expr, one, select, slice, sx } from './test-helpers';

const p = (text: string) => sx(expr(text));

describe('operator precedence', () => {
  it.each([
    ['a OR b AND c', '(OR a (AND b c))'],
    ['a AND b OR c', '(OR (AND a b) c)'],
    ['NOT a AND b', '(AND (NOT a) b)'],
    ['NOT a = b', '(NOT (= a b))'],
    ['NOT NOT a', '(NOT (NOT a))'],
    ['a = b AND c <> d', '(AND (= a b) (<> c d))'],
    ["a || b = 'x'", "(= (|| a b) 'x')"],
    ['a + b || c', '(|| (+ a b) c)'],
    ['a + b * c', '(+ a (* b c))'],
    ['a * b + c', '(+ (* a b) c)'],
    ['a - b - c', '(- (- a b) c)'],
    ['a / b % c', '(% (/ a b) c)'],
    ['-a * b', '(* (- a) b)'],
    ['- - a', '(- (- a))'],
    ['(a + b) * c', '(* (+ a b) c)'],
    ['a + 1 > b * 2', '(> (+ a 1) (* b 2))'],
    ['a <= b', '(<= a b)'],
    ['a >= b', '(>= a b)'],
    ['a != b', '(!= a b)'],
    ['a IS NULL AND b IS NOT NULL', '(AND (is-null a) (is-not-null b))'],
    ['a + 1 IS NULL', '(is-null (+ a 1))'],
    ['a IS NOT TRUE OR b IS FALSE', '(OR (is-not-true a) (is-false b))'],
    ['a IS UNKNOWN', '(is-unknown a)'],
    ['a IS DISTINCT FROM b', '(is-distinct a b)'],
    ['a IS NOT DISTINCT FROM b + 1', '(is-not-distinct a (+ b 1))'],
    ['a BETWEEN 1 AND 2 AND b', '(AND (between a 1 2) b)'],
    ['a NOT BETWEEN b + 1 AND c * 2', '(not-between a (+ b 1) (* c 2))'],
    ['a IN (1, 2) OR b NOT IN (3)', '(OR (in a [1 2]) (not-in b [3]))'],
    ["a LIKE 'x%' AND b NOT LIKE 'y'", "(AND (like a 'x%') (not-like b 'y'))"],
    ["a LIKE 'x!%' ESCAPE '!'", "(like a 'x!%' '!')"],
    ["a || 'x' LIKE 'b%'", "(like (|| a 'x') 'b%')"],
    ['NOT a IN (1)', '(NOT (in a [1]))'],
  ])('%s', (text, want) => {
    expect(p(text)).toBe(want);
  });
});

describe('literals', () => {
  it('reads numbers with their kind', () => {
    expect(expr('42')).toMatchObject({ type: 'number', value: 42, numberKind: 'integer', raw: '42' });
    expect(expr('3.25')).toMatchObject({ type: 'number', value: 3.25, numberKind: 'decimal' });
    expect(expr('1e3')).toMatchObject({ type: 'number', value: 1000, numberKind: 'approx' });
  });

  it("unescapes '' in strings and keeps raw", () => {
    expect(expr("'it''s'")).toMatchObject({ type: 'string', value: "it's", raw: "'it''s'" });
    expect(expr("''")).toMatchObject({ type: 'string', value: '' });
  });

  it('reads booleans and NULL', () => {
    expect(expr('TRUE')).toMatchObject({ type: 'boolean', value: true });
    expect(expr('false')).toMatchObject({ type: 'boolean', value: false });
    expect(expr('NULL')).toMatchObject({ type: 'null', value: null });
  });

  it('reads INTERVAL, DATE and TIMESTAMP literals', () => {
    expect(expr("INTERVAL '5' SECOND")).toMatchObject({ type: 'interval', value: '5', unit: 'SECOND', raw: "INTERVAL '5' SECOND" });
    expect(expr("INTERVAL '10' MINUTES")).toMatchObject({ type: 'interval', value: '10', unit: 'MINUTE' });
    expect(expr("INTERVAL '1' DAY")).toMatchObject({ unit: 'DAY' });
    expect(expr("INTERVAL '1 12:00' DAY TO MINUTE")).toMatchObject({ unit: 'DAY', toUnit: 'MINUTE' });
    expect(expr("INTERVAL -'2' HOUR")).toMatchObject({ value: '-2', unit: 'HOUR' });
    expect(expr("DATE '2024-01-01'")).toMatchObject({ type: 'date', value: '2024-01-01', raw: "DATE '2024-01-01'" });
    expect(expr("TIMESTAMP '2024-01-01 00:00:00'")).toMatchObject({ type: 'timestamp', value: '2024-01-01 00:00:00' });
  });
});

describe('special forms', () => {
  it('parses CASE with and without an operand', () => {
    expect(p("CASE WHEN a > 1 THEN 'big' WHEN a > 0 THEN 'small' ELSE 'none' END")).toBe(
      "(case [(> a 1) 'big'] [(> a 0) 'small'] else 'none')",
    );
    expect(p("CASE status WHEN 1 THEN 'a' END")).toBe("(case status [1 'a'])");
  });

  it('parses CAST and TRY_CAST with types', () => {
    expect(expr('CAST(a AS DECIMAL(10, 2))')).toMatchObject({ kind: 'Cast', safe: false, type: { name: 'DECIMAL', precision: 10, scale: 2 } });
    expect(expr('TRY_CAST(a AS INT)')).toMatchObject({ kind: 'Cast', safe: true, type: { name: 'INT' } });
    expect(expr('CAST(ts AS TIMESTAMP(3) WITH LOCAL TIME ZONE)')).toMatchObject({ type: { name: 'TIMESTAMP_LTZ', precision: 3 } });
    const text = 'CAST(x AS VARCHAR(20))';
    const c = expr(text);
    if (c.kind !== 'Cast') throw new Error();
    expect(slice(text, c.typeSpan)).toBe('VARCHAR(20)');
  });

  it('parses function calls: COUNT(*), DISTINCT, FILTER, niladic, nested, names upper-cased', () => {
    expect(p('COUNT(*)')).toBe('COUNT(*)');
    expect(p('count(DISTINCT user_id)')).toBe('COUNT(distinct user_id)');
    expect(p("SUM(amount) FILTER (WHERE status = 'PAID')")).toBe("SUM(amount) filter (= status 'PAID')");
    expect(p("date_format(ts, 'yyyy-MM-dd')")).toBe("DATE_FORMAT(ts 'yyyy-MM-dd')");
    expect(p('COALESCE(a, IF(b > 0, b, 0))')).toBe('COALESCE(a IF((> b 0) b 0))');
    expect(p('CURRENT_TIMESTAMP')).toBe('CURRENT_TIMESTAMP()');
    expect(p('PROCTIME()')).toBe('PROCTIME()');
    expect(p('LEFT(s, 2) || RIGHT(s, 1)')).toBe('(|| LEFT(s 2) RIGHT(s 1))');
    expect(p('POSITION(\'a\' IN s)')).toBe("POSITION('a' s)");
  });

  it('parses EXTRACT, FLOOR/CEIL TO, TIMESTAMPDIFF/ADD', () => {
    expect(p('EXTRACT(HOUR FROM ts)')).toBe('(extract HOUR ts)');
    expect(p('FLOOR(ts TO HOUR)')).toBe('(floor ts HOUR)');
    expect(p('CEIL(ts TO DAY)')).toBe('(ceil ts DAY)');
    expect(p('FLOOR(x)')).toBe('FLOOR(x)');
    expect(p('CEILING(x / 2)')).toBe('CEIL((/ x 2))');
    expect(p('TIMESTAMPDIFF(SECOND, a, b)')).toBe('(TimestampDiff SECOND a b)');
    expect(p('TIMESTAMPADD(DAY, 1, ts)')).toBe('(TimestampAdd DAY 1 ts)');
  });

  it('parses the EXTRACT fields beyond time units (DOW, DOY, EPOCH, ...)', () => {
    for (const f of ['DOW', 'ISODOW', 'DOY', 'ISOYEAR', 'EPOCH', 'DECADE', 'CENTURY', 'MILLENNIUM', 'WEEK', 'QUARTER', 'MILLISECOND'])
      expect(p(`EXTRACT(${f} FROM ts)`)).toBe(`(extract ${f} ts)`);
    expect(p('extract(dow from ts) + 1')).toBe('(+ (extract DOW ts) 1)');
    expect(parseExpression('EXTRACT(FORTNIGHT FROM ts)').diagnostics[0]!.message).toMatch(/expected a time unit .* in EXTRACT, found 'FORTNIGHT'/);
  });

  it('parses SUBSTRING(s FROM a [FOR b]) as SUBSTRING(s, a [, b])', () => {
    const noSpans = (text: string) => JSON.stringify(expr(text), (k, v: unknown) => (k === 'span' || k === 'nameSpan' ? undefined : v));
    expect(noSpans('SUBSTRING(s FROM 2 FOR 3)')).toBe(noSpans('SUBSTRING(s, 2, 3)'));
    expect(p('SUBSTRING(a || b FROM n + 1)')).toBe('SUBSTRING((|| a b) (+ n 1))');
    expect(p('substring(s from 2 for 3)')).toBe('SUBSTRING(s 2 3)');
    expect(parseExpression('SUBSTRING(s FROM 2, 3)').diagnostics[0]!.message).toMatch(/expected '\)' to close the argument list of SUBSTRING/);
  });

  it('parses TRIM([BOTH | LEADING | TRAILING] [chars] FROM s) as TRIM / LTRIM / RTRIM(s [, chars])', () => {
    expect(p("TRIM(BOTH 'a' FROM s)")).toBe("TRIM(s 'a')");
    expect(p("TRIM(LEADING 'xy' FROM s)")).toBe("LTRIM(s 'xy')");
    expect(p('TRIM(TRAILING c FROM UPPER(s))')).toBe('RTRIM(UPPER(s) c)');
    expect(p('TRIM(LEADING FROM s)')).toBe('LTRIM(s)');
    expect(p('TRIM(FROM s)')).toBe('TRIM(s)');
    expect(p("TRIM('-' FROM s)")).toBe("TRIM(s '-')");
    expect(p('TRIM(s)')).toBe('TRIM(s)');
    expect(p("TRIM(s, 'x')")).toBe("TRIM(s 'x')");
    // Mode words alone are column names.
    expect(p('TRIM(both)')).toBe('TRIM(both)');
    expect(parseExpression("TRIM(BOTH 'a' s)").diagnostics[0]!.message).toMatch(/expected FROM in TRIM\(BOTH ... FROM string\)/);
  });

  it('parses subqueries and EXISTS so the binder can reject them', () => {
    expect(p('a IN (SELECT id FROM t)')).toBe('(in a <query>)');
    expect(p('NOT EXISTS (SELECT 1)')).toBe('(NOT (exists <query>))');
    expect(p('(SELECT MAX(x) FROM t) + 1')).toBe('(+ <subquery> 1)');
  });
});

describe('names', () => {
  it('normalizes unquoted names to lower case and keeps quoted ones', () => {
    expect(expr('OrderId')).toMatchObject({ kind: 'ColumnRef', name: { name: 'orderid', raw: 'OrderId', quoted: false } });
    expect(expr('`OrderId`')).toMatchObject({ name: { name: 'OrderId', raw: '`OrderId`', quoted: true } });
    expect(expr('O.`Amount`')).toMatchObject({ qualifier: { name: 'o' }, name: { name: 'Amount' } });
  });

  it('accepts keyword-like words as column names', () => {
    const s = select(
      one(
        'SELECT status, value, key, year, `timestamp`, date, timestamp, t.from, interval, comment, hour FROM t WHERE status = 1 AND year > 2000',
        'Query',
      ).query,
    );
    expect(s.items.map((i) => (i.kind === 'SelectExpr' ? sx(i.expr) : '*'))).toEqual([
      'status', 'value', 'key', 'year', 'timestamp', 'date', 'timestamp', 't.from', 'interval', 'comment', 'hour',
    ]);
  });

  it('takes aliases with and without AS, keyword-like ones included', () => {
    const s = select(one('SELECT a AS value, b status, c AS `Select`, d year FROM t AS x', 'Query').query);
    expect(s.items.map((i) => (i.kind === 'SelectExpr' ? i.alias?.name : '*'))).toEqual(['value', 'status', 'Select', 'year']);
  });

  it('has exact spans for every expression node', () => {
    const text = "a.b + CAST(c AS INT) * -2 >= f(x, 'y') AND z IS NOT NULL";
    const e = expr(text);
    if (e.kind !== 'Binary') throw new Error();
    expect(slice(text, e.span)).toBe(text);
    const cmp = e.left;
    if (cmp.kind !== 'Binary' || cmp.left.kind !== 'Binary') throw new Error();
    expect(slice(text, cmp.left.span)).toBe('a.b + CAST(c AS INT) * -2');
    expect(slice(text, cmp.left.left.span)).toBe('a.b');
    expect(slice(text, cmp.left.right.span)).toBe('CAST(c AS INT) * -2');
    expect(slice(text, cmp.right.span)).toBe("f(x, 'y')");
    expect(slice(text, e.right.span)).toBe('z IS NOT NULL');
    if (cmp.right.kind !== 'FunctionCall') throw new Error();
    expect(slice(text, cmp.right.nameSpan)).toBe('f');
    const paren = expr('(a + b)');
    expect(slice('(a + b)', paren.span)).toBe('(a + b)');
  });

  it('reports trailing tokens in a standalone expression', () => {
    expect(parseExpression('a b c').diagnostics[0]!.message).toBe("unexpected 'b' after the expression");
  });
});
