// Script edits the canvas makes. The edits themselves are the engine's edit services (addTable,
// connectTables, renameTable, deleteTable, deleteStatement, replaceStatement), run in the engine
// worker: they locate what to change with the parser and touch only those bytes. This module
// holds what the studio adds around them: the palette's table spec, and how the layout sidecar
// follows a rename.
import type { Layer } from '../../engine/api';
import type { AddTableSpec, StatementRange, StatementRef } from '../../engine/index';
import type { EditReply, EditRequest } from '../../workers/protocol';
import type { NodePosition } from '../store/project';
import { freshName, type PaletteConnector } from './templates';

/** The worker's edit services (a comlink Remote of EngineWorkerApi, or an EngineHost in tests). */
export interface EditService {
  edit(script: string, request: EditRequest): EditReply | Promise<EditReply>;
  readersOf(script: string, name: string): StatementRef[] | Promise<StatementRef[]>;
  jobStatementRange(script: string, job: string): (StatementRange | null) | Promise<StatementRange | null>;
}

/**
 * Columns of a table added from the palette. The same four for every connector, so two palette
 * tables connect column for column (`INSERT INTO ads_x SELECT id, name, amount, event_time ...`).
 */
export const PALETTE_COLUMNS = [
  { name: 'id', type: 'BIGINT' },
  { name: 'name', type: 'STRING' },
  { name: 'amount', type: 'DECIMAL(10, 2)' },
  { name: 'event_time', type: 'TIMESTAMP(3)' },
];

/** Keyed connectors get `PRIMARY KEY (id)`; the engine adds connector options per connector. */
const KEYED: readonly string[] = ['jdbc', 'kafka', 'upsert-kafka', 'iceberg'];

/** What the user chose when adding a lake table: Iceberg's format version and whether it is keyed by `id`. */
export interface LakeChoice {
  formatVersion: 1 | 2 | 3;
  keyed: boolean;
}

export const DEFAULT_LAKE_CHOICE: LakeChoice = { formatVersion: 2, keyed: true };

/**
 * The WITH options a lake choice adds to the connector's defaults: the format version, and
 * Flink's upsert mode when the table has a key and row-level deletes (v2 and v3; a v1 table is
 * append-only, so an upsert into it could never commit).
 */
export function lakeOptions(choice: LakeChoice): Record<string, string> {
  const upsert = choice.keyed && choice.formatVersion >= 2;
  return { 'format-version': String(choice.formatVersion), ...(upsert ? { 'write.upsert.enabled': 'true' } : {}) };
}

/**
 * The spec of a new palette table: a free layer-prefixed name (`ods_gen_1`, `ads_table_2`), the
 * palette columns; a lake table as `lake` says (default: v2, keyed, upsert).
 */
export function paletteTableSpec(layer: Exclude<Layer, 'OTHER'>, connector: PaletteConnector, existing: readonly string[], lake: LakeChoice = DEFAULT_LAKE_CHOICE): AddTableSpec {
  const name = freshName(layer, existing, connector === 'datagen' ? 'gen' : 'table');
  if (connector === 'iceberg') {
    return { name, connector, layer, columns: PALETTE_COLUMNS, primaryKey: lake.keyed ? ['id'] : [], options: lakeOptions(lake) };
  }
  return { name, connector, layer, columns: PALETTE_COLUMNS, ...(KEYED.includes(connector) ? { primaryKey: ['id'] } : {}) };
}

/** The `CREATE TABLE <name>` names written in a script, also of statements that do not parse. */
export function namesInScript(script: string): string[] {
  return [...script.matchAll(/CREATE\s+(?:TEMPORARY\s+)?(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?`?([\w$]+)/gi)].map((m) => m[1]!);
}

/**
 * After a rename, the node keeps its place (and its lane override): the entry is copied to the new
 * name. The old entry stays, so an undo of the rename finds the table where it was.
 */
export function renamePositions(positions: Record<string, NodePosition>, from: string, to: string): Record<string, NodePosition> {
  const old = positions[`table:${from}`];
  return old ? { ...positions, [`table:${to}`]: old } : positions;
}

/**
 * Deletes a table (its CREATE and the statements that write it) and, when asked, the statements
 * that still read it. Returns the script and the readers left behind.
 */
export async function deleteTableEdit(
  svc: EditService,
  script: string,
  name: string,
  alsoReaders: boolean,
): Promise<EditReply> {
  const r = await svc.edit(script, { op: 'deleteTable', name });
  if (!r.ok || !alsoReaders || !r.readers?.length) return r;
  let out = r.script;
  // Highest offset first, so earlier ranges stay valid.
  for (const reader of [...r.readers].sort((a, b) => b.range.offset - a.range.offset)) {
    const d = await svc.edit(out, { op: 'deleteStatement', range: reader.range });
    if (!d.ok) return d;
    out = d.script;
  }
  return { ok: true, script: out, readers: [] };
}

/** Deletes a job's statement (`job-N`, the N-th INSERT or MERGE). */
export async function deleteJobEdit(svc: EditService, script: string, jobId: string): Promise<EditReply> {
  const range = await svc.jobStatementRange(script, jobId);
  if (!range) return { ok: false, message: `${jobId} is not in the script any more` };
  return svc.edit(script, { op: 'deleteStatement', range: { offset: range.offset, length: range.length } });
}
