import { describe, expect, it } from 'vitest';
import { PROJECT_VERSION, parseProjectBytes, parseProjectFile, toProjectFile } from './projectFile';

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
});
