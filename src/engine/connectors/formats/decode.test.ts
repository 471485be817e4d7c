import { describe, expect, it } from 'vitest';
import { RowKind } from '../../types';
import { decodeCsv, decodeJsonLines, splitCsv } from './decode';
import { t } from '../testkit';

const cols = [
  { name: 'id', type: t('INT') },
  { name: 'name', type: t('STRING') },
  { name: 'amount', type: t('DECIMAL', 10, 2) },
  { name: 'ts', type: t('TIMESTAMP', 3) },
];
const csvOpts = { delimiter: ',', quote: '"', nullLiteral: null };

describe('CSV', () => {
  it('splits quoted fields, escaped quotes and multi-line fields, tracking lines', () => {
    const recs = splitCsv('a,b\n"x, y","say ""hi"""\n\n"multi\nline",2\n');
    expect(recs).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['x, y', 'say "hi"'], line: 2 },
      { fields: ['multi\nline', '2'], line: 4 },
    ]);
  });

  it('maps fields to columns by position and reads line 1 as data, as Flink (no header)', () => {
    const d = decodeCsv('1,Ann,12.345,2026-01-01 10:00:00\r\n2,Bo,1,2026-01-01 10:00:01\r\n', cols, csvOpts);
    expect(d.headerWarning).toBeNull();
    expect(d.lines).toEqual([
      { line: 1, changes: [{ kind: RowKind.INSERT, row: [1, 'Ann', 12.35, Date.UTC(2026, 0, 1, 10)] }] },
      { line: 2, changes: [{ kind: RowKind.INSERT, row: [2, 'Bo', 1, Date.UTC(2026, 0, 1, 10, 0, 1)] }] },
    ]);
  });

  it('skips a first line that equals the column names, with a warning', () => {
    const d = decodeCsv(' ID,name,Amount,ts\n1,a,1.0,2026-01-01 00:00:00\n', cols, csvOpts);
    expect(d.headerWarning).toEqual({ line: 1, message: expect.stringContaining("Flink's csv format has no header and reads it as a row") });
    expect(d.lines.map((x) => x.line)).toEqual([2]);
  });

  it('reads a header in another order, or on line 2, as data (parse errors, not a silent skip)', () => {
    const other = decodeCsv('ts,amount,name,id\n2026-01-01 00:00:00,1,a,1\n', cols, csvOpts);
    expect(other.headerWarning).toBeNull();
    expect(other.lines[0]).toEqual({ line: 1, error: "column 'id': cannot read 'ts' as INT" });
    expect(other.lines[1]).toMatchObject({ line: 2, error: expect.stringContaining("column 'id'") });
    const second = decodeCsv('1,a,1.0,2026-01-01 00:00:00\nid,name,amount,ts\n', cols, csvOpts);
    expect(second.headerWarning).toBeNull();
    expect(second.lines[1]).toEqual({ line: 2, error: "column 'id': cannot read 'id' as INT" });
  });

  it('an all-string table reads a header that is not its column names as a row', () => {
    const strings = [
      { name: 'a', type: t('STRING') },
      { name: 'b', type: t('STRING') },
    ];
    const d = decodeCsv('x,y\n1,2\n', strings, csvOpts);
    expect(d.lines.map((x) => ('changes' in x ? x.changes[0]!.row : x.error))).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
  });

  it('reports malformed rows with their line', () => {
    const d = decodeCsv('id,name,amount,ts\n1,a,1.0,2026-01-01 00:00:00\n2,b\nx,c,1,2026-01-01 00:00:00\n4,d,1,yesterday\n', cols, csvOpts);
    expect(d.lines.map((x) => ('error' in x ? `${x.line}: ${x.error}` : x.line))).toEqual([
      2,
      '3: expected 4 fields, found 2',
      "4: column 'id': cannot read 'x' as INT",
      "5: column 'ts': cannot read 'yesterday' as TIMESTAMP(3)",
    ]);
  });

  it('reads an empty non-string field as NULL and honours the delimiter', () => {
    const d = decodeCsv('1;;;\n', cols, { ...csvOpts, delimiter: ';' });
    expect(d.lines).toEqual([{ line: 1, changes: [{ kind: RowKind.INSERT, row: [1, '', null, null] }] }]);
  });

  it('a bad first line is one error, not the whole file', () => {
    const d = decodeCsv('id;nom\n1,a,1,2026-01-01 00:00:00\n2,b,2,2026-01-01 00:00:00\n', cols, csvOpts);
    expect(d.lines.map((x) => ('error' in x ? 'error' : x.line))).toEqual(['error', 2, 3]);
  });

  it('reads CR-only line endings as lines', () => {
    const d = decodeCsv('1,a,1,2026-01-01 00:00:00\r2,b,2,2026-01-01 00:00:00\r\r3,c,3,2026-01-01 00:00:00', cols, csvOpts);
    expect(d.lines.map((x) => ('changes' in x ? [x.line, x.changes[0]!.row[0]] : x.error))).toEqual([
      [1, 1],
      [2, 2],
      [4, 3],
    ]);
    expect(splitCsv('"a\rb",1\r2,3')).toEqual([
      { fields: ['a\rb', '1'], line: 1 },
      { fields: ['2', '3'], line: 3 },
    ]);
  });

  it('an unclosed quote costs its record, and reading resumes on the next line', () => {
    const d = decodeCsv('1,"a,1,2026-01-01 00:00:00\n2,b,2,2026-01-01 00:00:00\n', cols, csvOpts);
    expect(d.lines.map((x) => ('error' in x ? `${x.line}: ${x.error}` : x.line))).toEqual(['1: a quoted field is not closed', 2]);
  });

  it('csv.allow-comments skips lines starting with #', () => {
    const text = '# id,name,amount,ts\n1,a,1,2026-01-01 00:00:00\n#x\n';
    expect(decodeCsv(text, cols, { ...csvOpts, allowComments: true }).lines.map((x) => x.line)).toEqual([2]);
    expect(decodeCsv(text, cols, csvOpts).lines.map((x) => ('error' in x ? 'error' : x.line))).toEqual(['error', 2, 'error']);
  });
});

