// Stand-in for src/engine/index.ts while the engine is being written: vite.config.ts aliases it
// only when the real module does not exist. It reads CREATE TABLE / INSERT INTO with regular
// expressions and fakes a simulation (rows, lag, freshness) so the studio can be laid out and
// looked at. Nothing here is the real semantics; the real engine replaces it as soon as it lands.
import type {
  CompileResult,
  Diagnostic,
  JobInfo,
  Layer,
  MetricsSnapshot,
  OperatorKind,
  PipelineGraph,
  Simulation,
  SimulationOptions,
  SimulationStatus,
  Span,
  TableInfo,
} from '../engine/api';

function posAt(script: string, offset: number) {
  const before = script.slice(0, offset);
  const line = before.split('\n').length;
  return { offset, line, column: offset - before.lastIndexOf('\n') };
}
function span(script: string, a: number, b: number): Span {
  return { start: posAt(script, a), end: posAt(script, b) };
}
function layerOf(name: string): Layer {
  const m = /^(ods|dwd|dws|dim|ads)_/i.exec(name);
  return m ? (m[1]!.toUpperCase() as Layer) : 'OTHER';
}

function parse(script: string): { pipeline: PipelineGraph; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const tables: TableInfo[] = [];
  const jobs: JobInfo[] = [];
  const settings: Record<string, string> = {};
  const clean = script.replace(/--[^\n]*/g, (m) => ' '.repeat(m.length));
  for (const m of clean.matchAll(/SET\s+'([^']+)'\s*=\s*'([^']*)'/gi)) settings[m[1]!] = m[2]!;
  for (const m of clean.matchAll(/CREATE\s+TABLE\s+([\w$]+)\s*\(([\s\S]*?)\)\s*WITH\s*\(([\s\S]*?)\)\s*;/gi)) {
    const body = m[2]!;
    const columns = body
      .split(/,(?![^(]*\))/)
      .map((c) => c.trim())
      .filter((c) => c && !/^(PRIMARY|WATERMARK)\b/i.test(c))
      .map((c) => {
        const [name, ...type] = c.split(/\s+/);
        return { name: name!, type: type.join(' ') || 'STRING', nullable: true };
      });
    const pk = /PRIMARY\s+KEY\s*\(([^)]*)\)/i.exec(body)?.[1]?.split(',').map((s) => s.trim()) ?? [];
    const wm = /WATERMARK\s+FOR\s+(\w+)\s+AS\s+([^,]+)/i.exec(body);
    const options: Record<string, string> = {};
    for (const o of m[3]!.matchAll(/'([^']+)'\s*=\s*'([^']*)'/g)) options[o[1]!] = o[2]!;
    tables.push({
      name: m[1]!,
      layer: layerOf(m[1]!),
      connector: options.connector ?? 'unknown',
      columns,
      primaryKey: pk,
      watermark: wm ? { column: wm[1]!, expression: wm[2]!.trim() } : null,
      partitionedBy: [],
      options,
      comment: null,
      span: span(script, m.index!, m.index! + m[0].length - 1),
    });
  }
  let n = 0;
  for (const m of clean.matchAll(/INSERT\s+INTO\s+([\w$]+)([\s\S]*?);/gi)) {
    const from = [...m[2]!.matchAll(/\b(?:FROM|JOIN)\s+([\w$]+)/gi)].map((x) => x[1]!);
    if (!/\bFROM\b/i.test(m[2]!)) {
      diagnostics.push({ severity: 'error', code: 'parse', message: 'Expected FROM after the select list.', span: span(script, m.index!, m.index! + m[0].length - 1) });
    }
    const kinds: OperatorKind[] = ['Source'];
    if (/\bWHERE\b|\bAS\b/i.test(m[2]!)) kinds.push('Calc');
    if (/\bJOIN\b/i.test(m[2]!)) kinds.push('Join');
    if (/\bGROUP\s+BY\b/i.test(m[2]!)) kinds.push('GroupAggregate');
    kinds.push('Sink');
    const hints = [...m[2]!.matchAll(/\/\*\+\s*(\w+)\(([^)]*)\)\s*\*\//g)].map((h) => ({
      name: h[1]!,
      options: Object.fromEntries([...h[2]!.matchAll(/'([^']+)'\s*=\s*'([^']*)'/g)].map((x) => [x[1]!, x[2]!])),
      span: span(script, m.index!, m.index!),
    }));
    n++;
    jobs.push({
      id: `job-${n}`,
      name: `INSERT INTO ${m[1]}`,
      sourceTables: [...new Set(from)],
      sinkTable: m[1]!,
      operators: kinds.map((kind, i) => ({
        id: i,
        kind,
        label: kind === 'Source' ? `TableSourceScan(table=[${from[0]}])` : kind === 'Sink' ? `Sink(table=[${m[1]}])` : `${kind}(...)`,
        changelogMode: kind === 'GroupAggregate' || (kind === 'Sink' && kinds.includes('GroupAggregate')) ? 'retract' : 'insert-only',
        parallelism: 1,
        hints: kind === 'Calc' || kind === 'GroupAggregate' ? hints : [],
        inputs: i ? [i - 1] : [],
      })),
      span: span(script, m.index!, m.index! + m[0].length - 1),
    });
  }
  for (const j of jobs)
    for (const t of [j.sinkTable, ...j.sourceTables])
      if (!tables.some((x) => x.name.toLowerCase() === t.toLowerCase()))
        diagnostics.push({ severity: 'error', code: 'unknown-table', message: `Table ${t} is not defined.`, span: j.span });
  return { pipeline: { tables, jobs, settings }, diagnostics };
}

