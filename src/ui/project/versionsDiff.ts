// What changed between two versions of a project, from their compiled pipelines (not from the
// text): tables, jobs and settings added, removed or changed, each with the details a reviewer
// reads. Pure, so it is tested without the studio.
//
// Identity: a table is its name. A job has no name of its own (`job-N` renumbers when a statement
// is inserted above it), so a job is its sink table and, when several jobs write one sink, its
// place among them in statement order.
import type { ColumnInfo, JobInfo, PipelineGraph, TableInfo } from '../../engine/index';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface VersionChange {
  /** What the entry is about. */
  subject: 'table' | 'job' | 'setting';
  /** A table's name, a job's `INSERT INTO sink` (with `#2` for a second job into one sink), a setting's key. */
  name: string;
  change: ChangeKind;
  /** What differs, one short sentence each (empty for added and removed). */
  details: string[];
}

export interface VersionSummary {
  changes: VersionChange[];
  /** Counts per subject and kind, for the one-line summary. */
  counts: Record<VersionChange['subject'], Record<ChangeKind, number>>;
}

const quoted = (v: string) => `'${v}'`;
const list = (items: readonly string[]) => (items.length === 0 ? '(none)' : items.join(', '));
const columnText = (c: ColumnInfo) => `${c.type}${c.nullable ? '' : ' NOT NULL'}`;

/** Added, removed and changed keys of two string maps, as detail sentences. */
function diffMaps(what: string, before: Record<string, string>, after: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(after)) {
    if (!(k in before)) out.push(`${what} ${quoted(k)} added: ${quoted(v)}`);
    else if (before[k] !== v) out.push(`${what} ${quoted(k)}: ${quoted(before[k]!)} → ${quoted(v)}`);
  }
  for (const [k, v] of Object.entries(before)) if (!(k in after)) out.push(`${what} ${quoted(k)} removed (was ${quoted(v)})`);
  return out;
}

function diffTable(a: TableInfo, b: TableInfo): string[] {
  const out: string[] = [];
  if (a.connector !== b.connector) out.push(`connector ${a.connector} → ${b.connector}`);
  if (a.layer !== b.layer) out.push(`layer ${a.layer} → ${b.layer}`);
  const colsA = new Map(a.columns.map((c) => [c.name, c]));
  const colsB = new Map(b.columns.map((c) => [c.name, c]));
  for (const c of b.columns) {
    const old = colsA.get(c.name);
    if (!old) out.push(`column ${c.name} ${columnText(c)} added`);
    else if (columnText(old) !== columnText(c)) out.push(`column ${c.name}: ${columnText(old)} → ${columnText(c)}`);
  }
  for (const c of a.columns) if (!colsB.has(c.name)) out.push(`column ${c.name} removed`);
  const namesA = a.columns.map((c) => c.name).filter((n) => colsB.has(n));
  const namesB = b.columns.map((c) => c.name).filter((n) => colsA.has(n));
  if (namesA.join() !== namesB.join()) out.push(`columns reordered: ${namesB.join(', ')}`);
  if (a.primaryKey.join() !== b.primaryKey.join()) out.push(`primary key (${list(a.primaryKey)}) → (${list(b.primaryKey)})`);
  const wm = (t: TableInfo) => (t.watermark ? `${t.watermark.column} AS ${t.watermark.expression}` : '(none)');
  if (wm(a) !== wm(b)) out.push(`watermark ${wm(a)} → ${wm(b)}`);
  if (a.partitionedBy.join() !== b.partitionedBy.join()) out.push(`partitioned by (${list(a.partitionedBy)}) → (${list(b.partitionedBy)})`);
  out.push(...diffMaps('option', a.options, b.options));
  if ((a.comment ?? '') !== (b.comment ?? '')) out.push('comment changed');
  return out;
}

/** Jobs keyed by `INSERT INTO sink`, `INSERT INTO sink #2`, ... in statement order. */
function jobsByName(jobs: readonly JobInfo[]): Map<string, JobInfo> {
  const seen = new Map<string, number>();
  const out = new Map<string, JobInfo>();
  for (const j of jobs) {
    const n = (seen.get(j.sinkTable) ?? 0) + 1;
    seen.set(j.sinkTable, n);
    out.set(n === 1 ? `INSERT INTO ${j.sinkTable}` : `INSERT INTO ${j.sinkTable} #${n}`, j);
  }
  return out;
}

/** An operator as a plan comparison sees it: its description and hints (parallelism apart). */
function operatorText(o: JobInfo['operators'][number]): string {
  const hints = o.hints.map((h) => `/*+ ${h.name}(${Object.entries(h.options).map(([k, v]) => `'${k}'='${v}'`).join(', ')}) */`).join(' ');
  return hints ? `${o.label} ${hints}` : o.label;
}