describe('JSON formats', () => {
  it('reads JSON lines, missing fields as NULL, case-insensitive names', () => {
    const d = decodeJsonLines('{"ID": 1, "name": "a"}\n\n{"id": 2, "amount": "3.5", "ts": "2026-01-01T00:00:01Z"}\nnot json\n[1]\n', 'json', cols);
    expect(d[0]).toEqual({ line: 1, changes: [{ kind: RowKind.INSERT, row: [1, 'a', null, null] }] });
    expect(d[1]).toEqual({ line: 3, changes: [{ kind: RowKind.INSERT, row: [2, null, 3.5, Date.UTC(2026, 0, 1, 0, 0, 1)] }] });
    expect(d[2]).toMatchObject({ line: 4, error: expect.stringContaining('invalid JSON') });
    expect(d[3]).toEqual({ line: 5, error: 'the record is not a JSON object' });
  });

  it('reads CR-only and CRLF line endings as lines', () => {
    const d = decodeJsonLines('{"id": 1}\r{"id": 2}\r\n\r{"id": 3}', 'json', cols);
    expect(d.map((x) => ('changes' in x ? [x.line, x.changes[0]!.row[0]] : x.error))).toEqual([
      [1, 1],
      [2, 2],
      [4, 3],
    ]);
  });

  it('decodes changelog-json', () => {
    const text = [
      '{"op":"+I","data":{"id":1,"name":"a"}}',
      '{"op":"-U","data":{"id":1,"name":"a"}}',
      '{"op":"+U","data":{"id":1,"name":"b"}}',
      '{"op":"-D","data":{"id":1,"name":"b"}}',
      '{"op":"X","data":{}}',
    ].join('\n');
    const d = decodeJsonLines(text, 'changelog-json', cols.slice(0, 2));
    expect(d.slice(0, 4).map((x) => ('changes' in x ? x.changes : null))).toEqual([
      [{ kind: RowKind.INSERT, row: [1, 'a'] }],
      [{ kind: RowKind.UPDATE_BEFORE, row: [1, 'a'] }],
      [{ kind: RowKind.UPDATE_AFTER, row: [1, 'b'] }],
      [{ kind: RowKind.DELETE, row: [1, 'b'] }],
    ]);
    expect(d[4]).toMatchObject({ line: 5, error: expect.stringContaining('"op" must be one of') });
  });

  it('decodes debezium-json, with and without the schema envelope', () => {
    const text = [
      '{"before":null,"after":{"id":1,"name":"a"},"op":"c"}',
      '{"before":{"id":1,"name":"a"},"after":{"id":1,"name":"b"},"op":"u"}',
      '{"schema":{},"payload":{"before":{"id":1,"name":"b"},"after":null,"op":"d"}}',
      '{"before":null,"after":{"id":2,"name":"z"},"op":"r"}',
      '{"before":null,"after":{"id":2,"name":"y"},"op":"u"}',
    ].join('\n');
    const d = decodeJsonLines(text, 'debezium-json', cols.slice(0, 2));
    expect(d.slice(0, 4).map((x) => ('changes' in x ? x.changes : null))).toEqual([
      [{ kind: RowKind.INSERT, row: [1, 'a'] }],
      [
        { kind: RowKind.UPDATE_BEFORE, row: [1, 'a'] },
        { kind: RowKind.UPDATE_AFTER, row: [1, 'b'] },
      ],
      [{ kind: RowKind.DELETE, row: [1, 'b'] }],
      [{ kind: RowKind.INSERT, row: [2, 'z'] }],
    ]);
    expect(d[4]).toMatchObject({ line: 5, error: expect.stringContaining('"before" of an update') });
  });
});
