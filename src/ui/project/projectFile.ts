// The project file (script + layout sidecar) and import validation. Pure: a corrupt or foreign
// file is refused with a sentence that names what is wrong, never half-applied.
import type { NodePosition } from '../store/project';

export const PROJECT_FORMAT = 'freshet-project';
/** The project file format this studio writes. It reads this version and older ones. */
export const PROJECT_VERSION = 1;

export interface ProjectFile {
  format: typeof PROJECT_FORMAT;
  version: number;
  name: string;
  fileName: string;
  script: string;
  /** The sidecar: canvas positions by node id. */
  positions: Record<string, NodePosition>;
}

export type Parsed = { ok: true; project: Omit<ProjectFile, 'format' | 'version'> } | { ok: false; message: string };

const NOTHING = 'Nothing was changed.';

function refuse(fileName: string, what: string): Parsed {
  return { ok: false, message: `${fileName} ${what}. ${NOTHING}` };
}

/** Magic numbers of binary files people drop by mistake. */
const SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'a ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'a WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: 'a Parquet file', bytes: [0x50, 0x41, 0x52, 0x31] },
];

function sniffBinary(bytes: Uint8Array): string | null {
  for (const s of SIGNATURES) if (s.bytes.every((b, i) => bytes[i] === b)) return s.name;
  return bytes.subarray(0, 4096).includes(0) ? 'a binary file' : null;
}

function kindOfJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function badPosition(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return `is ${kindOfJson(v)}, not an object of node positions`;
  for (const [id, p] of Object.entries(v)) {
    const q = p as Partial<NodePosition> | null;
    if (typeof q !== 'object' || q === null || !Number.isFinite(q.x) || !Number.isFinite(q.y)) return `has no numeric x and y for node "${id}"`;
  }
  return null;
}

function baseName(fileName: string): string {
  return fileName.replace(/\.(freshet\.json|json|sql)$/i, '');
}

/** Validate an imported file's bytes: binary files, bad UTF-8 and empty files are refused first. */
export function parseProjectBytes(fileName: string, bytes: Uint8Array): Parsed {
  if (bytes.length === 0) return refuse(fileName, 'is empty (0 bytes)');
  const binary = sniffBinary(bytes);
  if (binary) return refuse(fileName, `is ${binary}, not a ${/\.sql$/i.test(fileName) ? 'SQL script' : 'Freshet project file'}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse(fileName, 'is not UTF-8 text');
  }
  return parseProjectFile(fileName, text.replace(/^\uFEFF/, ''));
}

export function parseProjectFile(fileName: string, text: string): Parsed {
  if (!text.trim()) return refuse(fileName, text.length ? 'holds only whitespace' : 'is empty (0 bytes)');
  if (/\.sql$/i.test(fileName)) {
    if (text.includes('\u0000')) return refuse(fileName, 'is a binary file, not a SQL script');
    return { ok: true, project: { name: baseName(fileName), fileName, script: text, positions: {} } };
  }
  if (!/\.json$/i.test(fileName)) return refuse(fileName, 'is neither a .sql script nor a .freshet.json project file');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/^JSON\.parse: /, '') : String(e);
    return refuse(fileName, `is not valid JSON (${why})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return refuse(fileName, `holds ${kindOfJson(data)}, not a Freshet project (an object with "format": "${PROJECT_FORMAT}")`);
  }
  const d = data as Record<string, unknown>;
  if (d.format !== PROJECT_FORMAT) {
    return refuse(
      fileName,
      d.format === undefined
        ? `is JSON but not a Freshet project file: it has no "format": "${PROJECT_FORMAT}" field`
        : `is a "${String(d.format)}" file, not a Freshet project file ("format": "${PROJECT_FORMAT}")`,
    );
  }
  if (typeof d.version !== 'number' || !Number.isInteger(d.version) || d.version < 1) {
    return refuse(fileName, `has no valid format version (found ${JSON.stringify(d.version) ?? 'none'}; expected a whole number from 1)`);
  }
  if (d.version > PROJECT_VERSION) {
    return refuse(
      fileName,
      `was written by a newer Freshet (project format version ${d.version}); this studio reads version ${PROJECT_VERSION}${PROJECT_VERSION > 1 ? ' and older' : ''}`,
    );
  }
  if (typeof d.script !== 'string') return refuse(fileName, `is damaged: "script" is ${d.script === undefined ? 'missing' : `${kindOfJson(d.script)}, not text`}`);
  if (typeof d.name !== 'string' || !d.name.trim()) return refuse(fileName, `is damaged: "name" is ${d.name === undefined ? 'missing' : 'not a non-empty string'}`);
  const positions = d.positions ?? {};
  const bad = badPosition(positions);
  if (bad) return refuse(fileName, `is damaged: the layout ("positions") ${bad}`);
  return {
    ok: true,
    project: {
      name: d.name.trim(),
      fileName: typeof d.fileName === 'string' && d.fileName.trim() ? d.fileName : `${baseName(fileName)}.sql`,
      script: d.script,
      positions: positions as Record<string, NodePosition>,
    },
  };
}

export function toProjectFile(p: { name: string; fileName: string; script: string; positions: Record<string, NodePosition> }): string {
  const file: ProjectFile = { format: PROJECT_FORMAT, version: PROJECT_VERSION, name: p.name, fileName: p.fileName, script: p.script, positions: p.positions };
  return JSON.stringify(file, null, 2) + '\n';
}

/** A file name from a project name: `Orders pipeline` -> `orders-pipeline`. */
export function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'project'
  );
}
