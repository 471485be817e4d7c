// Script edits behind the canvas: add, connect, rename and delete tables (statement ranges for
// the editor are in statements.ts). Each edit is a pure function from script text to new script text; it
// locates what to change with the parser (and the lexer where a statement does not parse) and
// touches only those bytes, so comments and formatting elsewhere survive as written.
import type { Statement } from '../sql/ast';
import { RESERVED_WORDS } from '../sql';
import { layerOf, type Layer } from '../types';
import { findConnector } from './catalog';
import { tableRefs, type RefSite } from './refs';
import {
  IDENT_RE,
  JOB_WORDS,
  findTable,
  identOf,
  isJobStatement,
  isPunct,
  isWord,
  jobTarget,
  modelOf,
  type Chunk,
  type ColumnModel,
  type ScriptModel,
  type TableModel,
} from '../script';
import { afterLine, appendBlock, applyReplacements, chunkEnd, insertBlockAt, wholeLines, type EditResult, type Replacement, type TextRange } from './text';

export interface NewColumn {
  name: string;
  /** SQL type as written, e.g. `BIGINT`, `DECIMAL(10, 2)`. */
  type: string;
}

export interface AddTableSpec {
  name: string;
  connector: string;
  layer?: Layer;
  columns?: NewColumn[];
  /** Primary key columns (jdbc, upsert-kafka and iceberg get `id` by default when there is one). */
  primaryKey?: string[];
  /**
   * WITH options that replace the connector's defaults (same key, in place) or follow them, e.g.
   * `{ 'format-version': '3', 'write.upsert.enabled': 'true' }` for a lake table.
   */
  options?: Record<string, string>;
}

export interface StatementRef {
  range: TextRange;
  /** 1-based line of the statement's first character. */
  line: number;
  kind: Statement['kind'] | 'Unknown';
  /** `INSERT INTO dwd_orders`, `CREATE VIEW v`, ... */
  summary: string;
}

export interface DeleteResult extends EditResult {
  /** Statements left in the script that still read the deleted table (the UI warns). */
  readers: StatementRef[];
}

// ---- identifiers ----------------------------------------------------------------------------

/** The parser's reserved words plus Flink's that a name would collide with on export. */
const RESERVED = new Set(
  (
    'ALL AND AS ASC BETWEEN BY CASE CAST CREATE CROSS CURRENT_DATE CURRENT_TIMESTAMP DATE DAY DELETE DESC DISTINCT ' +
    'ELSE END ENFORCED EXCEPT EXISTS EXTRACT FALSE FOR FROM FULL GROUP HAVING HOUR IF IN INNER INSERT INTERSECT ' +
    'INTERVAL INTO IS JOIN KEY LEFT LIKE LIMIT MATCHED MERGE MINUTE MONTH NOT NULL OF ON OR ORDER OUTER OVER ' +
    'OVERWRITE PARTITION PARTITIONED PRIMARY RESET RIGHT SECOND SELECT SET TABLE THEN TIME TIMESTAMP TO TRUE ' +
    'UNION UPDATE USER USING VALUE VALUES VIEW WATERMARK WHEN WHERE WITH YEAR'
  )
    .split(' ')
    .concat([...RESERVED_WORDS]),
);

