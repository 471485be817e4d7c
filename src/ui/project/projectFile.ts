// The project file (script + layout sidecar) and import validation. Pure: a corrupt or foreign
// file is refused with a sentence, never half-applied.
import type { NodePosition } from '../store/project';

export const PROJECT_FORMAT = 'freshet-project';
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

function isPositions(v: unknown): v is Record<string, NodePosition> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return Object.values(v).every(
    (p) => typeof p === 'object' && p !== null && Number.isFinite((p as NodePosition).x) && Number.isFinite((p as NodePosition).y),
  );
}

function baseName(fileName: string): string {
  return fileName.replace(/\.(freshet\.json|json|sql)$/i, '');
}

export function parseProjectFile(fileName: string, text: string): Parsed {
  if (/\.sql$/i.test(fileName)) {
    if (text.includes('\u0000') || /[\uFFFD]/.test(text.slice(0, 4096))) {
      return { ok: false, message: `${fileName} is not a text file; nothing was changed.` };
    }
    if (!text.trim()) return { ok: false, message: `${fileName} is empty; nothing was changed.` };
    return { ok: true, project: { name: baseName(fileName), fileName, script: text, positions: {} } };
  }
  if (/\.json$/i.test(fileName)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, message: `${fileName} is not valid JSON; nothing was changed.` };
    }
    const d = data as Partial<ProjectFile>;
    if (typeof d !== 'object' || d === null || d.format !== PROJECT_FORMAT) {
      return { ok: false, message: `${fileName} is not a Freshet project file (no "format": "${PROJECT_FORMAT}"); nothing was changed.` };
    }
    if (d.version !== PROJECT_VERSION) {
      return { ok: false, message: `${fileName} is a project file of version ${String(d.version)}; this studio reads version ${PROJECT_VERSION}. Nothing was changed.` };
    }
    if (typeof d.script !== 'string' || typeof d.name !== 'string' || !isPositions(d.positions ?? {})) {
      return { ok: false, message: `${fileName} is damaged (script, name or layout missing or malformed); nothing was changed.` };
    }
    return {
      ok: true,
      project: { name: d.name, fileName: typeof d.fileName === 'string' ? d.fileName : `${d.name}.sql`, script: d.script, positions: d.positions ?? {} },
    };
  }
  return { ok: false, message: `${fileName}: import a .sql script or a .freshet.json project file.` };
}

export function toProjectFile(p: { name: string; fileName: string; script: string; positions: Record<string, NodePosition> }): string {
  const file: ProjectFile = { format: PROJECT_FORMAT, version: PROJECT_VERSION, ...p };
  return JSON.stringify(file, null, 2) + '\n';
}
