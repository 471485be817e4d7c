// The project file (script + layout sidecar) and import validation. Pure: a corrupt or foreign
// file is refused with a sentence that names what is wrong, never half-applied.
import type { Layer } from '../../engine/api';
import type { InputFiles, NodePosition } from '../store/project';

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
  /** Input files attached to filesystem tables, by path; omitted when there are none. */
  files?: InputFiles;
}

export type Parsed = { ok: true; project: Omit<ProjectFile, 'format' | 'version'> } | { ok: false; message: string };

/**
 * Size caps, far above any hand-written project (the example is ~4 KB): a file beyond them is a
 * mistake or an attack on the tab's memory and IndexedDB quota, and is refused whole.
 */
export const PROJECT_LIMITS = {
  /** Bytes of an imported file, before it is decoded. */
  fileBytes: 16 * 1024 * 1024,
  /** Characters of the script (about 100,000 lines of SQL). */
  scriptChars: 4 * 1024 * 1024,
  /** Canvas positions (one per table or job on the canvas). */
  positions: 10_000,
  /** Characters of the project name. */
  nameChars: 200,
  /** Characters of the script's file name and of one node id. */
  fileNameChars: 255,
  nodeIdChars: 1_000,
  /** Attached input files, and characters of one file's path. */
  files: 200,
  filePathChars: 1_000,
} as const;

/** The layers a position may pin a table to (`OTHER` is never stored: it is the absence of a layer). */
const POSITION_LAYERS: readonly string[] = ['ODS', 'DWD', 'DWS', 'DIM', 'ADS'] satisfies Exclude<Layer, 'OTHER'>[];

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

/** `12,345`: a count in a sentence. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** A JSON value in a sentence, whatever it holds (a foreign object's own toString is never called). */
function shown(v: unknown): string {
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '...' : v}"`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return kindOfJson(v);
}

/** Validates the layout sidecar: the positions as the store holds them, or why not. */
function readPositions(v: unknown): { positions: Record<string, NodePosition> } | { bad: string } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { bad: `is ${kindOfJson(v)}, not an object of node positions` };
  const entries = Object.entries(v);
  if (entries.length > PROJECT_LIMITS.positions) {
    return { bad: `has ${count(entries.length)} node positions; a project holds at most ${count(PROJECT_LIMITS.positions)}` };
  }
  const out: [string, NodePosition][] = [];
  for (const [id, p] of entries) {
    if (id.length > PROJECT_LIMITS.nodeIdChars) return { bad: `has a node id of ${count(id.length)} characters; at most ${count(PROJECT_LIMITS.nodeIdChars)}` };
    const q = p as Record<string, unknown> | null;
    if (typeof q !== 'object' || q === null || Array.isArray(q) || !Number.isFinite(q['x']) || !Number.isFinite(q['y'])) {
      return { bad: `has no numeric x and y for node "${id.slice(0, 80)}"` };
    }
    const position: NodePosition = { x: q['x'] as number, y: q['y'] as number };
    const layer = q['layer'];
    if (layer !== undefined) {
      if (typeof layer !== 'string' || !POSITION_LAYERS.includes(layer)) {
        return { bad: `gives node "${id.slice(0, 80)}" the layer ${shown(layer)}; a layer is one of ${POSITION_LAYERS.join(', ')}` };
      }
      position.layer = layer as NodePosition['layer'];
    }
    out.push([id, position]);
  }
  // fromEntries defines own properties: an id such as "__proto__" stays a plain key.
  return { positions: Object.fromEntries(out) };
}

/** Validates the attached input files: path -> text, or why not. */
function readFiles(v: unknown): { files: InputFiles } | { bad: string } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { bad: `is ${kindOfJson(v)}, not an object of file texts by path` };
  const entries = Object.entries(v);
  if (entries.length > PROJECT_LIMITS.files) return { bad: `has ${count(entries.length)} files; a project holds at most ${count(PROJECT_LIMITS.files)}` };
  for (const [path, text] of entries) {
    if (!path.trim() || path.length > PROJECT_LIMITS.filePathChars) return { bad: `has a file path of ${count(path.length)} characters; 1 to ${count(PROJECT_LIMITS.filePathChars)}` };
    if (typeof text !== 'string') return { bad: `gives "${path.slice(0, 80)}" ${kindOfJson(text)}, not the file's text` };
  }
  // fromEntries defines own properties: a path such as "__proto__" stays a plain key.
  return { files: Object.fromEntries(entries as [string, string][]) };
}

