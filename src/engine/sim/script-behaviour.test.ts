// Scripts end to end through the public API (src/engine/index.ts): row-kind hints, job numbering,
// watermarks, connector option diagnostics, error messages and where runtime failures point,
// hostile names, changelog-mode sink checks, and constructs a streaming job cannot run.
import { describe, expect, it } from 'vitest';
import { compile, createSimulation, jobRanges, jobStatementRange } from '../index';
import { parseScript } from '../sql/index';
import { planScript, toPipelineGraph } from '../plan/index';
import { SimulationRuntime } from './simulation';
import { createOperator, type OperatorFactory } from './operators';

const ORDERS = ['id,sku,qty', '1,a,1', '2,b,2', '3,a,3', '4,a,4', '5,b,5'].join('\n');

describe('DROP_ROW_KIND', () => {
  const script = (kinds: string, sink: string) => `
    CREATE TABLE ods (id INT, sku STRING, qty INT) WITH ('connector' = 'filesystem', 'path' = 'o.csv', 'format' = 'csv');
    CREATE TABLE ads (sku STRING, total INT${sink.includes('jdbc') ? ', PRIMARY KEY (sku) NOT ENFORCED' : ''}) WITH (${sink});
    INSERT INTO ads /*+ DROP_ROW_KIND('kinds' = '${kinds}') */ SELECT sku, SUM(qty) FROM ods GROUP BY sku;`;

  it("'-U,-D' makes an append stream: an aggregate runs into an append-only kafka json sink, updates arriving as +I", () => {
    const c = compile(script('-U,-D', "'connector' = 'kafka', 'topic' = 't', 'format' = 'json'"));
    expect(c.ok).toBe(true);
    const ops = c.pipeline!.jobs[0]!.operators;
    expect(ops.find((o) => o.kind === 'DropRowKind')!.changelogMode).toBe('insert-only');
    for (const seed of [1, 2, 3]) {
      const sim = createSimulation(script('-U,-D', "'connector' = 'kafka', 'topic' = 't', 'format' = 'json'"), { seed, files: { 'o.csv': ORDERS } });
      expect(sim.runToEnd()).toMatchObject({ status: 'finished', error: null });
      const rows = sim.readTable('ads').rows as [string, number][];
      // Every +U became a +I: the newest row per sku is the final total.
      const last = new Map(rows.map(([k, v]) => [k, v]));
      expect([...last.entries()].sort()).toEqual([
        ['a', 8],
        ['b', 7],
      ]);
      expect(sim.changelog('ads').every((e) => e.kind === '+I')).toBe(true);
    }
  });

  it("'-U' keeps an upsert stream (+I, +U, -D): a changelog sink sees no -U", () => {
    const c = compile(script('-U', "'connector' = 'kafka', 'topic' = 't', 'format' = 'changelog-json'"));
    expect(c.ok).toBe(true);
    expect(c.pipeline!.jobs[0]!.operators.find((o) => o.kind === 'DropRowKind')!.changelogMode).toBe('upsert');
    const sim = createSimulation(script('-U', "'connector' = 'kafka', 'topic' = 't', 'format' = 'changelog-json'"), { files: { 'o.csv': ORDERS } });
    expect(sim.runToEnd().status).toBe('finished');
    const kinds = new Set(sim.changelog('ads').map((e) => e.kind));
    expect(kinds.has('-U')).toBe(false);
    expect(kinds.has('+U')).toBe(true);
  });

  it("'-U' is still rejected by an append-only sink, as the stream still updates", () => {
    const c = compile(script('-U', "'connector' = 'kafka', 'topic' = 't', 'format' = 'json'"));
    expect(c.ok).toBe(false);
    expect(c.diagnostics.find((d) => d.severity === 'error')!.message).toMatch(/^Table sink 'default_catalog.default_database.ads' doesn't support consuming update changes which is produced by node GroupAggregate/);
  });
});

describe('job numbering', () => {
  const tables = `CREATE TABLE a (x INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3');
CREATE TABLE b (x INT) WITH ('connector' = 'print');
CREATE TABLE c (x INT) WITH ('connector' = 'blackhole');
`;
  const idsAndTexts = (script: string) => {
    const c = compile(script);
    return c.pipeline!.jobs.map((j) => [j.id, jobStatementRange(script, j.id)!.text.slice(0, 15)]);
  };

  it('job-N of the pipeline is the N-th job statement of the editor (INSERTs, statement sets, MERGEs)', () => {
    const script =
      tables +
      `INSERT INTO b SELECT x FROM a;
MERGE INTO b USING a ON b.x = a.x WHEN NOT MATCHED THEN INSERT *;
EXECUTE STATEMENT SET BEGIN
  INSERT INTO c SELECT x FROM a;
  INSERT INTO b SELECT x + 1 FROM a;
END;
INSERT INTO c SELECT x FROM a;`;
    expect(jobRanges(script).map((r) => r.kind)).toEqual(['Insert', 'Merge', 'Insert', 'Insert', 'Insert']);
    expect(idsAndTexts(script)).toEqual([
      ['job-1', 'INSERT INTO b S'],
      ['job-3', 'INSERT INTO c S'],
      ['job-4', 'INSERT INTO b S'],
      ['job-5', 'INSERT INTO c S'],
    ]);
    // the MERGE into a print table (no key) fails to plan, and keeps its number
    expect(compile(script).diagnostics.find((d) => d.severity === 'error')!.message).toMatch(/^MERGE INTO b needs a PRIMARY KEY/);
  });

  it('an INSERT that does not parse still takes its number, so later jobs keep theirs', () => {
    const script = tables + `INSERT INTO b SELECT x FROM a;\nINSERT INTO c SELEC x FROM a;\nINSERT INTO c SELECT x * 2 FROM a;`;
    expect(idsAndTexts(script)).toEqual([
      ['job-1', 'INSERT INTO b S'],
      ['job-3', 'INSERT INTO c S'],
    ]);
    expect(jobStatementRange(script, 'job-3')!.text).toBe('INSERT INTO c SELECT x * 2 FROM a');
  });

  it('job ids are the ones the simulation reports in metrics', () => {
    const script = tables + `INSERT INTO b SELECT x FROM a;\nINSERT INTO c SELECT x FROM a;`;
    const sim = createSimulation(script);
    sim.runToEnd();
    expect([...new Set(sim.metrics().operators.map((o) => o.jobId))]).toEqual(['job-1', 'job-2']);
  });
});

describe('watermarks', () => {
  const script = `SET 'sim.duration' = '5 s';
CREATE TABLE ods (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
  WITH ('connector' = 'datagen', 'rows-per-second' = '10', 'fields.ts.max-past' = '500 ms');
CREATE TABLE plain (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '10');
CREATE TABLE out (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO out SELECT o.id FROM ods o JOIN plain p ON o.id = p.id;
INSERT INTO out SELECT id FROM ods WHERE id > 0;`;

  it('a source reports max event time minus the delay as its watermark; a table without WATERMARK reports null', () => {
    const sim = createSimulation(script);
    expect(sim.metrics().sources.map((s) => s.watermark)).toEqual([null, null, null]);
    sim.runFor(3000);
    const m = sim.metrics();
    const [joinOds, joinPlain, filterOds] = m.sources;
    expect(joinPlain).toMatchObject({ table: 'plain', watermark: null });
    // Rows arrive up to `now`, their ts is up to 500 ms in the past: the newest ts is at most now.
    expect(joinOds!.table).toBe('ods');
    expect(joinOds!.watermark).toBeLessThanOrEqual(3000 - 2000);
    expect(joinOds!.watermark).toBeGreaterThan(3000 - 2000 - 600);
    expect(filterOds!.watermark).toBeLessThanOrEqual(1000);
    // The watermark equals the newest ts read minus 2 s.
    const newestTs = Math.max(...sim.readTable('ods').rows.map((r) => Date.parse(String(r[1]).replace(' ', 'T') + 'Z') - sim.epochMs));
    expect(filterOds!.watermark).toBe(newestTs - 2000);
  });

  it('watermarks flow to operators: min over inputs, never backwards, only from sources with WATERMARK', () => {
    const parsed = parseScript(script);
    const { plan } = planScript(parsed.statements);
    const seen = new Map<string, number[]>();
    const factory: OperatorFactory = (node, arity, config, ctx) => {
      const op = createOperator(node, arity, config, ctx);
      if (!op) return op;
      const key = `${node.kind}`;
      op.onWatermark = (w) => {
        (seen.get(key) ?? seen.set(key, []).get(key)!).push(w);
        return [];
      };
      return op;
    };
    const sim = new SimulationRuntime({ plan, pipeline: toPipelineGraph(plan), seed: 1, operatorFactory: factory });
    sim.runFor(3000);
    // The join reads `plain` (no WATERMARK): its input watermark is the minimum, so it never advances.
    expect(seen.get('Join')).toBeUndefined();
    const calc = seen.get('Calc')!;
    expect(calc.length).toBeGreaterThan(5);
    expect([...calc].sort((a, b) => a - b)).toEqual(calc);
    expect(calc.at(-1)! - sim.epochMs).toBe(sim.metrics().sources[2]!.watermark);
  });
});

describe('connector options', () => {
  const at = (script: string, needle: string) => {
    const offset = script.indexOf(needle);
    const before = script.slice(0, offset).split('\n');
    return { line: before.length, column: before.at(-1)!.length + 1 };
  };
  const diags = (script: string) => compile(script).diagnostics.map((d) => ({ severity: d.severity, message: d.message, ...d.span.start, code: d.code }));

  it('an option the connector does not have is an error at its key, with a suggestion or the supported list', () => {
    const script = `CREATE TABLE src (id BIGINT, name STRING) WITH (
  'connector' = 'datagen', 'rows-per-secnd' = '5', 'bogus' = 'x', 'fields.nme.length' = '5');`;
    const d = diags(script);
    expect(d[0]).toMatchObject({
      severity: 'error',
      code: 'connector',
      message: "unsupported option 'rows-per-secnd' for connector 'datagen'; did you mean 'rows-per-second'?",
      ...at(script, "'rows-per-secnd'"),
    });
    expect(d[1]).toMatchObject({ severity: 'error', ...at(script, "'bogus'") });
    expect(d[1]!.message).toMatch(/^unsupported option 'bogus' for connector 'datagen'; supported options: connector, rows-per-second, number-of-rows, fields\.<column>\.kind, /);
    expect(d[2]).toMatchObject({
      message: "option 'fields.nme.length' names column 'nme', which table src does not have; did you mean 'fields.name.length'?",
      ...at(script, "'fields.nme.length'"),
    });
  });

  it("a format's option needs that format; enum values are checked at the value; kafka client properties pass", () => {
    const script = `CREATE TABLE k (id BIGINT) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'b:9092',
  'format' = 'csv', 'json.ignore-parse-errors' = 'true', 'scan.startup.mode' = 'earlist-offset', 'properties.max.poll.records' = '10');`;
    expect(diags(script)).toEqual([
      expect.objectContaining({ severity: 'error', message: "option 'json.ignore-parse-errors' belongs to format 'json', but table k uses format 'csv'", ...at(script, "'json.ignore") }),
      expect.objectContaining({
        severity: 'error',
        message: "option 'scan.startup.mode' must be one of 'earliest-offset', 'latest-offset', 'group-offsets', 'timestamp', 'specific-offsets', not 'earlist-offset'",
        ...at(script, "'earlist-offset'"),
      }),
    ]);
  });

  it('a Flink option the simulator does not model is a warning; a missing option Flink requires is a warning', () => {
    const script = `CREATE TABLE f (id BIGINT) WITH ('connector' = 'filesystem', 'path' = 'x.csv', 'format' = 'csv', 'csv.escape-character' = '^');
CREATE TABLE j (id BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:mysql://h/db');`;
    const c = compile(script);
    expect(c.ok).toBe(true);
    expect(diags(script)).toEqual([
      expect.objectContaining({ severity: 'warning', message: "option 'csv.escape-character' is not simulated: Freshet ignores it, Flink would not", ...at(script, "'csv.escape") }),
      expect.objectContaining({
        severity: 'warning',
        message: "table j has no 'table-name' option: Flink requires it for connector 'jdbc' (the simulation runs without it)",
        ...at(script, 'j (id'),
      }),
    ]);
  });

  it('the examples and options written the way the catalog documents them give no diagnostics', () => {
    const script = `CREATE TABLE g (id BIGINT, s STRING, ts TIMESTAMP(3)) WITH ('connector' = 'datagen', 'rows-per-second' = '5', 'number-of-rows' = '10',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '10', 'fields.s.values' = 'a,b', 'fields.s.null-rate' = '0.1', 'fields.ts.max-past' = '1 s');
CREATE TABLE u (id BIGINT, n BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'upsert-kafka', 'topic' = 'u', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'json', 'value.format' = 'json', 'partitions' = '2', 'retention.ms' = '60000');
INSERT INTO u SELECT id, COUNT(*) FROM g GROUP BY id;`;
    expect(compile(script).diagnostics).toEqual([]);
  });

  it('a value the connector rejects points at that option', () => {
    const script = `CREATE TABLE g (id BIGINT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1');
CREATE TABLE b (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO b SELECT id FROM g;`;
    expect(diags(script)).toEqual([
      expect.objectContaining({ severity: 'error', message: "table g: a sequence field needs both 'fields.id.start' and 'fields.id.end'", ...at(script, "'1')") }),
    ]);
  });

  it("a reader option that fails only when its job is built (an OPTIONS hint) points at that job's statement", () => {
    const script = `CREATE TABLE a (x INT) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json');
CREATE TABLE b (x INT) WITH ('connector' = 'print');
CREATE TABLE c (x INT) WITH ('connector' = 'print');
INSERT INTO b SELECT x FROM a;
INSERT INTO c SELECT x FROM a /*+ OPTIONS('scan.startup.mode' = 'timestamp') */;`;
    expect(diags(script)).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'connector',
        message: "job-2 (INSERT INTO c): 'scan.startup.mode' = 'timestamp' needs 'scan.startup.timestamp-millis' (epoch ms)",
        ...at(script, 'INSERT INTO c'),
      }),
    ]);
  });
});

