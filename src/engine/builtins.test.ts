// Built-in functions of issue 11 through the whole engine (parse, bind, plan, run): regular
// expressions, SIMILAR TO, RAND, CONVERT_TZ and the SQL/JSON functions, with Flink's results.
import { describe, expect, it } from 'vitest';
import { compile, createSimulation } from './index';

/** Runs `SELECT <select> FROM (VALUES ...)` into a jdbc table of `columns`; its rows. */
function rowsOf(select: string, columns: string, values = '(1)', alias = 't(x)', seed = 1): unknown[][] {
  const script = `CREATE TABLE out_t (${columns}) WITH ('connector' = 'jdbc');\nINSERT INTO out_t SELECT ${select} FROM (VALUES ${values}) AS ${alias};\n`;
  const compiled = compile(script);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  const sim = createSimulation(script, { seed });
  expect(sim.runToEnd(60_000).error).toBeNull();
  return sim.readTable('out_t').rows;
}
/** A grouped query over (x, g) rows into a jdbc table keyed by g; its rows. */
function groupedRows(select: string, columns: string, values: string): unknown[][] {
  const script = `CREATE TABLE out_t (g STRING PRIMARY KEY NOT ENFORCED, ${columns}) WITH ('connector' = 'jdbc');\nINSERT INTO out_t SELECT g, ${select} FROM (VALUES ${values}) AS t(x, g) GROUP BY g;\n`;
  const compiled = compile(script);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  const sim = createSimulation(script, { seed: 1 });
  expect(sim.runToEnd(60_000).error).toBeNull();
  return sim.readTable('out_t').rows;
}
const one = (expr: string, type = 'STRING') => rowsOf(expr, `v ${type}`)[0]![0];
/** The compile errors of a SELECT list over one row, as `line:col message`. */
function errorsOf(select: string): string[] {
  const script = `CREATE TABLE out_t (v STRING) WITH ('connector' = 'jdbc');\nINSERT INTO out_t SELECT ${select} FROM (VALUES (1)) AS t(x);\n`;
  return compile(script)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.span.start.line}:${d.span.start.column} ${d.message}`);
}

describe('REGEXP, REGEXP_EXTRACT, REGEXP_REPLACE (Java patterns, Flink results)', () => {
  it('extracts a group (0 = the whole match), NULL without a match or for a group beyond the pattern', () => {
    expect(one(`REGEXP_EXTRACT('foothebar', 'foo(.*?)(bar)', 2)`)).toBe('bar');
    expect(one(`REGEXP_EXTRACT('foothebar', 'foo(.*?)(bar)')`)).toBe('foothebar');
    expect(one(`REGEXP_EXTRACT('foothebar', 'x(y)', 1)`)).toBeNull();
    expect(one(`REGEXP_EXTRACT('foothebar', 'foo(.*?)(bar)', 3)`)).toBeNull();
    expect(one(`REGEXP_EXTRACT(CAST(NULL AS STRING), 'a')`)).toBeNull();
  });

  it('replaces every match with the literal replacement ($1 is text, as Flink quotes it)', () => {
    expect(one(`REGEXP_REPLACE('foobar', 'oo|ar', '')`)).toBe('fb');
    expect(one(`REGEXP_REPLACE('2024-01-31', '(\\d+)-(\\d+)', '$2/$1')`)).toBe('$2/$1-31');
    expect(one(`REGEXP_REPLACE('abc', 'x*', '-')`)).toBe('-a-b-c-');
  });

  it('REGEXP finds a match anywhere; an empty pattern is FALSE', () => {
    expect(rowsOf(`REGEXP('abc123', '\\d+'), REGEXP('abc', '^b'), REGEXP('abc', '')`, 'a BOOLEAN, b BOOLEAN, c BOOLEAN')).toEqual([[true, false, false]]);
  });

  it('patterns from data rows: compiled per distinct pattern; an invalid Java pattern gives NULL as in Flink', () => {
    const rows = rowsOf(`x, REGEXP_EXTRACT('a1b22', p)`, 'x INT, v STRING', `(1, '\\d+'), (2, 'b(\\d+)'), (3, 'a(')`, 't(x, p)');
    expect(rows.sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([[1, '1'], [2, 'b22'], [3, null]]);
  });

  it('a pattern Freshet cannot run, read from a row, fails the job at the call', () => {
    const script = `CREATE TABLE out_t (v STRING) WITH ('connector' = 'jdbc');\nINSERT INTO out_t SELECT REGEXP_EXTRACT('aa', p) FROM (VALUES ('(a)\\1')) AS t(p);\n`;
    const sim = createSimulation(script, { seed: 1 });
    const end = sim.runToEnd(60_000);
    expect(end.error).toBe("job-1 (INSERT INTO out_t) failed: regular expression '(a)\\1': backreferences (\\1) are not supported (Freshet matches Java regular expressions in linear time, without backtracking)");
    expect(end.errorSpan).toMatchObject({ start: { line: 2, column: 26 } });
  });

  it('a constant pattern is checked when the script compiles, the error at its place in the literal', () => {
    expect(errorsOf(`REGEXP_EXTRACT('a', 'ab++c')`)).toEqual([
      "2:49 regular expression 'ab++c': the possessive quantifier '++' is not supported (Freshet matches Java regular expressions in linear time, without backtracking)",
    ]);
    expect(errorsOf(`REGEXP_REPLACE('a', 'x(?=y)', '')`)[0]).toMatch(/^2:48 .*lookahead/);
    expect(errorsOf(`REGEXP('a', 'ab(c')`)[0]).toMatch(/^2:43 .*invalid Java regular expression: unclosed group/);
  });

  it('a catastrophic pattern does not hang the simulation', () => {
    const evil = 'a'.repeat(3000);
    expect(one(`REGEXP_EXTRACT('${evil}!', '(a+)+$')`)).toBeNull();
  });
});

describe('SIMILAR TO (Calcite SQL regular expressions, whole-string match)', () => {
  it('matches %, _, alternation, classes and ESCAPE', () => {
    const got = rowsOf(
      `'abc' SIMILAR TO 'a%', 'abc' SIMILAR TO '_b_', 'abc' SIMILAR TO '(x|ab)c', 'abc' SIMILAR TO 'b', 'a%' SIMILAR TO 'a!%' ESCAPE '!', 'abc' NOT SIMILAR TO '[a-c]+'`,
      'a BOOLEAN, b BOOLEAN, c BOOLEAN, d BOOLEAN, e BOOLEAN, f BOOLEAN',
    );
    expect(got).toEqual([[true, true, true, false, true, false]]);
  });
});

describe('RAND and RAND_INTEGER', () => {
  it('with a seed: java.util.Random with that seed (RAND(42) is 0.7275636800328681, as in Java)', () => {
    const rows = rowsOf(`x, RAND(42), RAND_INTEGER(42, 10)`, 'x INT, r DOUBLE, i INT', '(1)');
    expect(rows[0]![1]).toBe(0.7275636800328681);
    expect(rows[0]![2]).toBe(0);
  });

  it('without a seed: from the simulation seed, so a seed reproduces the run and another seed changes it', () => {
    const run = (seed: number) => rowsOf(`x, RAND(), RAND_INTEGER(1000)`, 'x INT, r DOUBLE, i INT', '(1), (2), (3)', 't(x)', seed);
    const a = run(1);
    expect(run(1)).toEqual(a);
    expect(run(2)).not.toEqual(a);
    for (const [, r, i] of a) {
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThan(1);
      expect(Number.isInteger(i) && (i as number) >= 0 && (i as number) < 1000).toBe(true);
    }
  });
});

describe('CONVERT_TZ', () => {
  it('converts wall time between zones (Flink docs example, DST, custom and three-letter ids)', () => {
    expect(one(`CONVERT_TZ('1970-01-01 00:00:00', 'UTC', 'America/Los_Angeles')`)).toBe('1969-12-31 16:00:00');
    expect(one(`CONVERT_TZ('2024-07-01 12:00:00', 'Europe/Berlin', 'UTC')`)).toBe('2024-07-01 10:00:00');
    expect(one(`CONVERT_TZ('2024-01-01 12:00:00', 'Europe/Berlin', 'UTC')`)).toBe('2024-01-01 11:00:00');
    expect(one(`CONVERT_TZ('2024-01-01 12:00:00', 'GMT+08:00', 'PST')`)).toBe('2023-12-31 20:00:00');
    expect(one(`CONVERT_TZ('2024-01-01 12:00:00', 'No/Such_Zone', 'UTC')`)).toBe('2024-01-01 12:00:00');
    expect(one(`CONVERT_TZ('not a time', 'UTC', 'UTC')`)).toBeNull();
  });
});

describe('JSON_VALUE, JSON_QUERY, JSON_EXISTS (SqlJsonUtils semantics)', () => {
  const doc = `'{"a": {"b": [10, 2.50, "x"], "c": null}, "n": 1e3, "t": true, "s": "hi"}'`;
  it('JSON_VALUE: scalars as Flink casts them to STRING, lax empty is NULL, strict errors are NULL by default', () => {
    const got = rowsOf(
      [`'lax $.a.b[0]'`, `'$.a.b[1]'`, `'$.n'`, `'$.t'`, `'lax $.missing'`, `'strict $.missing'`, `'lax $.a'`, `'$.a.b[-1]'`].map((p) => `JSON_VALUE(${doc}, ${p})`).join(', '),
      'a STRING, b STRING, c STRING, d STRING, e STRING, f STRING, g STRING, h STRING',
    );
    expect(got).toEqual([['10', '2.50', '1E+3', 'true', null, null, null, 'x']]);
  });

  it('JSON_VALUE RETURNING and DEFAULT ... ON EMPTY / ON ERROR', () => {
    const got = rowsOf(
      `JSON_VALUE(${doc}, '$.a.b[1]' RETURNING INT), JSON_VALUE(${doc}, 'lax $.z' RETURNING INT DEFAULT 7 ON EMPTY), JSON_VALUE(${doc}, 'strict $.z' RETURNING INT DEFAULT -1 ON ERROR), JSON_VALUE(${doc}, '$.s' RETURNING INT DEFAULT 0 ON ERROR), JSON_VALUE('{"a": "1"}', '$.a' RETURNING BOOLEAN)`,
      'a INT, b INT, c INT, d INT, e BOOLEAN',
    );
    expect(got).toEqual([[2, 7, -1, 0, true]]);
  });

  it('JSON_QUERY: objects and arrays as JSON text (keys sorted, numbers as written), wrappers, scalars are empty', () => {
    const got = rowsOf(
      `JSON_QUERY('{"z": 1, "a": [1.0, {"y": 2, "b": null}]}', '$'), JSON_QUERY(${doc}, '$.a.b'), JSON_QUERY(${doc}, 'lax $.s'), JSON_QUERY(${doc}, 'lax $.s' WITH WRAPPER), JSON_QUERY(${doc}, 'lax $.a.b' WITH CONDITIONAL ARRAY WRAPPER), JSON_QUERY(${doc}, 'lax $.q' EMPTY ARRAY ON EMPTY), JSON_QUERY(${doc}, '$.a.b[*]')`,
      'a STRING, b STRING, c STRING, d STRING, e STRING, f STRING, g STRING',
    );
    expect(got).toEqual([['{"a":[1.0,{"b":null,"y":2}],"z":1}', '[10,2.50,"x"]', null, '["hi"]', '[10,2.50,"x"]', '[]', '[10,2.50,"x"]']]);
  });

  it('JSON_EXISTS: a path to a value; a JSON null or a malformed document is FALSE unless ON ERROR says otherwise', () => {
    const got = rowsOf(
      `JSON_EXISTS(${doc}, '$.a.b'), JSON_EXISTS(${doc}, 'lax $.zz'), JSON_EXISTS(${doc}, 'lax $.a.c'), JSON_EXISTS('{oops', 'strict $.a'), JSON_EXISTS('{oops', 'strict $.a' TRUE ON ERROR), JSON_EXISTS('{oops', 'strict $.a' UNKNOWN ON ERROR)`,
      'a BOOLEAN, b BOOLEAN, c BOOLEAN, d BOOLEAN, e BOOLEAN, f BOOLEAN',
    );
    expect(got).toEqual([[true, false, false, false, true, null]]);
  });

  it('JSON_VALUE ... ERROR ON ERROR fails the job at the call; an unsupported path is a compile error', () => {
    const script = `CREATE TABLE out_t (v STRING) WITH ('connector' = 'jdbc');\nINSERT INTO out_t SELECT JSON_VALUE('{}', 'strict $.a' ERROR ON ERROR) FROM (VALUES (1)) AS t(x);\n`;
    expect(createSimulation(script, { seed: 1 }).runToEnd(60_000).error).toMatch(/JSON_VALUE: No results for path/);
    expect(errorsOf(`JSON_VALUE('{}', '$..a')`)[0]).toMatch(/not supported yet: the JSON path/);
  });
});

describe('STDDEV_* and VAR_* (reduced to SUM and COUNT as Flink plans them)', () => {
  it('keep the argument type: over INT they compute in INT arithmetic and truncate, as Flink does', () => {
    const rows = groupedRows(`STDDEV_POP(x), VAR_POP(x), VAR_SAMP(x), STDDEV_SAMP(CAST(x AS DOUBLE))`, 'a INT, b INT, c INT, d DOUBLE', `(1, 'k'), (2, 'k'), (3, 'k'), (4, 'k')`);
    // (30 - 10 * 10 / 4) / 4 = 1 in INT arithmetic; VAR_SAMP (30 - 25) / 3 = 1.
    expect(rows).toEqual([['k', 1, 1, 1, Math.sqrt(5 / 3)]]);
  });
  it('VAR_SAMP and STDDEV_SAMP of one value are NULL; DISTINCT is reported as not supported yet', () => {
    const rows = groupedRows(`VAR_SAMP(CAST(x AS DOUBLE)), STDDEV(CAST(x AS DOUBLE)), VAR_POP(CAST(x AS DOUBLE))`, 'a DOUBLE, b DOUBLE, c DOUBLE', `(7, 'k')`);
    expect(rows).toEqual([['k', null, null, 0]]);
    expect(errorsOf(`CAST(STDDEV_POP(DISTINCT x) AS STRING)`)[0]).toMatch(/not supported yet: STDDEV_POP\(DISTINCT/);
  });
});

describe("Flink's built-in function names", () => {
  it('every one either runs or is "not supported yet", never "unknown function"', async () => {
    const { FLINK_FUNCTIONS } = await import('./plan/flink-functions');
    const unknown: string[] = [];
    for (const name of FLINK_FUNCTIONS) {
      if (['TUMBLE', 'HOP', 'CUMULATE', 'SESSION'].includes(name)) continue; // windows have their own message
      if (errorsOf(`CAST(${name}(x) AS STRING)`).some((m) => m.includes('unknown function'))) unknown.push(name);
    }
    expect(unknown).toEqual([]);
    expect(errorsOf(`SHA256('a')`)).toEqual([
      "2:26 not supported yet: Flink's built-in hash function SHA256; see docs/dialect.md for the functions Freshet runs",
    ]);
    expect(errorsOf(`UPPR('a')`)[0]).toMatch(/unknown function UPPR; did you mean UPPER\?/);
  });
});

describe('FIRST_VALUE, LAST_VALUE, LISTAGG (over insert-only inputs)', () => {
  it('first and last non-NULL value and the values joined in arrival order', () => {
    const rows = groupedRows(
      `FIRST_VALUE(x), LAST_VALUE(x), LISTAGG(CAST(x AS STRING)), LISTAGG(CAST(x AS STRING), ' | ')`,
      'f INT, l INT, a STRING, b STRING',
      `(CAST(NULL AS INT), 'k'), (3, 'k'), (1, 'k'), (CAST(NULL AS INT), 'k'), (2, 'k'), (9, 'm')`,
    );
    expect(rows.sort()).toEqual([
      ['k', 3, 2, '3,1,2', '3 | 1 | 2'],
      ['m', 9, 9, '9', '9'],
    ]);
  });
  it('over an updating input they are "not supported yet", at the call', () => {
    expect(errorsOf(`CAST(FIRST_VALUE(n) AS STRING) FROM (SELECT x, COUNT(*) AS n FROM (VALUES (1)) AS u(x) GROUP BY x) AS q GROUP BY x --`)[0]).toMatch(
      /not supported yet: FIRST_VALUE over an updating input/,
    );
  });
});