function baseName(fileName: string): string {
  return fileName.replace(/\.(freshet\.json|json|sql)$/i, '');
}

/** Validate an imported file's bytes: binary files, bad UTF-8 and empty files are refused first. */
export function parseProjectBytes(fileName: string, bytes: Uint8Array): Parsed {
  if (bytes.length === 0) return refuse(fileName, 'is empty (0 bytes)');
  if (bytes.length > PROJECT_LIMITS.fileBytes) {
    return refuse(fileName, `is ${mebibytes(bytes.length)}; a project file or script is at most ${mebibytes(PROJECT_LIMITS.fileBytes)}`);
  }
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

function mebibytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** Why a script cannot be stored, or null. */
function badScript(script: string): string | null {
  if (script.length > PROJECT_LIMITS.scriptChars) {
    return `holds a script of ${count(script.length)} characters; a script is at most ${count(PROJECT_LIMITS.scriptChars)}`;
  }
  return null;
}

/** Why a project name cannot be used, or null. */
function badName(name: string): string | null {
  if (name.length > PROJECT_LIMITS.nameChars) return `has a name of ${count(name.length)} characters; a name is at most ${count(PROJECT_LIMITS.nameChars)}`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'has a name with line breaks or control characters';
  return null;
}

export function parseProjectFile(fileName: string, text: string): Parsed {
  if (!text.trim()) return refuse(fileName, text.length ? 'holds only whitespace' : 'is empty (0 bytes)');
  if (/\.sql$/i.test(fileName)) {
    if (text.includes('\u0000')) return refuse(fileName, 'is a binary file, not a SQL script');
    const name = baseName(fileName).trim();
    if (!name) return refuse(fileName, 'has no name before ".sql": rename the file (e.g. orders.sql) and import it again');
    const why = badScript(text) ?? badName(name);
    if (why) return refuse(fileName, why);
    return { ok: true, project: { name, fileName, script: text, positions: {} } };
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
        : typeof d.format === 'string'
          ? `is a ${shown(d.format)} file, not a Freshet project file ("format": "${PROJECT_FORMAT}")`
          : `has ${shown(d.format)} as its "format", not "${PROJECT_FORMAT}": it is not a Freshet project file`,
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
  const scriptWhy = badScript(d.script);
  if (scriptWhy) return refuse(fileName, scriptWhy);
  if (typeof d.name !== 'string' || !d.name.trim()) return refuse(fileName, `is damaged: "name" is ${d.name === undefined ? 'missing' : 'not a non-empty string'}`);
  const name = d.name.trim();
  const nameWhy = badName(name);
  if (nameWhy) return refuse(fileName, nameWhy);
  if (d.fileName !== undefined && typeof d.fileName !== 'string') return refuse(fileName, `is damaged: "fileName" is ${kindOfJson(d.fileName)}, not text`);
  if (typeof d.fileName === 'string' && d.fileName.length > PROJECT_LIMITS.fileNameChars) {
    return refuse(fileName, `has a script file name of ${count(d.fileName.length)} characters; at most ${count(PROJECT_LIMITS.fileNameChars)}`);
  }
  const read = readPositions(d.positions ?? {});
  if ('bad' in read) return refuse(fileName, `is damaged: the layout ("positions") ${read.bad}`);
  const files = readFiles(d.files ?? {});
  if ('bad' in files) return refuse(fileName, `is damaged: the input files ("files") ${files.bad}`);
  const base = baseName(fileName).trim();
  return {
    ok: true,
    project: {
      name,
      fileName: typeof d.fileName === 'string' && d.fileName.trim() ? d.fileName : `${base || slug(name)}.sql`,
      script: d.script,
      positions: read.positions,
      ...(Object.keys(files.files).length > 0 ? { files: files.files } : {}),
    },
  };
}

export function toProjectFile(p: { name: string; fileName: string; script: string; positions: Record<string, NodePosition>; files?: InputFiles }): string {
  const file: ProjectFile = { format: PROJECT_FORMAT, version: PROJECT_VERSION, name: p.name, fileName: p.fileName, script: p.script, positions: p.positions };
  if (p.files && Object.keys(p.files).length > 0) file.files = p.files;
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