/** A name as it must be written in SQL: plain when it can be, else backquoted. */
export function quoteIdent(name: string): string {
  if (IDENT_RE.test(name) && !RESERVED.has(name.toUpperCase())) return name;
  return '`' + name.replace(/`/g, '``') + '`';
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function checkIdentifier(name: string): void {
  if (!IDENT_RE.test(name)) {
    throw new Error(
      `"${name}" is not a valid table name: use letters, digits and underscores, starting with a letter or underscore`,
    );
  }
  if (RESERVED.has(name.toUpperCase())) {
    throw new Error(`"${name}" is a reserved SQL word and cannot be used as a table name`);
  }
}

const norm = (name: string): string => name.toLowerCase();

function tableNamed(model: ScriptModel, name: string): TableModel {
  const t = findTable(model, name);
  if (!t) throw new Error(`there is no table named "${name}" in the script`);
  return t;
}

// ---- addTable -------------------------------------------------------------------------------

function uniqueName(model: ScriptModel, wanted: string): string {
  const taken = new Set(model.tables.map((t) => norm(t.name)));
  if (!taken.has(norm(wanted))) return wanted;
  const m = /^(.*)_(\d+)$/.exec(wanted);
  const base = m ? m[1]! : wanted;
  for (let n = m ? Number(m[2]) + 1 : 2; ; n++) {
    const cand = `${base}_${n}`;
    if (!taken.has(norm(cand))) return cand;
  }
}

function defaultColumns(connector: string): NewColumn[] {
  if (connector === 'datagen') {
    return [
      { name: 'id', type: 'BIGINT' },
      { name: 'user_id', type: 'BIGINT' },
      { name: 'amount', type: 'DECIMAL(10, 2)' },
      { name: 'status', type: 'STRING' },
      { name: 'event_time', type: 'TIMESTAMP(3)' },
    ];
  }
  return [
    { name: 'id', type: 'BIGINT' },
    { name: 'name', type: 'STRING' },
    { name: 'amount', type: 'DECIMAL(10, 2)' },
    { name: 'updated_at', type: 'TIMESTAMP(3)' },
  ];
}

const INTEGER_TYPES = /^(TINYINT|SMALLINT|INT|INTEGER|BIGINT)\b/i;
const NUMERIC_TYPES = /^(DECIMAL|NUMERIC|DEC|DOUBLE|FLOAT|REAL)\b/i;
const STRING_TYPES = /^(STRING|VARCHAR|CHAR)\b/i;

function datagenOptions(columns: NewColumn[]): [string, string][] {
  const opts: [string, string][] = [['rows-per-second', '10']];
  let sequenceDone = false;
  for (const c of columns) {
    const f = `fields.${c.name}`;
    if (INTEGER_TYPES.test(c.type)) {
      if (!sequenceDone) {
        sequenceDone = true;
        opts.push([`${f}.kind`, 'sequence'], [`${f}.start`, '1'], [`${f}.end`, '1000000']);
      } else {
        opts.push([`${f}.min`, '1'], [`${f}.max`, '1000']);
      }
    } else if (NUMERIC_TYPES.test(c.type)) {
      opts.push([`${f}.min`, '1'], [`${f}.max`, '500']);
    } else if (STRING_TYPES.test(c.type)) {
      if (c.name === 'status') opts.push([`${f}.values`, 'CREATED,PAID,SHIPPED']);
      else opts.push([`${f}.length`, '8']);
    }
  }
  return opts;
}

function connectorOptions(name: string, connector: string, layer: Layer, columns: NewColumn[]): [string, string][] {
  const opts: [string, string][] = [['connector', connector]];
  switch (connector) {
    case 'datagen':
      opts.push(...datagenOptions(columns));
      break;
    case 'kafka':
      opts.push(
        ['topic', name],
        ['properties.bootstrap.servers', 'localhost:9092'],
        ['properties.group.id', 'freshet'],
        ['scan.startup.mode', 'earliest-offset'],
        ['format', layer === 'ODS' ? 'changelog-json' : 'json'],
      );
      break;
    case 'upsert-kafka':
      opts.push(
        ['topic', name],
        ['properties.bootstrap.servers', 'localhost:9092'],
        ['key.format', 'json'],
        ['value.format', 'json'],
      );
      break;
    case 'filesystem':
      opts.push(['path', `${name}.csv`], ['format', 'csv']);
      break;
    case 'jdbc':
      opts.push(['url', 'jdbc:mysql://localhost:3306/ads'], ['table-name', name]);
      break;
    case 'iceberg':
      opts.push(['catalog-name', 'lake'], ['catalog-type', 'hadoop'], ['warehouse', 'file:///warehouse'], ['format-version', '2']);
      break;
    default:
      break;
  }
  return opts;
}

function withOverrides(defaults: [string, string][], overrides: Record<string, string>): [string, string][] {
  const out = defaults.map(([k, v]): [string, string] => [k, overrides[k] ?? v]);
  for (const [k, v] of Object.entries(overrides)) if (!defaults.some(([d]) => d === k)) out.push([k, v]);
  return out;
}

/** The `CREATE TABLE` text for a new table (no trailing newline). */
export function createTableText(spec: AddTableSpec & { layer: Layer }): string {
  const connector = spec.connector.toLowerCase();
  const columns = spec.columns && spec.columns.length > 0 ? spec.columns : defaultColumns(connector);
  const spec2 = findConnector(connector);
  let pk = spec.primaryKey;
  if (!pk && (spec2?.requiresPrimaryKey || connector === 'jdbc' || connector === 'iceberg')) {
    const id = columns.find((c) => norm(c.name) === 'id') ?? columns[0];
    pk = id ? [id.name] : [];
  }
  const lines = columns.map((c) => `  ${quoteIdent(c.name)} ${c.type}`);
  if (pk && pk.length > 0) lines.push(`  PRIMARY KEY (${pk.map(quoteIdent).join(', ')}) NOT ENFORCED`);
  const opts = withOverrides(connectorOptions(spec.name, connector, spec.layer, columns), spec.options ?? {});
  return (
    `CREATE TABLE ${quoteIdent(spec.name)} (\n${lines.join(',\n')}\n) WITH (\n` +
    opts.map(([k, v]) => `  ${sqlString(k)} = ${sqlString(v)}`).join(',\n') +
    `\n);`
  );
}

/**
 * Adds a `CREATE TABLE` with sensible columns and options for the connector, after the last
 * table definition (or at the end). A taken name gets a suffix: `ods_orders_2`.
 */
export function addTable(script: string, spec: AddTableSpec): EditResult {
  checkIdentifier(spec.name);
  if (!findConnector(spec.connector)) {
    throw new Error(`unknown connector "${spec.connector}"`);
  }
  const model = modelOf(script);
  const name = uniqueName(model, spec.name);
  const layer = spec.layer ?? layerOf(name);
  const block = createTableText({ ...spec, name, layer });
  let lastDdl: Chunk | undefined;
  model.chunks.forEach((c, i) => {
    const st = model.chunkStatements[i];
    if (st?.kind === 'CreateTable' || st?.kind === 'CreateView' || (!st && isWord(model.tokens[c.first], 'CREATE'))) {
      lastDdl = c;
    }
  });
  const lastChunk = model.chunks[model.chunks.length - 1];
  if (lastDdl && lastDdl !== lastChunk && lastDdl.semi >= 0) {
    return insertBlockAt(script, afterLine(model, chunkEnd(model, lastDdl)), block);
  }
  return appendBlock(model, block);
}

// ---- connectTables --------------------------------------------------------------------------

type Family = 'int' | 'exact' | 'approx' | 'string' | 'bool' | 'date' | 'timestamp' | 'interval' | 'unknown';

function familyOf(type: string): Family {
  const t = type.toUpperCase();
  if (INTEGER_TYPES.test(t)) return 'int';
  if (/^(DECIMAL|NUMERIC|DEC)\b/.test(t)) return 'exact';
  if (/^(DOUBLE|FLOAT|REAL)\b/.test(t)) return 'approx';
  if (STRING_TYPES.test(t)) return 'string';
  if (/^BOOLEAN\b/.test(t)) return 'bool';
  if (/^DATE\b/.test(t)) return 'date';
  if (/^TIMESTAMP/.test(t)) return 'timestamp';
  if (/^INTERVAL\b/.test(t)) return 'interval';
  return 'unknown';
}

const NUMERIC: Family[] = ['int', 'exact', 'approx'];

function compatible(from: string, to: string): boolean {
  const a = familyOf(from);
  const b = familyOf(to);
  if (a === 'unknown' || b === 'unknown') return from === '' || to === '';
  return a === b || (NUMERIC.includes(a) && NUMERIC.includes(b));
}

const sameType = (a: string, b: string): boolean =>
  a === '' || b === '' || a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();

/**
 * The SELECT list that writes `target` from `source`: by name, else by position when the types
 * fit, else `CAST(NULL AS type)`. Differing types get an explicit CAST.
 */
export function mapColumns(source: ColumnModel[], target: ColumnModel[]): string[] {
  const writable = target.filter((c) => c.writable);
  const used = new Set<number>();
  const byName = new Map<string, number>();
  source.forEach((c, i) => byName.set(norm(c.name), i));
  const picks: (number | undefined)[] = writable.map((c) => {
    const i = byName.get(norm(c.name));
    if (i !== undefined) {
      used.add(i);
      return i;
    }
    return undefined;
  });
  // position fallback for the unmatched ones
  writable.forEach((c, pos) => {
    if (picks[pos] !== undefined) return;
    const s = source[pos];
    if (s && !used.has(pos) && !writable.some((w) => norm(w.name) === norm(s.name)) && compatible(s.type, c.type) && s.type !== '') {
      picks[pos] = pos;
      used.add(pos);
    }
  });
  return writable.map((c, pos) => {
    const i = picks[pos];
    const out = quoteIdent(c.name);
    if (i === undefined) return `CAST(NULL AS ${c.type || 'STRING'}) AS ${out}`;
    const s = source[i]!;
    const src = quoteIdent(s.name);
    if (!sameType(s.type, c.type)) return `CAST(${src} AS ${c.type}) AS ${out}`;
    return norm(s.name) === norm(c.name) ? src : `${src} AS ${out}`;
  });
}

/**
 * Appends `INSERT INTO target SELECT <columns> FROM source;` and selects it, so the UI can open
 * it in the editor.
 */
export function connectTables(script: string, source: string, target: string): EditResult {
  const model = modelOf(script);
  const src = tableNamed(model, source);
  const dst = tableNamed(model, target);
  if (src === dst) throw new Error(`a table cannot feed itself: "${src.name}"`);
  if (dst.kind === 'view') throw new Error(`"${dst.name}" is a view: a view cannot be written to`);
  const connector = dst.connector ? findConnector(dst.connector) : undefined;
  if (connector && !connector.sink) throw new Error(`"${dst.name}" uses the ${connector.name} connector, which cannot be written to`);
  const items = mapColumns(src.columns, dst.columns);
  const list = items.length > 0 ? items.map((s) => `  ${s}`).join(',\n') : '  *';
  const block = `INSERT INTO ${quoteIdent(dst.name)}\nSELECT\n${list}\nFROM ${quoteIdent(src.name)};`;
  return appendBlock(model, block);
}

// ---- renameTable ----------------------------------------------------------------------------

const TABLE_CONTEXT = new Set(['FROM', 'JOIN', 'INTO', 'TABLE', 'VIEW', 'USING', 'EXISTS']);

interface TolerantSite {
  start: number;
  end: number;
  role: 'create' | 'write' | 'read';
}

/** Table names in a statement that does not parse: after FROM/JOIN/INTO/TABLE/USING/`,` and before `.`. */
function tolerantSites(model: ScriptModel, c: Chunk, name: string): TolerantSite[] {
  const out: TolerantSite[] = [];
  for (let i = c.first; i <= c.last; i++) {
    const t = model.tokens[i]!;
    if ((t.kind !== 'word' && t.kind !== 'quoted') || identOf(t) !== name) continue;
    const prev = model.tokens[i - 1];
    const next = model.tokens[i + 1];
    const kw = prev !== undefined && prev.kind === 'word' && TABLE_CONTEXT.has(prev.value) ? prev.value : undefined;
    const qualifier = isPunct(next, '.') && !isPunct(prev, '.');
    if (!kw && !isPunct(prev, ',') && !qualifier) continue;
    const role = kw === 'TABLE' || kw === 'VIEW' || kw === 'EXISTS' ? 'create' : kw === 'INTO' ? 'write' : 'read';
    out.push({ start: t.start.offset, end: t.end.offset, role });
  }
  return out;
}

function hintKeyReplacement(model: ScriptModel, site: RefSite, newName: string): Replacement | undefined {
  for (const t of model.tokens) {
    if (t.start.offset < site.span.start.offset) continue;
    if (t.start.offset >= site.span.end.offset) break;
    if ((t.kind === 'string' || t.kind === 'word' || t.kind === 'quoted') && (t.kind === 'word' ? t.text : t.value) === site.key) {
      const text = t.kind === 'string' ? t.text[0] + newName + t.text[0] : newName;
      return { start: t.start.offset, end: t.end.offset, text };
    }
  }
  return undefined;
}

/**
 * Renames a table (or view) and every reference to it: FROM/JOIN, INSERT INTO, MERGE, qualified
 * column references (`old.col`, `old.*`) and STATE_TTL hint keys. Strings, comments, aliases
 * and CTEs of the same name are left alone. Throws on an invalid or taken name.
 */
export function renameTable(script: string, oldName: string, newName: string): EditResult {
  checkIdentifier(newName);
  const model = modelOf(script);
  const table = tableNamed(model, oldName);
  const clash = findTable(model, newName);
  if (clash && clash !== table) throw new Error(`a table named "${clash.name}" already exists`);
  const old = table.name;
  const text = quoteIdent(newName);
  const reps: Replacement[] = [];
  model.chunks.forEach((c, i) => {
    const st = model.chunkStatements[i];
    if (!st) {
      for (const site of tolerantSites(model, c, old)) reps.push({ start: site.start, end: site.end, text });
      return;
    }
    for (const site of tableRefs(st)) {
      if (site.table !== old) continue;
      if (site.role === 'hintKey') {
        const r = hintKeyReplacement(model, site, newName);
        if (r) reps.push(r);
      } else {
        reps.push({ start: site.span.start.offset, end: site.span.end.offset, text });
      }
    }
  });
  const out = applyReplacements(script, reps);
  const after = findTable(modelOf(out), newName);
  const selection = after ? nameSelection(modelOf(out), after) : undefined;
  return selection ? { script: out, selection } : { script: out };
}

function nameSelection(model: ScriptModel, t: TableModel): TextRange | undefined {
  const i = model.chunks.findIndex((c) => c.start === t.start);
  const st = model.chunkStatements[i];
  if (st && (st.kind === 'CreateTable' || st.kind === 'CreateView')) {
    const span = st.name.span;
    return { offset: span.start.offset, length: span.end.offset - span.start.offset };
  }
  return undefined;
}

// ---- deleteTable ----------------------------------------------------------------------------

function summaryOf(st: Statement | undefined, model: ScriptModel, c: Chunk): string {
  switch (st?.kind) {
    case 'Insert':
      return `INSERT INTO ${st.table.name}`;
    case 'CreateTable':
      return `CREATE TABLE ${st.name.name}`;
    case 'CreateView':
      return `CREATE VIEW ${st.name.name}`;
    case 'Merge':
      return `MERGE INTO ${st.target.name.name}`;
    case 'StatementSet':
      return `STATEMENT SET (${st.inserts.map((x) => `INSERT INTO ${x.table.name}`).join(', ')})`;
    case 'Set':
      return `SET ${st.key}`;
    case 'Reset':
      return 'RESET';
    case 'Query':
      return 'SELECT';
    default:
      return model.tokens
        .slice(c.first, Math.min(c.last, c.first + 3) + 1)
        .map((t) => t.text)
        .join(' ');
  }
}

/**
 * Deletes a table's CREATE and every INSERT (or MERGE) that writes into it, also inside
 * statement sets. Returns the statements that still read it, so the UI can warn.
 */
export function deleteTable(script: string, name: string): DeleteResult {
  const model = modelOf(script);
  const table = tableNamed(model, name);
  const old = table.name;
  const cuts: [number, number][] = [];
  const writes = (st: Statement): boolean => isJobStatement(st) && jobTarget(st) === old;
  model.chunks.forEach((c, i) => {
    const st = model.chunkStatements[i];
    const whole = (): void => {
      cuts.push([c.start, chunkEnd(model, c)]);
    };
    if (!st) {
      if (c.start === table.start) whole();
      else if (JOB_WORDS.some((w) => isWord(model.tokens[c.first], w))) {
        const target = model.tokens.slice(c.first, c.last + 1).find((_t, k, arr) => k > 0 && isWord(arr[k - 1], 'INTO'));
        if (target && (target.kind === 'word' || target.kind === 'quoted') && identOf(target) === old) whole();
      }
      return;
    }
    if ((st.kind === 'CreateTable' || st.kind === 'CreateView') && st.name.name === old) whole();
    else if (writes(st)) whole();
    else if (st.kind === 'StatementSet') {
      const doomed = st.inserts.filter(writes);
      if (doomed.length === 0) return;
      if (doomed.length === st.inserts.length) {
        whole();
        return;
      }
      for (const ins of doomed) {
        // the insert and its `;`
        let end = ins.span.end.offset;
        const semi = model.tokens.find((t) => t.start.offset >= end && t.kind !== 'eof');
        if (semi && isPunct(semi, ';')) end = semi.end.offset;
        cuts.push([ins.span.start.offset, end]);
      }
    }
  });
  const reps = cuts.map(([s, e]) => {
    const [a, b] = wholeLines(script, s, e);
    return { start: a, end: b, text: '' };
  });
  const out = applyReplacements(script, reps);
  return { script: out, readers: readersOf(out, old) };
}

/** Statements of a script that read a table (FROM/JOIN/USING, qualified refs, views). */
export function readersOf(script: string, name: string): StatementRef[] {
  const model = modelOf(script);
  const wanted = norm(name) === name ? name : (findTable(model, name)?.name ?? norm(name));
  const out: StatementRef[] = [];
  model.chunks.forEach((c, i) => {
    const st = model.chunkStatements[i];
    let reads = false;
    if (st) reads = tableRefs(st).some((r) => r.table === wanted && (r.role === 'read' || r.role === 'qualifier'));
    else reads = tolerantSites(model, c, wanted).some((r) => r.role === 'read');
    if (reads) out.push(refOf(model, c, st));
  });
  return out;
}

function refOf(model: ScriptModel, c: Chunk, st: Statement | undefined): StatementRef {
  return {
    range: { offset: c.start, length: c.end - c.start },
    line: model.tokens[c.first]!.start.line,
    kind: st?.kind ?? 'Unknown',
    summary: summaryOf(st, model, c),
  };
}