describe('error messages', () => {
  it('a misspelt column type is one error: the table is still declared, so no "unknown table" follows', () => {
    const c = compile(`CREATE TABLE src (id BIGINT, name STRNG) WITH ('connector' = 'datagen', 'number-of-rows' = '3');
CREATE TABLE out (id BIGINT, name STRING) WITH ('connector' = 'print');
INSERT INTO out SELECT id, name FROM src;`);
    expect(c.diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.severity}: ${d.message}`)).toEqual([
      "1:35 error: unknown type 'STRNG'; did you mean STRING?",
    ]);
    expect(c.ok).toBe(false);
  });
});

describe('runtime failures', () => {
  it('a division by zero fails the job with the job named and the expression located', () => {
    const script = `CREATE TABLE g (id BIGINT, v INT) WITH ('connector' = 'datagen', 'number-of-rows' = '5', 'fields.v.min' = '0', 'fields.v.max' = '0');
CREATE TABLE out (id BIGINT, r INT, m INT) WITH ('connector' = 'print');
INSERT INTO out SELECT id, CAST(v + 1 AS INT), MOD(id, v) FROM g GROUP BY id, v;`;
    const r = createSimulation(script).runToEnd();
    expect(r).toMatchObject({ status: 'failed', error: 'job-1 (INSERT INTO out) failed: division by zero' });
    expect(r.errorSpan).toMatchObject({ start: { line: 3, column: 48 }, end: { line: 3, column: 58 } });
  });

  it('a CAST that does not convert points at the CAST; GROUP BY still matches a located expression', () => {
    const script = `CREATE TABLE g (id BIGINT, s STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '5', 'fields.s.values' = 'x');
CREATE TABLE out (k INT, n BIGINT) WITH ('connector' = 'print');
INSERT INTO out SELECT CAST(s AS INT), COUNT(*) FROM g GROUP BY CAST(s AS INT);`;
    expect(compile(script).ok).toBe(true);
    const r = createSimulation(script).runToEnd();
    expect(r.error).toBe("job-1 (INSERT INTO out) failed: cannot cast 'x' to INT");
    // The key is computed once, below the aggregate: the GROUP BY's CAST is the one evaluated.
    expect(r.errorSpan).toMatchObject({ start: { line: 3, column: 65 } });
  });

  it('a malformed file row names the file and line, not a place in the script', () => {
    const script = `CREATE TABLE f (id INT) WITH ('connector' = 'filesystem', 'path' = 'in.csv', 'format' = 'csv');
CREATE TABLE out (id INT) WITH ('connector' = 'blackhole');
INSERT INTO out SELECT id FROM f;`;
    const r = createSimulation(script, { files: { 'in.csv': 'id\n1\nx\n' } }).runToEnd();
    expect(r.error).toBe("job-1 (INSERT INTO out) failed: in.csv:3: column 'id': cannot read 'x' as INT");
    expect(r.errorSpan).toBeUndefined();
  });
});

describe('hostile names and data', () => {
  it("paths, tables, columns and values named like Object's properties stay plain data", () => {
    const script = `CREATE TABLE f (id INT, name STRING) WITH ('connector' = 'filesystem', 'path' = '__proto__', 'format' = 'json');
CREATE TABLE \`constructor\` (\`__proto__\` STRING, n BIGINT, PRIMARY KEY (\`__proto__\`) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'u', 'table-name' = 't');
INSERT INTO \`constructor\` SELECT name, COUNT(*) FROM f GROUP BY name;`;
    const files = JSON.parse('{"__proto__": "{\\"id\\":1,\\"name\\":\\"__proto__\\"}\\n{\\"id\\":2,\\"name\\":\\"constructor\\",\\"__proto__\\":{\\"x\\":1}}"}') as Record<string, string>;
    const sim = createSimulation(script, { files });
    expect(sim.runToEnd()).toMatchObject({ status: 'finished' });
    expect(sim.readTable('constructor').rows).toEqual([
      ['__proto__', 1],
      ['constructor', 1],
    ]);
    // A path that is only an inherited property name is a missing file, not a crash.
    const missing = createSimulation(script.replace("'__proto__', 'format'", "'toString', 'format'")).runToEnd();
    expect(missing).toMatchObject({ status: 'failed', error: "job-1 (INSERT INTO constructor) failed: toString: file not found (table 'f' reads it)" });
  });
});