export function compile(script: string): CompileResult {
  const { pipeline, diagnostics } = parse(script);
  return { ok: !diagnostics.some((d) => d.severity === 'error'), pipeline, diagnostics };
}

export function createSimulation(script: string, options: SimulationOptions): Simulation {
  const { pipeline } = parse(script);
  const seed = options.seed ?? 42;
  let now = 0;
  let status: SimulationStatus = 'ready';
  const history: MetricsSnapshot[] = [];
  const rowsOf = (t: TableInfo, at: number) => {
    const depth = t.layer === 'OTHER' ? 0 : ['ODS', 'DIM', 'DWD', 'DWS', 'ADS'].indexOf(t.layer);
    const n = Math.max(0, Math.floor((at - depth * 5000) / 50));
    return t.layer === 'ADS' || t.layer === 'DWS' ? Math.min(n, 50) : n;
  };
  const snap = (): MetricsSnapshot => ({
    now,
    tables: pipeline.tables.map((t) => ({ name: t.name, rows: rowsOf(t, now), freshnessMs: now > 5000 ? 2000 + ((now / 1000 + t.name.length * 7) % 30) * 1000 : null, changes: rowsOf(t, now), parseErrors: 0 })),
    sources: pipeline.jobs.flatMap((j) => j.sourceTables.map((s) => ({ jobId: j.id, table: s, lagRecords: Math.round(50 + 40 * Math.sin(now / 20000 + seed)), lagMs: Math.round(1500 + 1000 * Math.sin(now / 30000)) }))),
    operators: pipeline.jobs.flatMap((j) => j.operators.map((o) => ({ jobId: j.id, operatorId: o.id, kind: o.kind, recordsIn: now / 50, recordsOut: now / 50, throughput: 20 + 3 * Math.sin(now / 10000 + o.id), stateRows: o.kind === 'GroupAggregate' ? Math.min(50, now / 1000) : 0, stateBytes: o.kind === 'GroupAggregate' ? Math.min(50, now / 1000) * 64 : 0 }))),
    checkpoints: { completed: Math.floor(now / 30000), failed: 0, lastDurationMs: now > 30000 ? 420 : null, lastCompletedAt: now > 30000 ? Math.floor(now / 30000) * 30000 : null },
  });
  const runFor = (ms: number) => {
    const end = now + ms;
    while (Math.floor(now / 1000) < Math.floor(end / 1000)) {
      now = (Math.floor(now / 1000) + 1) * 1000;
      history.push(snap());
    }
    now = end;
    status = 'running';
    return { now, status, error: null };
  };
  return {
    now: () => now,
    epochMs: Date.UTC(2026, 0, 1),
    seed,
    pipeline,
    status: () => status,
    step: () => runFor(1000),
    runFor,
    runToEnd: (max = 60_000) => runFor(max),
    tableNames: () => pipeline.tables.map((t) => t.name),
    readTable(name) {
      const t = pipeline.tables.find((x) => x.name === name)!;
      const n = Math.min(rowsOf(t, now), 500);
      return {
        columns: t.columns,
        rows: Array.from({ length: n }, (_, i) => t.columns.map((c) => (/INT|DECIMAL|DOUBLE/i.test(c.type) ? i + 1 : /TIMESTAMP/i.test(c.type) ? '2026-01-01 00:00:00' : `v${i}`))),
      };
    },
    changelog(name, limit = 50) {
      const t = pipeline.tables.find((x) => x.name === name)!;
      const kinds = ['+I', '-U', '+U', '-D'] as const;
      return Array.from({ length: Math.min(limit, rowsOf(t, now)) }, (_, i) => ({ time: now - i * 50, kind: kinds[i % 4]!, row: t.columns.map((_c, j) => i * 10 + j) })).reverse();
    },
    metrics: snap,
    metricsHistory: () => history.slice(),
  };
}
