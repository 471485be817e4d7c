import { describe, expect, it } from 'vitest';
import { formatDiagnostic, formatDiagnostics } from './diagnostics';
import { parseScript } from './parser';
import { slice } from './test-helpers';

function errors(text: string): string[] {
  return parseScript(text).diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.code} ${d.message}`);
}

describe('lexical errors', () => {
  it('unterminated string: one error, no cascade', () => {
    expect(errors("SELECT 'abc FROM t;\n")).toEqual(['1:8 lex unterminated string literal: add the closing quote']);
  });

  it('unterminated comment: one error, earlier statements kept', () => {
    const r = parseScript("SET 'a' = 'b';\n/* oops\nSELECT 1;");
    expect(r.diagnostics.map((d) => d.message)).toEqual(['unterminated comment: a /* comment needs a closing */']);
    expect(r.statements.map((s) => s.kind)).toEqual(['Set']);
  });

  it('unexpected character', () => {
    // the character is skipped: `a b` then reads as a column with an alias
    expect(errors('SELECT a # b FROM t;')).toEqual(["1:10 lex unexpected character '#'"]);
    expect(errors('SELECT a, @b FROM t;')).toEqual(["1:11 lex unexpected character '@'"]);
  });
});

describe('parse errors', () => {
  it('unknown type with a suggestion', () => {
    const text = "CREATE TABLE t (\n  name STRNG\n) WITH ('connector' = 'print');";
    const [d] = parseScript(text).diagnostics;
    expect(d!.message).toBe("unknown type 'STRNG'; did you mean STRING?");
    expect(d!.code).toBe('parse');
    expect(slice(text, d!.span)).toBe('STRNG');
    expect(errors('CREATE TABLE t (a FOOBAR);')).toEqual(["1:19 parse unknown type 'FOOBAR'"]);
    expect(errors('CREATE TABLE t (a TIMESTMP(3));')).toEqual(["1:19 parse unknown type 'TIMESTMP'; did you mean TIMESTAMP?"]);
    expect(errors('CREATE TABLE t (a ARRAY<INT>);')).toEqual(['1:19 parse type ARRAY is not supported by Freshet yet']);
  });

  it('missing closing parenthesis names where it was opened', () => {
    expect(errors("CREATE TABLE t (a INT, b STRING;\nSET 'x' = 'y';")).toEqual([
      "1:32 parse expected ')' to close the column list opened at 1:16, found ';'",
    ]);
    expect(errors('SELECT f(a, b FROM t;')).toEqual([
      "1:15 parse expected ')' to close the argument list of F opened at 1:9, found 'FROM'",
    ]);
    expect(errors("CREATE TABLE t (a INT) WITH ('k' = 'v';")).toEqual([
      "1:39 parse expected ')' to close the WITH options opened at 1:29, found ';'",
    ]);
  });

  it('unexpected tokens', () => {
    expect(errors('SELECT a FROM WHERE x;')).toEqual([
      '1:15 parse expected a table name, found the keyword WHERE (write `WHERE` to use it as a name)',
    ]);
    expect(errors('INSERT INTO t FROM s;')).toEqual(["1:15 parse expected SELECT or VALUES after INSERT INTO t, found 'FROM'"]);
    expect(errors('INSRT INTO t SELECT 1;')).toEqual(["1:1 parse unknown statement 'INSRT'; did you mean INSERT?"]);
    expect(errors('42;')).toEqual(['1:1 parse expected a statement such as CREATE TABLE, INSERT INTO or SET, found number 42']);
    expect(errors('SELECT CASE WHEN a THEN 1 FROM t;')).toEqual([
      "1:27 parse expected END to close the CASE opened at 1:8, found 'FROM'",
    ]);
    expect(errors('SELECT * FROM a JOIN b WHERE x;')).toEqual(["1:24 parse expected ON after INNER JOIN, found 'WHERE'"]);
    expect(errors("CREATE TABLE t (a INT) WITH (connector = 'kafka');")).toEqual([
      "1:30 parse option keys are quoted in Flink: write 'connector' = '...'",
    ]);
    expect(errors("CREATE TABLE t (a INT) WITH ('sink.parallelism' = 2);")).toEqual([
      "1:51 parse option values are quoted in Flink: write 'sink.parallelism' = '2'",
    ]);
    expect(errors('SELECT 1 +;')).toEqual(["1:11 parse expected an expression, found ';'"]);
    expect(errors('DELETE FROM t;')).toEqual([
      '1:1 parse DELETE statements are not supported by Freshet; use MERGE INTO to update or delete rows',
    ]);
  });

  it('missing NOT ENFORCED is reported but the table is kept', () => {
    const text = "CREATE TABLE t (id INT, PRIMARY KEY (id)) WITH ('connector' = 'print');\nCREATE TABLE u (id INT PRIMARY KEY) WITH ('connector' = 'print');";
    const r = parseScript(text);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'Flink requires NOT ENFORCED after PRIMARY KEY (it does not check keys): write PRIMARY KEY (...) NOT ENFORCED',
      'Flink requires NOT ENFORCED after PRIMARY KEY (it does not check keys): write PRIMARY KEY (...) NOT ENFORCED',
    ]);
    expect(slice(text, r.diagnostics[0]!.span)).toBe('PRIMARY KEY (id)');
    expect(slice(text, r.diagnostics[1]!.span)).toBe('PRIMARY KEY');
    expect(r.statements.map((s) => s.kind)).toEqual(['CreateTable', 'CreateTable']);
  });

  it("missing ';' between statements", () => {
    const text = "SET 'a' = 'b'\nCREATE TABLE t (a INT) WITH ('connector' = 'print')\nINSERT INTO t SELECT 1;";
    const r = parseScript(text);
    expect(r.diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.message}`)).toEqual([
      "1:14 missing ';' between statements: add ';' before 'CREATE' at 2:1",
      "2:52 missing ';' between statements: add ';' before 'INSERT' at 3:1",
    ]);
    expect(r.statements.map((s) => s.kind)).toEqual(['Set', 'CreateTable', 'Insert']);
  });

  it('MERGE actions in the wrong clause', () => {
    expect(errors('MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN INSERT * WHEN NOT MATCHED THEN DELETE;')).toEqual([
      '1:55 parse WHEN MATCHED can UPDATE or DELETE, not INSERT: the row already exists in the target',
      '1:86 parse WHEN NOT MATCHED can only INSERT: there is no target row to update or delete',
    ]);
  });

  it('a malformed hint is reported and the statement still parses', () => {
    const r = parseScript("SELECT /*+ STATE_TTL('o' = ) */ a FROM t;");
    expect(r.diagnostics.map((d) => d.message)).toEqual(["expected a hint option such as 'key'='value', found ')'"]);
    expect(r.statements).toHaveLength(1);
  });

  it('a hint in the wrong place', () => {
    expect(errors('SELECT a /*+ X */ FROM t;')[0]).toMatch(/hints go right after SELECT or after a table name/);
  });

  it('bad type parameters', () => {
    expect(errors('CREATE TABLE t (a DECIMAL(50, 2), b DECIMAL(5, 7), c TIMESTAMP(12));')).toEqual([
      '1:19 parse DECIMAL precision must be between 1 and 38, found 50',
      '1:37 parse DECIMAL scale 7 cannot exceed its precision 5',
      '1:54 parse TIMESTAMP precision must be between 0 and 9, found 12',
    ]);
  });
});