describe('changelog modes and sink checks, as Flink words them', () => {
  it('names the node that produces the updates', () => {
    const script = `CREATE TABLE a (id INT, v INT) WITH ('connector' = 'datagen', 'number-of-rows' = '5');
CREATE TABLE b (id INT, w INT) WITH ('connector' = 'datagen', 'number-of-rows' = '5');
CREATE TABLE cl (id INT, v INT) WITH ('connector' = 'kafka', 'topic' = 'cl', 'format' = 'changelog-json', 'properties.bootstrap.servers' = 'x');
CREATE TABLE up (id INT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'upsert-kafka', 'topic' = 'up', 'key.format' = 'json', 'value.format' = 'json', 'properties.bootstrap.servers' = 'x');
CREATE TABLE j (id INT, v INT) WITH ('connector' = 'kafka', 'topic' = 'j', 'format' = 'json', 'properties.bootstrap.servers' = 'x');
CREATE TABLE fs (id INT, v INT) WITH ('connector' = 'filesystem', 'path' = 'o', 'format' = 'json');
INSERT INTO j SELECT a.id, b.w FROM a LEFT JOIN b ON a.id = b.id;
INSERT INTO fs SELECT id, v FROM cl;
INSERT INTO j SELECT id, v FROM up;
INSERT INTO fs SELECT id, CAST(COUNT(*) AS INT) FROM cl GROUP BY id;
INSERT INTO fs SELECT DISTINCT id, v FROM a;
INSERT INTO fs SELECT a.id, b.w FROM a JOIN b ON a.id = b.id;`;
    const sink = (t: string) => `Table sink 'default_catalog.default_database.${t}' doesn't support consuming`;
    expect(compile(script).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.start.line}: ${d.message}`)).toEqual([
      `7: ${sink('j')} update and delete changes which is produced by node Join(joinType=[LeftOuterJoin], where=[=(id, id0)], select=[id, v, id0, w])`,
      `8: ${sink('fs')} update and delete changes which is produced by node TableSourceScan(table=[[default_catalog, default_database, cl]], fields=[id, v])`,
      `9: ${sink('j')} update and delete changes which is produced by node ChangelogNormalize(key=[id])`,
      `10: ${sink('fs')} update and delete changes which is produced by node GroupAggregate(groupBy=[id], select=[id, COUNT(*) AS EXPR$1])`,
      `11: ${sink('fs')} update changes which is produced by node GroupAggregate(groupBy=[id, v], select=[id, v])`,
    ]);
  });
});

describe('constructs the parser accepts but a streaming job cannot run', () => {
  it('INSERT OVERWRITE, static PARTITION and OVER windows are errors, not silently planned', () => {
    const c = compile(`CREATE TABLE a (id INT, v INT) WITH ('connector' = 'datagen', 'number-of-rows' = '5');
CREATE TABLE f (id INT, v INT) PARTITIONED BY (v) WITH ('connector' = 'filesystem', 'path' = 'o', 'format' = 'json');
INSERT OVERWRITE f SELECT id, v FROM a;
INSERT INTO f PARTITION (v = 1) SELECT id FROM a;
INSERT INTO f SELECT id, ROW_NUMBER() OVER (PARTITION BY id ORDER BY v) FROM a;`);
    expect(c.diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.message}`)).toEqual([
      "3:1 INSERT OVERWRITE is not supported in a streaming job (Flink rejects it too); run it in batch mode (SET 'execution.runtime-mode' = 'batch'), or use MERGE INTO to repair rows",
      '4:26 not supported yet: a static PARTITION (...) in INSERT; select the partition column values in the query instead',
      '5:26 not supported: ROW_NUMBER() OVER (...) without a filter on its result; Flink runs it only as Top-N or deduplication: select it in a subquery and filter the outer query with WHERE rn <= N (or use QUALIFY ROW_NUMBER() OVER (...) <= N)',
    ]);
  });
});
