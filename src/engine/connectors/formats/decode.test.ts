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

  it('maps columns by header name and parses types', () => {
    const d = decodeCsv('ts,amount,name,id\r\n2026-01-01 10:00:00,12.345,Ann,1\r\n', cols, csvOpts);
    expect(d).toEqual([{ line: 2, changes: [{ kind: RowKind.INSERT, row: [1, 'Ann', 12.35, Date.UTC(2026, 0, 1, 10)] }] }]);
  });

  it('reports malformed rows with their line', () => {
    const d = decodeCsv('id,name,amount,ts\n1,a,1.0,2026-01-01 00:00:00\n2,b\nx,c,1,2026-01-01 00:00:00\n4,d,1,yesterday\n', cols, csvOpts);
    expect(d.map((x) => ('error' in x ? `${x.line}: ${x.error}` : x.line))).toEqual([
      2,
      '3: expected 4 fields, found 2',
      "4: column 'id': cannot read 'x' as INT",
      "5: column 'ts': cannot read 'yesterday' as TIMESTAMP(3)",
    ]);
  });

  it('reads an empty non-string field as NULL and honours the delimiter', () => {
    const d = decodeCsv('id;name;amount;ts\n1;;;\n', cols, { ...csvOpts, delimiter: ';' });
    expect(d).toEqual([{ line: 2, changes: [{ kind: RowKind.INSERT, row: [1, '', null, null] }] }]);
  });

  it('says which column the header is missing', () => {
    const d = decodeCsv('id,nom\n1,a\n', cols, csvOpts);
    expect(d).toEqual([{ line: 1, error: expect.stringContaining("does not name column 'name'") }]);
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