describe('recovery', () => {
  it('reports several errors in one pass and keeps the statements that parsed', () => {
    const text = `SET 'parallelism.default' = '2';
CREATE TABLE a (id INT, name STRNG) WITH ('connector' = 'datagen');
CREATE TABLE b (id INT, name STRING) WITH ('connector' = 'print');
INSERT INTO b SELECT id, FROM a;
INSERT INTO b SELECT id, name FROM a WHERE (id > 1;
INSERT INTO b SELECT id, name FROM a;
`;
    const r = parseScript(text);
    expect(r.diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.message}`)).toEqual([
      "2:30 unknown type 'STRNG'; did you mean STRING?",
      '4:26 expected an expression, found the keyword FROM',
      "5:51 expected ')' to close the parenthesis opened at 5:44, found ';'",
    ]);
    // A misspelt type with a close match is read as that match: table a is kept.
    expect(r.statements.map((s) => s.kind)).toEqual(['Set', 'CreateTable', 'CreateTable', 'Insert']);
    expect(r.statements[1]).toMatchObject({ name: { name: 'a' }, columns: [{}, { type: { name: 'STRING' } }] });
    expect(r.statements[2]).toMatchObject({ name: { name: 'b' } });
  });

  it('resynchronizes at a statement keyword starting a line when a ; is missing', () => {
    const text = "CREATE TABLE a (id INT name STRING)\nCREATE TABLE b (id INT) WITH ('connector' = 'print');";
    const r = parseScript(text);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.message).toBe("expected ')' to close the column list opened at 1:16, found 'name'");
    expect(r.statements.map((s) => s.kind)).toEqual(['CreateTable']);
  });

  it('recovers inside a statement set', () => {
    const text = `EXECUTE STATEMENT SET BEGIN
INSERT INTO a SELECT x FROM;
INSERT INTO b SELECT y FROM s;
END;
SET 'k' = 'v';`;
    const r = parseScript(text);
    expect(r.diagnostics.map((d) => d.message)).toEqual(["expected a table name, found ';'"]);
    expect(r.statements.map((s) => s.kind)).toEqual(['StatementSet', 'Set']);
    const set = r.statements[0]!;
    if (set.kind !== 'StatementSet') throw new Error();
    expect(set.inserts.map((i) => i.table.name)).toEqual(['b']);
  });

  it('reports a statement set without END', () => {
    expect(errors('BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\n')).toEqual([
      '3:1 parse expected END to close the statement set opened at 1:1, found end of script',
    ]);
  });

  it('never throws on garbage', () => {
    for (const text of ['(', ')', ';;;', 'SELECT', 'CREATE', 'MERGE INTO', '/*+', "'", '`', 'WITH a AS', 'SELECT (((((', 'END;']) {
      const r = parseScript(text);
      expect(Array.isArray(r.statements)).toBe(true);
      if (text !== ';;;') expect(r.diagnostics.length).toBeGreaterThan(0);
    }
  });
});

describe('formatDiagnostic', () => {
  it('prints file:line:col, the source line and carets under the span', () => {
    const text = "CREATE TABLE t (\n  name STRNG\n);";
    const [d] = parseScript(text).diagnostics;
    expect(formatDiagnostic(d!, text, 'pipeline.sql')).toBe(
      "pipeline.sql:2:8: error: unknown type 'STRNG'; did you mean STRING?\n  name STRNG\n       ^^^^^",
    );
  });

  it('prints at least one caret for an empty span and keeps tabs aligned', () => {
    const text = "SET 'a' = 'b'\n\tINSERT INTO t SELECT 1;";
    const r = parseScript("SELECT 1 +");
    expect(formatDiagnostics(r.diagnostics, 'SELECT 1 +', 'x.sql')).toBe(
      'x.sql:1:11: error: expected an expression, found end of script\nSELECT 1 +\n          ^',
    );
    const tab = parseScript("SELECT\t#");
    expect(formatDiagnostic(tab.diagnostics[0]!, "SELECT\t#", 'x.sql')).toBe(
      "x.sql:1:8: error: unexpected character '#'\nSELECT\t#\n      \t^",
    );
    expect(parseScript(text).diagnostics).toHaveLength(1);
  });

  it('joins several diagnostics', () => {
    const text = "CREATE TABLE t (a STRNG);\nCREATE TABLE u (b INTT);";
    const out = formatDiagnostics(parseScript(text).diagnostics, text, 'f.sql').split('\n');
    expect(out).toHaveLength(6);
    expect(out[0]).toBe("f.sql:1:19: error: unknown type 'STRNG'; did you mean STRING?");
    expect(out[3]).toBe("f.sql:2:19: error: unknown type 'INTT'; did you mean INT?");
  });
});

describe('limits', () => {
  it('reports absurdly deep nesting instead of overflowing the stack', () => {
    for (const text of [
      'SELECT ' + '('.repeat(5000) + '1' + ')'.repeat(5000) + ';',
      'SELECT ' + '- '.repeat(5000) + '1;',
      'SELECT ' + 'NOT '.repeat(5000) + 'TRUE;',
      'SELECT * FROM ' + '('.repeat(5000) + 't' + ')'.repeat(5000) + ';',
      '('.repeat(5000) + 'SELECT 1' + ')'.repeat(5000) + ';',
    ]) {
      const r = parseScript(text + "\nSET 'a' = 'b';");
      expect(r.diagnostics.map((d) => d.message)).toEqual([
        'this is nested too deeply (more than 200 levels of parentheses, subqueries or operators)',
      ]);
      expect(r.statements.map((s) => s.kind)).toEqual(['Set']);
    }
  });

  it('accepts reasonable nesting', () => {
    expect(parseScript('SELECT ' + '('.repeat(100) + '1' + ')'.repeat(100) + ';').diagnostics).toEqual([]);
  });
});

describe("Flink 2.3's ON CONFLICT", () => {
  it('is refused where it is written, naming the action; the next statement still parses', () => {
    const r = parseScript('INSERT INTO db SELECT id FROM src ON CONFLICT DO DEDUPLICATE;\nINSERT INTO db SELECT id FROM src;');
    expect(r.diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.message.slice(0, 60)}`)).toEqual([
      '1:35 ON CONFLICT DO DEDUPLICATE (Flink 2.3) is not supported by F',
    ]);
    expect(r.statements.map((s) => s.kind)).toEqual(['Insert']);
  });
});