/** A job's parallelism as one reads it: `2`, or `1, 2` when operators differ. */
function parallelismText(j: JobInfo): string {
  return [...new Set(j.operators.map((o) => o.parallelism))].sort((x, y) => x - y).join(', ');
}

/** Elements of `a` not matched one-for-one in `b` (multiset difference, order kept). */
function without(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  return a.filter((x) => {
    const n = left.get(x) ?? 0;
    if (n === 0) return true;
    left.set(x, n - 1);
    return false;
  });
}

function diffJob(a: JobInfo, b: JobInfo): string[] {
  const out: string[] = [];
  const srcA = [...new Set(a.sourceTables)].sort();
  const srcB = [...new Set(b.sourceTables)].sort();
  for (const s of without(srcB, srcA)) out.push(`reads ${s} now`);
  for (const s of without(srcA, srcB)) out.push(`no longer reads ${s}`);
  const opsA = a.operators.map(operatorText);
  const opsB = b.operators.map(operatorText);
  if (opsA.join('\n') !== opsB.join('\n')) {
    const gone = without(opsA, opsB);
    const added = without(opsB, opsA);
    for (const o of gone) out.push(`plan: − ${o}`);
    for (const o of added) out.push(`plan: + ${o}`);
    if (gone.length === 0 && added.length === 0) out.push('plan: the same operators, wired differently');
  }
  if (parallelismText(a) !== parallelismText(b)) out.push(`parallelism ${parallelismText(a)} → ${parallelismText(b)}`);
  return out;
}

/** Every table, job and setting that differs from `before` to `after`, tables first. */
export function diffPipelines(before: PipelineGraph, after: PipelineGraph): VersionSummary {
  const changes: VersionChange[] = [];
  const tablesA = new Map(before.tables.map((t) => [t.name, t]));
  const tablesB = new Map(after.tables.map((t) => [t.name, t]));
  for (const t of after.tables) {
    const old = tablesA.get(t.name);
    if (!old) changes.push({ subject: 'table', name: t.name, change: 'added', details: [`${t.connector}, ${t.columns.length} columns`] });
    else {
      const details = diffTable(old, t);
      if (details.length > 0) changes.push({ subject: 'table', name: t.name, change: 'changed', details });
    }
  }
  for (const t of before.tables) if (!tablesB.has(t.name)) changes.push({ subject: 'table', name: t.name, change: 'removed', details: [] });

  const jobsA = jobsByName(before.jobs);
  const jobsB = jobsByName(after.jobs);
  for (const [name, j] of jobsB) {
    const old = jobsA.get(name);
    if (!old) changes.push({ subject: 'job', name, change: 'added', details: [`reads ${list([...new Set(j.sourceTables)])}`] });
    else {
      const details = diffJob(old, j);
      if (details.length > 0) changes.push({ subject: 'job', name, change: 'changed', details });
    }
  }
  for (const name of jobsA.keys()) if (!jobsB.has(name)) changes.push({ subject: 'job', name, change: 'removed', details: [] });

  for (const [k, v] of Object.entries(after.settings)) {
    if (!(k in before.settings)) changes.push({ subject: 'setting', name: k, change: 'added', details: [quoted(v)] });
    else if (before.settings[k] !== v) changes.push({ subject: 'setting', name: k, change: 'changed', details: [`${quoted(before.settings[k]!)} → ${quoted(v)}`] });
  }
  for (const [k, v] of Object.entries(before.settings)) {
    if (!(k in after.settings)) changes.push({ subject: 'setting', name: k, change: 'removed', details: [`was ${quoted(v)}`] });
  }

  const zero = (): Record<ChangeKind, number> => ({ added: 0, removed: 0, changed: 0 });
  const counts = { table: zero(), job: zero(), setting: zero() };
  for (const c of changes) counts[c.subject][c.change]++;
  return { changes, counts };
}

/** `2 tables added, 1 job changed` or `no table, job or setting changed`. */
export function summaryLine(summary: VersionSummary): string {
  const parts: string[] = [];
  for (const subject of ['table', 'job', 'setting'] as const) {
    for (const kind of ['added', 'removed', 'changed'] as const) {
      const n = summary.counts[subject][kind];
      if (n > 0) parts.push(`${n} ${subject}${n === 1 ? '' : 's'} ${kind}`);
    }
  }
  return parts.length === 0 ? 'no table, job or setting changed' : parts.join(', ');
}

/** A version's one-line description in the list: `4 tables · 3 jobs · 2 settings`. */
export function describePipeline(pipeline: PipelineGraph | null, errors: number): string {
  const parts = pipeline
    ? [
        `${pipeline.tables.length} table${pipeline.tables.length === 1 ? '' : 's'}`,
        `${pipeline.jobs.length} job${pipeline.jobs.length === 1 ? '' : 's'}`,
        `${Object.keys(pipeline.settings).length} setting${Object.keys(pipeline.settings).length === 1 ? '' : 's'}`,
      ]
    : [];
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  return parts.join(' · ') || 'does not parse';
}
