// A repair comparison as the rows of a side-by-side table: one column per repair, one row per
// measured number (docs/simulation.md, "Repair impact"). Pure.
import type { RepairComparison } from '../../engine/api';

export interface ImpactRow {
  /** What the row measures, e.g. `dwd_orders: changes committed`. */
  label: string;
  /** One cell per repair: a number, or null when that repair did not measure it. */
  cells: (number | null)[];
  hint: string;
}

export function impactRows(c: RepairComparison): ImpactRow[] {
  const rows: ImpactRow[] = [];
  const tables = [...new Set(c.runs.flatMap((r) => r.targets.map((t) => t.table)))];
  for (const table of tables) {
    const cell = (pick: (t: RepairComparison['runs'][number]['targets'][number]) => number) =>
      c.runs.map((r) => {
        const t = r.targets.find((x) => x.table === table);
        return t ? pick(t) : null;
      });
    rows.push({ label: `${table}: rows removed`, cells: cell((t) => t.rowsRemoved), hint: 'Rows a reader of the table no longer sees, against the same run without the repair.' });
    rows.push({ label: `${table}: rows added`, cells: cell((t) => t.rowsAdded), hint: 'Rows a reader sees that it would not without the repair.' });
    rows.push({ label: `${table}: changes committed`, cells: cell((t) => t.changes), hint: 'Changes the repair committed to the table: what every streaming reader of it must consume.' });
  }
  const readers = [...new Map(c.runs.flatMap((r) => r.readers.map((x) => [`${x.jobId}/${x.table}`, x] as const))).values()];
  for (const reader of readers) {
    const cell = (pick: (x: RepairComparison['runs'][number]['readers'][number]) => number) =>
      c.runs.map((r) => {
        const x = r.readers.find((y) => y.jobId === reader.jobId && y.table === reader.table);
        return x ? pick(x) : null;
      });
    rows.push({ label: `${reader.jobId} (${reader.jobName}): read`, cells: cell((x) => x.received), hint: `Changes its source of ${reader.table} emitted because of the repair.` });
    rows.push({ label: `${reader.jobId}: reached its sink`, cells: cell((x) => x.emitted), hint: 'Changes its sink received because of the repair: how far the repair travelled.' });
  }
  return rows;
}

/** A statement's first two words after its comments (`MERGE INTO`, `INSERT OVERWRITE`), for a column head. */
export function statementHead(text: string): string {
  const code = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join(' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ');
  return code.trim().split(/\s+/).slice(0, 2).join(' ');
}
