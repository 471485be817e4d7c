// Round trip: an exported script, imported back into Freshet with its placeholders substituted by
// the values the simulation used (and the simulator's own settings put back), compiles, and its
// simulation gives the same tables as the original, except the tables the report says may differ
// (`tables` of a lost or approximated entry) and everything a lost change feeds.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, createSimulation, exportFlinkSql, type ExportResult, type FreshetSimulation } from '../index';
import { parseScript } from '../sql/index';
import { EXPORT_TARGETS, isClusterKey } from './targets';
import { substitutePlaceholders } from './placeholders';
import { buildScript } from '../../../test/differential/harness';
import { genDataset } from '../../../test/differential/gen';
import { PIPELINES_CASES } from '../../../test/differential/cases/pipelines';
import { CHANGELOG_CASES } from '../../../test/differential/cases/changelog';
import { WINDOW_CASES } from '../../../test/differential/cases/windows';
import { RANKING_CASES } from '../../../test/differential/cases/ranking';
import { LAKE_STREAM_CASES } from '../../../test/differential/cases/lake-streams';

const EXAMPLES_DIR = path.resolve(__dirname, '../../../examples');
/** Virtual time a run of an unbounded example lasts in this test (the examples' own sim.duration is minutes). */
const RUN_MS = 60_000;

function filesOf(script: string, dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const t of compile(script).pipeline?.tables ?? []) {
    if (t.connector !== 'filesystem') continue;
    const p = Object.entries(t.options).find(([k]) => k.toLowerCase() === 'path')?.[1];
    if (p === undefined) continue;
    try {
      files[p] = readFileSync(path.resolve(dir, p), 'utf8');
    } catch {
      // A table only written has no file.
    }
  }
  return files;
}

/**
 * The exported SQL as Freshet reads it: placeholders back, the simulator's and cluster settings
 * prepended. A changelog-json file the report says must be converted to Debezium JSON is given as
 * its converted copy when the test data has one (`x.debezium.json`, as the differential harness
 * writes it).
 */
function reimport(original: string, result: ExportResult, files: Record<string, string>): { script: string; converted: boolean } {
  const settings: string[] = [];
  for (const st of parseScript(original).statements) if (st.kind === 'Set' && st.key.startsWith('sim.')) settings.push(`SET '${st.key}' = '${st.value.replace(/'/g, "''")}';`);
  for (const [k, v] of Object.entries(result.config)) if (isClusterKey(k)) settings.push(`SET '${k}' = '${v}';`);
  const converted = result.placeholders.map((p) => {
    const debezium = p.simulatedValue.replace(/\.json$/, '.debezium.json');
    const mustConvert = result.report.some((e) => e.message.includes('converted to Debezium JSON') && p.usedBy.some((t) => e.tables.includes(t)));
    return mustConvert && files[debezium] !== undefined ? { ...p, simulatedValue: debezium } : p;
  });
  return { script: settings.join('\n') + '\n' + substitutePlaceholders(result.sql, converted), converted: converted.some((p, i) => p !== result.placeholders[i]) };
}

/**
 * Tables the report says may differ, what the lost changes feed (through the jobs), and the change
 * logs (topics, print) an approximated table feeds: their records may interleave otherwise while
 * every materialized table ends the same.
 */
function excluded(script: string, result: ExportResult, converted: boolean): Set<string> {
  const out = new Set<string>();
  const fromLost = new Set<string>();
  for (const e of result.report) {
    if (e.severity === 'changed') continue;
    // The conversion the report asks for was done (the test data has the Debezium copy).
    if (converted && e.message.includes('converted to Debezium JSON')) continue;
    for (const t of e.tables) {
      out.add(t.toLowerCase());
      if (e.severity === 'lost') fromLost.add(t.toLowerCase());
    }
  }
  const pipeline = compile(script).pipeline;
  const jobs = pipeline?.jobs ?? [];
  const isLog = (t: string) => ['kafka', 'upsert-kafka', 'print'].includes(pipeline?.tables.find((x) => x.name.toLowerCase() === t)?.connector.toLowerCase() ?? '');
  const approximated = new Set([...out].filter((t) => !fromLost.has(t)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const j of jobs) {
      const sink = j.sinkTable.toLowerCase();
      if (j.sourceTables.some((s) => fromLost.has(s.toLowerCase())) && !fromLost.has(sink)) {
        fromLost.add(sink);
        out.add(sink);
        grew = true;
      }
      if (j.sourceTables.some((s) => approximated.has(s.toLowerCase())) && isLog(sink) && !approximated.has(sink)) {
        approximated.add(sink);
        out.add(sink);
        grew = true;
      }
    }
  }
  return out;
}

function run(script: string, files: Record<string, string>): { sim: FreshetSimulation; error: string | null } {
  const sim = createSimulation(script, { seed: 7, files });
  const r = sim.isBounded() ? sim.runToEnd() : sim.runFor(RUN_MS);
  return { sim, error: r.status === 'failed' ? (r.error ?? 'failed') : null };
}

function tablesOf(sim: FreshetSimulation, skip: Set<string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of sim.tableNames()) {
    if (skip.has(name.toLowerCase())) continue;
    const data = sim.readTable(name);
    out[name] = data.rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort();
  }
  return out;
}

const SCRIPTS: { name: string; script: string; files: Record<string, string> }[] = [
  // `*.fix.sql` are repair statements for `freshet run --repair` over another example's tables.
  ...readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.sql') && !f.endsWith('.fix.sql'))
    .map((f) => {
      const script = readFileSync(path.join(EXAMPLES_DIR, f), 'utf8');
      return { name: `examples/${f}`, script, files: filesOf(script, EXAMPLES_DIR) };
    }),
  ...[...PIPELINES_CASES, ...CHANGELOG_CASES, ...WINDOW_CASES, ...RANKING_CASES, ...LAKE_STREAM_CASES]
    .filter((c) => !c.knownIssue)
    .map((c) => ({ name: `case ${c.name}`, ...buildScript(c, 2, genDataset(2)) })),
];

describe('round trip: export, re-import, same tables', () => {
  for (const target of EXPORT_TARGETS) {
    for (const { name, script, files } of SCRIPTS) {
      it(`${name} -> ${target}`, () => {
        const result = exportFlinkSql(script, { target });
        expect(result.ok).toBe(true);
        const { script: back, converted } = reimport(script, result, files);
        const compiled = compile(back);
        expect(compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
        const skip = excluded(script, result, converted);
        const original = run(script, files);
        expect(original.error).toBeNull();
        const exported = run(back, files);
        if (exported.error !== null) {
          // Only a failure the report predicts: a lost change that says the job fails (Iceberg's
          // Flink source on a table with overwrite or delete snapshots).
          expect(exported.error).toMatch(/Found overwrite operation|Found delete operation/);
          expect(result.report.some((e) => e.severity === 'lost' && e.message.includes('fails at its first overwrite or delete snapshot'))).toBe(true);
          return;
        }
        const want = tablesOf(original.sim, skip);
        const got = tablesOf(exported.sim, skip);
        expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
        // A differential case's sink is compared unless it is a change log fed by a topic whose partition count changed.
        if (name.startsWith('case ') && !skip.has('diff_sink')) expect(Object.keys(want)).toContain('diff_sink');
        // Examples feed every table from datagen value lists (lost): for them the round trip checks compile and run.
        if (name.startsWith('case ')) expect(Object.keys(want).length).toBeGreaterThan(0);
        for (const t of Object.keys(want)) expect(got[t], `table ${t}`).toEqual(want[t]);
      });
    }
  }
});
