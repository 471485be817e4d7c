import { describe, expect, it } from 'vitest';
import { PROJECT_LIMITS, PROJECT_VERSION, parseProjectBytes, parseProjectFile, toProjectFile } from './projectFile';

const enc = (s: string) => new TextEncoder().encode(s);
const project = { name: 'Orders', fileName: 'orders.sql', script: 'SELECT 1;\n', positions: { 'table:a': { x: 1, y: 2 } } };

function message(r: ReturnType<typeof parseProjectFile>): string {
  if (r.ok) throw new Error('expected a refusal');
  return r.message;
}

describe('project file import', () => {
  it('round-trips a project file', () => {
    const r = parseProjectBytes('orders.freshet.json', enc(toProjectFile(project)));
    expect(r).toEqual({ ok: true, project });
  });

  it('reads a .sql script as a project without layout', () => {
    const r = parseProjectBytes('my_pipeline.sql', enc('CREATE TABLE t (a INT);'));
    expect(r).toEqual({ ok: true, project: { name: 'my_pipeline', fileName: 'my_pipeline.sql', script: 'CREATE TABLE t (a INT);', positions: {} } });
  });

  it('refuses a PNG renamed .json, naming it', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(message(parseProjectBytes('layout.json', png))).toBe('layout.json is a PNG image, not a Freshet project file. Nothing was changed.');
    expect(message(parseProjectBytes('script.sql', png))).toMatch(/PNG image, not a SQL script/);
  });

  it('refuses empty files', () => {
    expect(message(parseProjectBytes('a.json', new Uint8Array()))).toMatch(/a\.json is empty \(0 bytes\)\. Nothing was changed\./);
    expect(message(parseProjectBytes('a.sql', enc('  \n')))).toMatch(/only whitespace/);
  });

  it('refuses JSON of another shape', () => {
    expect(message(parseProjectFile('package.json', '{"name":"x","version":"1.0.0"}'))).toMatch(/not a Freshet project file: it has no "format": "freshet-project" field/);
    expect(message(parseProjectFile('list.json', '[1,2]'))).toMatch(/holds an array/);
    expect(message(parseProjectFile('other.json', '{"format":"excalidraw"}'))).toMatch(/is a "excalidraw" file/);
  });

  it('refuses newer versions and damaged fields', () => {
    const newer = JSON.stringify({ ...JSON.parse(toProjectFile(project)), version: PROJECT_VERSION + 1 });
    expect(message(parseProjectFile('p.json', newer))).toMatch(/newer Freshet \(project format version 2\); this studio reads version 1/);
    const noScript = JSON.stringify({ format: 'freshet-project', version: 1, name: 'x' });
    expect(message(parseProjectFile('p.json', noScript))).toMatch(/"script" is missing/);
    const badLayout = JSON.stringify({ format: 'freshet-project', version: 1, name: 'x', script: '', positions: { 'table:a': { x: 'left' } } });
    expect(message(parseProjectFile('p.json', badLayout))).toMatch(/layout \("positions"\) has no numeric x and y for node "table:a"/);
    expect(message(parseProjectFile('p.json', '{"format": "freshet-project",'))).toMatch(/is not valid JSON/);
  });

  it('refuses bad UTF-8 and unknown extensions', () => {
    expect(message(parseProjectBytes('a.sql', new Uint8Array([0x53, 0xc3, 0x28])))).toMatch(/not UTF-8 text/);
    expect(message(parseProjectFile('notes.txt', 'hello'))).toMatch(/neither a \.sql script nor a \.freshet\.json project file/);
  });

  const file = (fields: Record<string, unknown>) => JSON.stringify({ format: 'freshet-project', version: 1, name: 'x', script: 'SELECT 1;', ...fields });

  it('refuses a "format" that is not text with a sentence, not a TypeError', () => {
    expect(message(parseProjectFile('p.json', '{"format": {"toString": 1}}'))).toBe(
      'p.json has an object as its "format", not "freshet-project": it is not a Freshet project file. Nothing was changed.',
    );
    expect(message(parseProjectFile('p.json', '{"format": 7}'))).toMatch(/has 7 as its "format"/);
  });

  it('accepts only the known layers in positions and keeps nothing else of a position', () => {
    expect(message(parseProjectFile('p.json', file({ positions: { 'table:a': { x: 1, y: 2, layer: 'GOLD' } } })))).toBe(
      'p.json is damaged: the layout ("positions") gives node "table:a" the layer "GOLD"; a layer is one of ODS, DWD, DWS, DIM, ADS. Nothing was changed.',
    );
    expect(message(parseProjectFile('p.json', file({ positions: { 'table:a': { x: 1, y: 2, layer: { toString: 1 } } } })))).toMatch(/the layer an object/);
    expect(message(parseProjectFile('p.json', file({ positions: { 'table:a': { x: 1, y: 2, layer: 'OTHER' } } })))).toMatch(/the layer "OTHER"/);
    const r = parseProjectFile('p.json', file({ positions: { 'table:a': { x: 1, y: 2, layer: 'DWD', extra: 'x'.repeat(100) }, 'job:b': { x: 0, y: 0 } } }));
    expect(r.ok && r.project.positions).toEqual({ 'table:a': { x: 1, y: 2, layer: 'DWD' }, 'job:b': { x: 0, y: 0 } });
  });

  it('round-trips attached input files and refuses damaged ones whole', () => {
    const withFiles = { ...project, files: { 'data/orders.csv': '1,a\n2,b\n', __proto__x: '' } };
    expect(parseProjectBytes('o.freshet.json', enc(toProjectFile(withFiles)))).toEqual({ ok: true, project: withFiles });
    const proto = parseProjectFile('p.json', '{"format":"freshet-project","version":1,"name":"x","script":"","files":{"__proto__":"1,2"}}');
    expect(proto.ok && Object.keys(proto.project.files ?? {})).toEqual(['__proto__']);
    expect(message(parseProjectFile('p.json', '{"format":"freshet-project","version":1,"name":"x","script":"","files":{"a.csv":3}}'))).toMatch(
      /input files \("files"\) gives "a.csv" a number, not the file's text/,
    );
    expect(message(parseProjectFile('p.json', '{"format":"freshet-project","version":1,"name":"x","script":"","files":[]}'))).toMatch(/"files"\) is an array/);
    // No files: the field is left out, as older files have it.
    expect(toProjectFile({ ...project, files: {} })).not.toContain('"files"');
  });

  it('keeps a node id "__proto__" as a plain key', () => {
    const r = parseProjectFile('p.json', '{"format":"freshet-project","version":1,"name":"x","script":"","positions":{"__proto__":{"x":1,"y":2}}}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.getPrototypeOf(r.project.positions)).toBe(Object.prototype);
    expect(Object.keys(r.project.positions)).toEqual(['__proto__']);
  });

  it('refuses files, scripts, layouts and names beyond the size caps', () => {
    const big = new Uint8Array(PROJECT_LIMITS.fileBytes + 1).fill(0x20);
    expect(message(parseProjectBytes('big.sql', big))).toBe('big.sql is 16 MB; a project file or script is at most 16 MB. Nothing was changed.');
    const script = 'x'.repeat(PROJECT_LIMITS.scriptChars + 1);
    expect(message(parseProjectFile('big.sql', script))).toMatch(/^big\.sql holds a script of 4,194,305 characters; a script is at most 4,194,304/);
    expect(message(parseProjectFile('p.json', file({ script })))).toMatch(/holds a script of 4,194,305 characters/);
    const positions = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`table:t${i}`, { x: i, y: 0 }]));
    expect(message(parseProjectFile('p.json', file({ positions })))).toMatch(/has 200,000 node positions; a project holds at most 10,000/);
    expect(message(parseProjectFile('p.json', file({ name: 'n'.repeat(1024 * 1024) })))).toMatch(/has a name of 1,048,576 characters; a name is at most 200/);
    expect(message(parseProjectFile('p.json', file({ name: 'a\nb' })))).toMatch(/line breaks or control characters/);
    expect(message(parseProjectFile('p.json', file({ fileName: 'f'.repeat(300) })))).toMatch(/script file name of 300 characters/);
    expect(message(parseProjectFile('p.json', file({ fileName: 5 })))).toMatch(/"fileName" is a number, not text/);
    expect(message(parseProjectFile('p.json', file({ positions: { ['n'.repeat(2000)]: { x: 1, y: 1 } } })))).toMatch(/node id of 2,000 characters/);
  });

  it('refuses a script named only ".sql" instead of importing it without a name', () => {
    expect(message(parseProjectBytes('.sql', enc('SELECT 1;')))).toBe(
      '.sql has no name before ".sql": rename the file (e.g. orders.sql) and import it again. Nothing was changed.',
    );
    const r = parseProjectFile('.freshet.json', file({ name: 'Orders' }));
    expect(r.ok && r.project.fileName).toBe('orders.sql');
  });
});

