// The binder/planner: statements -> ScriptPlan (tables, one JobPlan per INSERT, settings).
//
// Steps per INSERT, in the order of Flink's planner: bind names and types over scopes (tables,
// aliases, CTEs, subqueries), plan Source -> Calc -> GroupAggregate / Join / Union -> Calc ->
// [DropRowKind] -> Sink with adjacent Calcs merged and single-side predicates pushed below
// joins, infer each node's changelog mode, then check that the sink accepts it.
import type * as A from '../sql/ast';
import type { HintInfo } from '../api';
import type { ChangelogMode, Column, DataType, Diagnostic, Row, Span, Value } from '../types';
import { RowKind, typeToString } from '../types';
import type { BoundExpr } from '../expr/ir';
import { evalConstant } from '../expr/compile';
import { ExprError, castValue } from '../expr/cast';
import { exprToSql, quoteIdent } from '../expr/print';
import { familyOf, isNumeric, mk } from '../expr/typeutil';
import { suggest } from '../sql/diagnostics';
import type {
  AggCall,
  CalcNode,
  DropRowKindNode,
  GroupAggregateNode,
  JobPlan,
  JoinNode,
  PlanNode,
  ScriptPlan,
  SinkNode,
  SourceNode,
  TableDef,
  UnionNode,
  ValuesNode,
} from './graph';
import {
  AggContext,
  ExprBinder,
  andAll,
  boundConjuncts,
  containsAggregate,
  exprKey,
  splitConjuncts,
  type ScopeCol,
} from './bind-expr';
import { BindError, fail, getOwn, safeRecord, toDiagnostic } from './errors';
import { parseDuration } from '../common/duration';
import { commonType } from './signatures';
import { CHANGELOG_FORMATS, buildTable, formatOf, tableNameOf, writableColumns } from './tables';

export interface PlanOptions {
  /** Parallelism when the script sets none (Flink's `parallelism.default`, default 1). */
  defaultParallelism?: number;
}

export interface PlanResult {
  plan: ScriptPlan;
  diagnostics: Diagnostic[];
}

const CATALOG = 'default_catalog.default_database';
const QUERY_HINTS = new Set(['STATE_TTL', 'STATE_CLEANUP', 'DROP_ROW_KIND', 'REUSE_SOURCE', 'BROADCAST', 'SHUFFLE_HASH', 'SHUFFLE_MERGE', 'NEST_LOOP', 'LOOKUP']);
const TABLE_HINTS = new Set(['OPTIONS', 'REUSE_SOURCE']);
const SINK_HINTS = new Set(['OPTIONS', 'DROP_ROW_KIND']);

/** Plans a parsed script. Never throws on bad input: problems are diagnostics. */
export function planScript(statements: readonly A.Statement[], options: PlanOptions = {}): PlanResult {
  const p = new ScriptPlanner(options);
  p.run(statements);
  return { plan: { tables: p.tableList, jobs: p.jobs, settings: safeRecord(p.settings) }, diagnostics: p.diagnostics };
}

// ---- per-node change tracking ------------------------------------------------------------

interface Changes {
  updates: boolean;
  deletes: boolean;
  /** The node that introduced the updates, for Flink's sink error message. */
  origin: number | null;
  upsert: boolean;
}
const INSERT_ONLY: Changes = { updates: false, deletes: false, origin: null, upsert: false };

function modeOf(c: Changes): ChangelogMode {
  if (!c.updates && !c.deletes) return 'insert-only';
  return c.upsert ? 'upsert' : 'retract';
}

/** A planned relation: the node producing it and its columns as names resolve against. */
interface Rel {
  node: number;
  cols: ScopeCol[];
  /** The alias when the relation is one table/subquery reference (for STATE_TTL). */
  alias?: string;
}

interface CteEntry {
  cte: A.CommonTableExpr;
  env: Env;
}
interface Env {
  ctes: Map<string, CteEntry>;
}

interface PendingConjunct {
  expr: A.Expr;
  used: boolean;
}

/** SELECT-level hints and which of their keys were applied. */
interface SelectHints {
  hints: A.Hint[];
  ttl: Map<string, { ms: number; used: boolean; span: Span; hint: A.Hint }>;
  applied: boolean;
  /** Join nodes planned for this SELECT's FROM. */
  joins: JoinNode[];
}

class Job {
  readonly nodes: PlanNode[] = [];
  readonly changes = new Map<number, Changes>();
  readonly sources: string[] = [];
  private nextId = 1;
  constructor(readonly parallelism: number) {}

  add<N extends PlanNode>(node: Omit<N, 'id'>): N {
    const full = { ...node, id: this.nextId++ } as N;
    this.nodes.push(full);
    return full;
  }
  get(id: number): PlanNode {
    return this.nodes.find((n) => n.id === id)!;
  }
}

class ScriptPlanner {
  readonly diagnostics: Diagnostic[] = [];
  readonly tables = new Map<string, TableDef>();
  readonly tableList: TableDef[] = [];
  readonly views = new Map<string, A.CreateViewStmt>();
  readonly settings = new Map<string, string>();
  readonly jobs: JobPlan[] = [];
  private insertOrdinal = 0;
  private job!: Job;

  constructor(private readonly options: PlanOptions) {}

  run(statements: readonly A.Statement[]): void {
    for (const s of statements) {
      try {
        this.statement(s);
      } catch (e) {
        if (e instanceof BindError) this.diagnostics.push(toDiagnostic(e));
        else throw e;
      }
    }
  }

  private warn(message: string, span: Span, code: string): void {
    this.diagnostics.push({ severity: 'warning', message, span, code });
  }
  private error(message: string, span: Span, code: string): void {
    this.diagnostics.push({ severity: 'error', message, span, code });
  }

  private statement(s: A.Statement): void {
    switch (s.kind) {
      case 'Set':
        this.settings.delete(s.key);
        this.settings.set(s.key, s.value);
        return;
      case 'Reset':
        if (s.key === undefined) this.settings.clear();
        else this.settings.delete(s.key);
        return;
      case 'CreateTable': {
        const name = tableNameOf(s.name);
        const existing = this.tables.get(name.toLowerCase()) ?? null;
        if (existing || this.views.has(name.toLowerCase())) {
          if (s.ifNotExists) return;
          const where = existing ? ` at line ${existing.span.start.line}` : '';
          fail(`table '${name}' is already defined${where}`, s.name.span, 'duplicate-table');
        }
        const def = buildTable(s, this.diagnostics);
        if (def) {
          this.tables.set(def.name.toLowerCase(), def);
          this.tableList.push(def);
        }
        return;
      }
      case 'CreateView': {
        const name = tableNameOf(s.name).toLowerCase();
        if (this.tables.has(name) || this.views.has(name)) {
          if (s.ifNotExists) return;
          fail(`'${tableNameOf(s.name)}' is already defined`, s.name.span, 'duplicate-table');
        }
        this.views.set(name, s);
        return;
      }
      case 'Insert':
        this.insert(s, ++this.insertOrdinal);
        return;
      case 'StatementSet':
        for (const ins of s.inserts) {
          const ordinal = ++this.insertOrdinal;
          try {
            this.insert(ins, ordinal);
          } catch (e) {
            if (e instanceof BindError) this.diagnostics.push(toDiagnostic(e));
            else throw e;
          }
        }
        return;
      case 'Merge':
        // A MERGE is a job too (numbered like the editor's jobRanges), even before it can run.
        ++this.insertOrdinal;
        return this.error('not supported yet: MERGE INTO', s.span, 'unsupported');
      case 'Query':
        return this.warn('a query outside INSERT INTO is not part of the pipeline; it is ignored', s.span, 'ignored-statement');
    }
  }

  private parallelismNow(): number {
    const v = this.settings.get('table.exec.resource.default-parallelism') ?? this.settings.get('parallelism.default');
    const n = v === undefined ? NaN : Number(v);
    if (Number.isInteger(n) && n > 0) return n;
    return this.options.defaultParallelism ?? 1;
  }

  private lookupTable(q: A.QualifiedName): TableDef {
    const name = tableNameOf(q);
    const t = this.tables.get(name.toLowerCase());
    if (!t) {
      const s = suggest(name, [...this.tableList.map((x) => x.name), ...this.views.keys()]);
      fail(`unknown table '${name}'${s ? `; did you mean '${s}'?` : ''}`, q.span, 'unknown-table');
    }
    return t;
  }

  // ---- INSERT ------------------------------------------------------------------------------

  private insert(s: A.InsertStmt, ordinal: number): void {
    const target = this.lookupTable(s.table);
    if (target.connector === 'datagen') fail(`table ${target.name} uses the datagen connector, which can only be read`, s.table.span, 'read-only');
    if (s.overwrite) fail('INSERT OVERWRITE is not supported in a streaming job (Flink rejects it too); use INSERT INTO, or MERGE INTO to repair rows', s.span, 'unsupported');
    if (s.partition && s.partition.length > 0) {
      fail('not supported yet: a static PARTITION (...) in INSERT; select the partition column values in the query instead', s.partition[0]!.span, 'unsupported');
    }
    this.job = new Job(this.parallelismNow());
    const env: Env = { ctes: new Map() };
    let rel = this.query(s.source, env);

    // Map the query's columns onto the sink's columns.
    const writable = writableColumns(target);
    let targets: number[];
    if (s.columns) {
      targets = [];
      for (const id of s.columns) {
        const i = target.schema.columns.findIndex((c) => c.name.toLowerCase() === id.name.toLowerCase());
        if (i < 0) {
          const sug = suggest(id.name, target.schema.columns.map((c) => c.name));
          fail(`unknown column '${id.name}' in table ${target.name}${sug ? `; did you mean '${sug}'?` : ''}`, id.span, 'unknown-column');
        }
        if (!writable.includes(i)) fail(`column '${id.name}' of ${target.name} is computed and cannot be written`, id.span, 'read-only');
        if (targets.includes(i)) fail(`column '${id.name}' is listed twice`, id.span, 'duplicate-column');
        targets.push(i);
      }
      if (rel.cols.length !== targets.length) {
        fail(`INSERT INTO ${target.name} lists ${targets.length} columns but the query produces ${rel.cols.length}`, s.source.span, 'column-count');
      }
    } else {
      targets = writable;
      if (rel.cols.length !== targets.length) {
        fail(`INSERT INTO ${target.name} has ${targets.length} columns but the query produces ${rel.cols.length}`, s.source.span, 'column-count');
      }
    }
    const spans = outputSpans(s.source);
    const sinkCols = target.schema.columns;
    const projections: BoundExpr[] = sinkCols.map((c) => ({ op: 'lit', value: null, type: { ...c.type, nullable: true } }) as BoundExpr);
    targets.forEach((ti, qi) => {
      const from = rel.cols[qi]!.type;
      const to = sinkCols[ti]!.type;
      const span = spans?.[qi] ?? s.source.span;
      if (!sinkAccepts(from, to)) {
        fail(
          `cannot write ${typeToString(from)} into column '${sinkCols[ti]!.name}' ${typeToString(to)} of ${target.name}`,
          span,
          'type-mismatch',
        );
      }
      projections[ti] = castForSink({ op: 'col', index: qi, type: from }, to);
    });
    rel = this.project(rel, null, projections, sinkCols.map((c) => c.name));

    // Hints on the target: DROP_ROW_KIND (also accepted after SELECT), OPTIONS.
    const sinkHints: HintInfo[] = [];
    let dropHint: A.Hint | undefined;
    for (const h of s.hints) {
      if (!SINK_HINTS.has(h.name)) {
        this.unknownHint(h, SINK_HINTS);
        continue;
      }
      if (h.name === 'DROP_ROW_KIND') dropHint = h;
      else sinkHints.push(hintInfo(h));
    }
    const top = topSelect(s.source);
    dropHint ??= top?.hints.find((h) => h.name === 'DROP_ROW_KIND');
    if (dropHint) {
      const kinds = parseRowKinds(dropHint);
      const input = this.job.get(rel.node);
      const node = this.job.add<DropRowKindNode>({
        kind: 'DropRowKind',
        inputs: [rel.node],
        schema: input.schema,
        changelogMode: 'insert-only',
        uniqueKey: input.uniqueKey,
        parallelism: this.job.parallelism,
        hints: [hintInfo(dropHint)],
        label: `DropRowKind(kinds=[${kinds.map((k) => ['+I', '-U', '+U', '-D'][k]).join(', ')}])`,
        dropKinds: kinds,
      });
      this.track(node);
      rel = { node: node.id, cols: rel.cols };
    }

    const sinkPar = Number(getOwn(target.options, 'sink.parallelism'));
    const input = this.job.get(rel.node);
    const sink = this.job.add<SinkNode>({
      kind: 'Sink',
      inputs: [rel.node],
      schema: target.schema,
      changelogMode: input.changelogMode,
      uniqueKey: target.primaryKeyIndices.length > 0 ? target.primaryKeyIndices : null,
      parallelism: Number.isInteger(sinkPar) && sinkPar > 0 ? sinkPar : this.job.parallelism,
      hints: sinkHints,
      label: `Sink(table=[${CATALOG}.${target.name}], fields=[${sinkCols.map((c) => quoteIdent(c.name)).join(', ')}])`,
      table: target.name,
    });
    this.job.changes.set(sink.id, this.job.changes.get(rel.node)!);
    this.checkSink(target, sink, s);

    this.jobs.push({
      id: `job-${ordinal}`,
      name: `INSERT INTO ${target.name}`,
      sinkTable: target.name,
      sourceTables: this.job.sources,
      nodes: this.job.nodes,
      span: s.span,
    });
  }

  /** Flink's sink checks: append-only sinks reject updates; upsert sinks need a key. */
  private checkSink(target: TableDef, sink: SinkNode, s: A.InsertStmt): void {
    const c = this.job.changes.get(sink.id)!;
    if (!c.updates && !c.deletes) return;
    const connector = target.connector;
    const format = formatOf(target.options);
    const originNode = this.job.get(c.origin ?? sink.inputs[0]!);
    let origin = originNode.label;
    // Flink reads an upsert-kafka table through a ChangelogNormalize keyed by its primary key.
    if (originNode.kind === 'Source') {
      const src = this.tables.get(originNode.table.toLowerCase());
      if (src?.connector === 'upsert-kafka') origin = `ChangelogNormalize(key=[${src.primaryKey.join(', ')}])`;
    }
    const appendOnly = connector === 'filesystem' || (connector === 'kafka' && !(format !== undefined && CHANGELOG_FORMATS.has(format)));
    if (appendOnly) {
      const what = c.deletes ? 'update and delete' : 'update';
      fail(
        `Table sink '${CATALOG}.${target.name}' doesn't support consuming ${what} changes which is produced by node ${origin}`,
        s.span,
        'changelog-mode',
      );
    }
    if ((connector === 'jdbc' || connector === 'upsert-kafka') && target.primaryKeyIndices.length === 0) {
      fail(
        `Table sink '${CATALOG}.${target.name}' requires a PRIMARY KEY to accept updates, which are produced by node ${origin}`,
        s.span,
        'changelog-mode',
      );
    }
  }

  // ---- queries -----------------------------------------------------------------------------

  private query(q: A.Query, env: Env): Rel {
    switch (q.kind) {
      case 'Select':
        checkTail(q);
        return this.select(q, env);
      case 'Values':
        checkTail(q);
        return this.values(q);
      case 'SetOp':
        checkTail(q);
        return this.setOp(q, env);
      case 'With': {
        const ctes = new Map(env.ctes);
        for (const c of q.ctes) {
          const key = c.name.name.toLowerCase();
          ctes.set(key, { cte: c, env: { ctes: new Map(ctes) } });
        }
        return this.query(q.body, { ctes });
      }
    }
  }

  private setOp(q: A.SetOpQuery, env: Env): Rel {
    if (q.op !== 'UNION ALL') {
      const what = q.op === 'UNION' ? 'UNION without ALL (use UNION ALL)' : q.op;
      fail(`not supported yet: ${what}`, q.span, 'unsupported');
    }
    // Flatten a chain of UNION ALLs into one Union node.
    const parts: A.Query[] = [];
    const collect = (x: A.Query) => {
      if (x.kind === 'SetOp' && x.op === 'UNION ALL' && x.orderBy.length === 0 && !x.limit) {
        collect(x.left);
        collect(x.right);
      } else parts.push(x);
    };
    collect(q);
    let rels = parts.map((p) => this.query(p, env));
    const width = rels[0]!.cols.length;
    rels.forEach((r, i) => {
      if (r.cols.length !== width) {
        fail(`UNION ALL inputs must have the same number of columns: the first has ${width}, input ${i + 1} has ${r.cols.length}`, parts[i]!.span, 'column-count');
      }
    });
    const types: DataType[] = [];
    for (let c = 0; c < width; c++) {
      const t = commonType(rels.map((r) => r.cols[c]!.type));
      if (!t) {
        fail(
          `UNION ALL column ${c + 1} has incompatible types: ${rels.map((r) => typeToString(r.cols[c]!.type)).join(', ')}`,
          q.span,
          'type-mismatch',
        );
      }
      types.push(familyOf(t) === 'null' ? mk('INT', true) : t);
    }
    const names = rels[0]!.cols.map((c) => c.name);
    rels = rels.map((r) => {
      if (r.cols.every((c, i) => familyOf(c.type) === familyOf(types[i]!) && !needsCast(c.type, types[i]!))) return r;
      return this.project(
        r,
        null,
        r.cols.map((c, i) => castForSink({ op: 'col', index: i, type: c.type }, types[i]!)),
        r.cols.map((c) => c.name),
      );
    });
    const schema = { columns: names.map((n, i) => ({ name: n, type: types[i]! })) };
    const node = this.job.add<UnionNode>({
      kind: 'Union',
      inputs: rels.map((r) => r.node),
      schema,
      changelogMode: 'insert-only',
      uniqueKey: null,
      parallelism: this.job.parallelism,
      hints: [],
      label: `Union(all=[true], union=[${names.map(quoteIdent).join(', ')}])`,
    });
    this.track(node);
    return { node: node.id, cols: schema.columns.map((c) => ({ name: c.name, qualifier: null, table: null, type: c.type })) };
  }

  private values(q: A.ValuesQuery): Rel {
    const binder = new ExprBinder({ cols: [] }, 'VALUES');
    const rows = q.rows.map((r) => r.map((e) => binder.bind(e)));
    const width = rows[0]?.length ?? 0;
    rows.forEach((r, i) => {
      if (r.length !== width) fail(`VALUES rows must have the same number of columns: row 1 has ${width}, row ${i + 1} has ${r.length}`, q.rows[i]![0]?.span ?? q.span, 'column-count');
    });
    const types: DataType[] = [];
    for (let c = 0; c < width; c++) {
      const t = commonType(rows.map((r) => r[c]!.type));
      if (!t) fail(`VALUES column ${c + 1} has incompatible types: ${rows.map((r) => typeToString(r[c]!.type)).join(', ')}`, q.span, 'type-mismatch');
      types.push(familyOf(t) === 'null' ? mk('INT', true) : t);
    }
    const data: Row[] = rows.map((r, ri) =>
      r.map((e, ci) => {
        let v: Value;
        try {
          v = evalConstant(e);
        } catch (err) {
          if (err instanceof ExprError) fail(`VALUES needs constant values here: ${err.message}`, q.rows[ri]![ci]!.span, 'type-mismatch');
          throw err;
        }
        return familyOf(e.type) === familyOf(types[ci]!) || familyOf(e.type) === 'null' ? v : castValue(v, e.type, types[ci]!);
      }),
    );
    const names = types.map((_, i) => `EXPR$${i}`);
    const node = this.job.add<ValuesNode>({
      kind: 'Values',
      inputs: [],
      schema: { columns: names.map((n, i) => ({ name: n, type: types[i]! })) },
      changelogMode: 'insert-only',
      uniqueKey: null,
      parallelism: 1,
      hints: [],
      label: `Values(tuples=[${valuesText(data, types)}])`,
      rows: data,
    });
    this.track(node);
    return { node: node.id, cols: names.map((n, i) => ({ name: n, qualifier: null, table: null, type: types[i]! })) };
  }

  private select(s: A.SelectQuery, env: Env): Rel {
    const hints = this.selectHints(s.hints);
    const pending: PendingConjunct[] = s.where ? splitConjuncts(s.where).map((e) => ({ expr: e, used: false })) : [];
    const from: Rel = s.from ? this.from(s.from, env, pending, hints) : this.emptyRow();
    const scope = { cols: from.cols };
    const whereBinder = new ExprBinder(scope, 'WHERE');
    const filters: BoundExpr[] = [];
    for (const p of pending) {
      // Pushed-down conjuncts are bound again over the whole FROM to report ambiguity.
      const b = whereBinder.bindBoolean(p.expr, 'the WHERE condition');
      if (!p.used) filters.push(b);
    }
    const filter = andAll(filters);

    const grouped =
      s.groupBy.length > 0 ||
      s.having !== undefined ||
      s.items.some((i) => i.kind === 'SelectExpr' && containsAggregate(i.expr));
    let rel: Rel;
    if (!grouped) {
      const binder = new ExprBinder(scope, 'SELECT');
      const items = this.expandItems(s.items, scope, binder, null);
      rel = this.project(from, filter, items.map((i) => i.expr), items.map((i) => i.name));
      this.applySelectHints(hints, null, s);
    } else {
      const base = filter ? this.project(from, filter, identity(from.cols), from.cols.map((c) => c.name), true) : from;
      rel = this.aggregate(s, base, scope, hints);
    }
    if (s.distinct) rel = this.distinct(rel);
    this.finishSelectHints(hints);
    return rel;
  }

  private emptyRow(): Rel {
    const node = this.job.add<ValuesNode>({
      kind: 'Values',
      inputs: [],
      schema: { columns: [] },
      changelogMode: 'insert-only',
      uniqueKey: null,
      parallelism: 1,
      hints: [],
      label: 'Values(tuples=[[{  }]])',
      rows: [[]],
    });
    this.track(node);
    return { node: node.id, cols: [] };
  }

  private expandItems(items: A.SelectItem[], scope: { cols: ScopeCol[] }, binder: ExprBinder, agg: AggContext | null): { expr: BoundExpr; name: string }[] {
    const out: { expr: BoundExpr; name: string }[] = [];
    items.forEach((item, pos) => {
      if (item.kind === 'Star') {
        const q = item.qualifier?.name.toLowerCase();
        const idx = scope.cols.map((c, i) => ({ c, i })).filter(({ c }) => (q === undefined ? !c.hidden : c.qualifier === q));
        if (q !== undefined && idx.length === 0) fail(`unknown table or alias '${item.qualifier!.name}'`, item.span, 'unknown-table');
        for (const { c, i } of idx) {
          let expr: BoundExpr = { op: 'col', index: i, type: c.type };
          if (agg) {
            const k = agg.keyIndex.get(exprKey(expr));
            if (k === undefined) fail(`column '${c.name}' must appear in GROUP BY or be used in an aggregate function`, item.span, 'not-grouped');
            expr = { op: 'col', index: k, type: c.type };
          }
          out.push({ expr, name: c.name });
        }
        return;
      }
      const expr = binder.bind(item.expr);
      const name = item.alias ? item.alias.name : item.expr.kind === 'ColumnRef' ? resolvedName(item.expr, scope.cols) : `EXPR$${pos}`;
      out.push({ expr, name });
    });
    return out;
  }

  private aggregate(s: A.SelectQuery, base: Rel, scope: { cols: ScopeCol[] }, hints: SelectHints): Rel {
    const keyBinder = new ExprBinder(scope, 'GROUP BY');
    const keys: BoundExpr[] = s.groupBy.map((g) => {
      try {
        return keyBinder.bind(g);
      } catch (e) {
        // GROUP BY a select alias, as many engines allow.
        if (e instanceof BindError && e.reason === 'unknown-column' && g.kind === 'ColumnRef' && !g.qualifier) {
          const item = s.items.find((i) => i.kind === 'SelectExpr' && i.alias?.name.toLowerCase() === g.name.name.toLowerCase());
          if (item && item.kind === 'SelectExpr' && !containsAggregate(item.expr)) return keyBinder.bind(item.expr);
        }
        throw e;
      }
    });
    const agg = new AggContext(keys);
    const binder = new ExprBinder(scope, 'SELECT', agg);
    const items = this.expandItems(s.items, scope, binder, agg);
    const having = s.having ? binder.bindBoolean(s.having, 'the HAVING condition') : null;

    // Calc before the aggregate: group keys, then aggregate arguments and filters.
    const pre: BoundExpr[] = [];
    const preNames: string[] = [];
    const slot = new Map<string, number>();
    const addPre = (e: BoundExpr, preferred: string | null): number => {
      const k = exprKey(e);
      const found = slot.get(k);
      if (found !== undefined) return found;
      pre.push(e);
      preNames.push(preferred ?? `$f${pre.length - 1}`);
      slot.set(k, pre.length - 1);
      return pre.length - 1;
    };
    const colName = (e: BoundExpr) => (e.op === 'col' ? scope.cols[e.index]!.name : null);
    // Group keys always occupy the first positions (duplicates allowed in GROUP BY a, a).
    keys.forEach((k) => {
      pre.push(k);
      preNames.push(colName(k) ?? `$f${pre.length - 1}`);
      if (!slot.has(exprKey(k))) slot.set(exprKey(k), pre.length - 1);
    });
    const calls: AggCall[] = agg.aggs.map((a) => {
      const arg = a.arg ? addPre(a.arg, colName(a.arg)) : null;
      const filter = a.filter ? addPre(a.filter, null) : null;
      return { fn: a.fn, arg, distinct: a.distinct, filter, type: a.type, display: '' };
    });
    const preRel = this.project(base, null, pre, preNames);
    const preNode = this.job.get(preRel.node);
    const inNames = preNode.schema.columns.map((c) => c.name);
    calls.forEach((c, i) => {
      const argText = c.arg === null ? '*' : `${c.distinct ? 'DISTINCT ' : ''}${quoteIdent(inNames[c.arg]!)}`;
      c.display = `${agg.aggs[i]!.name}(${argText})${c.filter !== null ? ` FILTER ${quoteIdent(inNames[c.filter]!)}` : ''}`;
    });

    // Output names: keys by their column names, aggregates by their select alias.
    const outNames: string[] = keys.map((k, i) => colName(k) ?? `EXPR$${i}`);
    calls.forEach((_, j) => {
      const item = items.find((it) => it.expr.op === 'col' && it.expr.index === keys.length + j);
      outNames.push(item?.name ?? `EXPR$${keys.length + j}`);
    });
    const uniq = uniquify(outNames);
    const columns: Column[] = [...keys.map((k, i) => ({ name: uniq[i]!, type: k.type })), ...calls.map((c, j) => ({ name: uniq[keys.length + j]!, type: c.type }))];
    const ttl = base.alias !== undefined ? hints.ttl.get(base.alias) : undefined;
    if (ttl) ttl.used = true;
    const selectText = columns.map((c, i) => (i < keys.length ? quoteIdent(c.name) : `${calls[i - keys.length]!.display} AS ${quoteIdent(c.name)}`));
    const node = this.job.add<GroupAggregateNode>({
      kind: 'GroupAggregate',
      inputs: [preRel.node],
      schema: { columns },
      changelogMode: 'retract',
      uniqueKey: keys.map((_, i) => i),
      parallelism: this.job.parallelism,
      hints: [],
      label: `GroupAggregate(${keys.length > 0 ? `groupBy=[${columns.slice(0, keys.length).map((c) => quoteIdent(c.name)).join(', ')}], ` : ''}select=[${selectText.join(', ')}])`,
      groupKeys: keys.map((_, i) => i),
      aggs: calls,
      stateTtlMs: ttl ? ttl.ms : null,
      cleanupCondition: null,
    });
    this.track(node);
    this.applySelectHints(hints, node, s);
    const aggRel: Rel = { node: node.id, cols: columns.map((c) => ({ name: c.name, qualifier: null, table: null, type: c.type })) };
    return this.project(aggRel, having, items.map((i) => i.expr), items.map((i) => i.name));
  }

  private distinct(rel: Rel): Rel {
    const input = this.job.get(rel.node);
    const names = input.schema.columns.map((c) => quoteIdent(c.name)).join(', ');
    const node = this.job.add<GroupAggregateNode>({
      kind: 'GroupAggregate',
      inputs: [rel.node],
      schema: input.schema,
      changelogMode: 'retract',
      uniqueKey: rel.cols.map((_, i) => i),
      parallelism: this.job.parallelism,
      hints: [],
      label: `GroupAggregate(groupBy=[${names}], select=[${names}])`,
      groupKeys: rel.cols.map((_, i) => i),
      aggs: [],
      stateTtlMs: null,
      cleanupCondition: null,
    });
    this.track(node);
    return { node: node.id, cols: rel.cols.map((c) => ({ ...c, hidden: false })) };
  }

  // ---- FROM --------------------------------------------------------------------------------

  private from(item: A.FromItem, env: Env, pending: PendingConjunct[], hints: SelectHints): Rel {
    switch (item.kind) {
      case 'TableRef':
        return this.tableRef(item, env);
      case 'SubqueryRef': {
        let rel = this.query(item.query, env);
        if (item.columnAliases) rel = renameColumns(rel, item.columnAliases, item.span);
        const alias = item.alias?.name;
        return requalify(rel, alias ?? null, alias ?? null);
      }
      case 'Join':
        return this.join(item, env, pending, hints);
    }
  }

  private tableRef(t: A.TableRef, env: Env): Rel {
    if (t.forSystemTimeAsOf) fail('not supported yet: FOR SYSTEM_TIME AS OF (temporal and lookup joins)', t.forSystemTimeAsOf.span, 'unsupported');
    const simple = t.name.parts.length <= 1;
    const key = t.name.name.toLowerCase();
    const cte = simple ? env.ctes.get(key) : undefined;
    const view = simple && !cte ? this.views.get(key) : undefined;
    if (cte || view) {
      for (const h of t.hints) this.warn(`the ${h.name} hint applies to tables, not to ${cte ? 'a WITH query' : 'a view'}; it is ignored`, h.span, 'unknown-hint');
      let rel = cte ? this.query(cte.cte.query, cte.env) : this.query(view!.query, { ctes: new Map() });
      const aliases = cte ? cte.cte.columns : view!.columns;
      if (aliases) rel = renameColumns(rel, aliases, t.span);
      const name = cte ? cte.cte.name.name : tableNameOf(view!.name);
      const alias = t.alias?.name ?? name;
      return requalify(rel, alias, name);
    }
    const def = this.lookupTable(t.name);
    const overrides: [string, string][] = [];
    const hints: HintInfo[] = [];
    for (const h of t.hints) {
      if (!TABLE_HINTS.has(h.name)) {
        if (QUERY_HINTS.has(h.name)) this.warn(`${h.name} is a query hint; write it right after SELECT: SELECT /*+ ${h.name}(...) */`, h.span, 'unknown-hint');
        else this.unknownHint(h, TABLE_HINTS);
        continue;
      }
      if (h.name === 'OPTIONS') {
        for (const a of h.args) {
          if (a.key === undefined) fail(`OPTIONS takes 'key'='value' pairs`, a.span, 'invalid-hint');
          overrides.push([a.key, a.value]);
        }
      }
      hints.push(hintInfo(h));
    }
    const optionOverrides = safeRecord(overrides);
    const cols = def.schema.columns;
    const scanPar = Number(getOwn(optionOverrides, 'scan.parallelism') ?? getOwn(def.options, 'scan.parallelism'));
    const node = this.job.add<SourceNode>({
      kind: 'Source',
      inputs: [],
      schema: def.schema,
      changelogMode: 'insert-only',
      uniqueKey: def.primaryKeyIndices.length > 0 ? def.primaryKeyIndices : null,
      parallelism: Number.isInteger(scanPar) && scanPar > 0 ? scanPar : this.job.parallelism,
      hints,
      label: `TableSourceScan(table=[[default_catalog, default_database, ${def.name}]], fields=[${cols.map((c) => quoteIdent(c.name)).join(', ')}])`,
      table: def.name,
      optionOverrides,
    });
    this.track(node, def);
    if (!this.job.sources.includes(def.name)) this.job.sources.push(def.name);
    const alias = (t.alias?.name ?? def.name).toLowerCase();
    return {
      node: node.id,
      cols: cols.map((c) => ({ name: c.name, qualifier: alias, table: def.name, type: c.type })),
      alias,
    };
  }

  private join(j: A.JoinItem, env: Env, pending: PendingConjunct[], hints: SelectHints): Rel {
    const jt = j.joinType;
    // Only conjuncts that may move below this join are offered to its inputs.
    const toLeft = jt === 'INNER' || jt === 'CROSS' || jt === 'LEFT' ? pending : [];
    const toRight = jt === 'INNER' || jt === 'CROSS' || jt === 'RIGHT' ? pending : [];
    let left = this.from(j.left, env, toLeft, hints);
    let right = this.from(j.right, env, toRight, hints);
    const lw = left.cols.length;
    const cols: ScopeCol[] = [...left.cols, ...right.cols.map((c) => ({ ...c }))];
    const scope = { cols };
    const conds: BoundExpr[] = [];
    if (j.on) {
      const b = new ExprBinder(scope, 'ON');
      for (const c of splitConjuncts(j.on)) conds.push(b.bindBoolean(c, 'the join condition'));
    }
    if (j.using) {
      for (const id of j.using) {
        const find = (from: number, to: number) => {
          const idx = cols.findIndex((c, i) => i >= from && i < to && !c.hidden && c.name.toLowerCase() === id.name.toLowerCase());
          if (idx < 0) fail(`USING column '${id.name}' is not a column of both sides`, id.span, 'unknown-column');
          return idx;
        };
        const li = find(0, lw);
        const ri = find(lw, cols.length);
        cols[ri] = { ...cols[ri]!, hidden: true };
        conds.push({ op: 'call', fn: '=', args: [{ op: 'col', index: li, type: cols[li]!.type }, { op: 'col', index: ri, type: cols[ri]!.type }], type: mk('BOOLEAN') });
      }
    }
    const pushLeft: BoundExpr[] = [];
    const pushRight: BoundExpr[] = [];
    // WHERE conjuncts: single-side ones go below the join; for inner joins, equalities between
    // the sides become join keys (this is how `FROM a, b WHERE a.id = b.id` becomes a join).
    if (jt !== 'FULL') {
      for (const p of pending) {
        if (p.used) continue;
        let b: BoundExpr;
        try {
          b = new ExprBinder(scope, 'WHERE').bindBoolean(p.expr, 'the WHERE condition');
        } catch (e) {
          if (e instanceof BindError) continue;
          throw e;
        }
        const side = sideOf(b, lw);
        if (side === 'left' && jt !== 'RIGHT') {
          pushLeft.push(b);
          p.used = true;
        } else if (side === 'right' && jt !== 'LEFT') {
          pushRight.push(shift(b, -lw));
          p.used = true;
        } else if (side === 'both' && (jt === 'INNER' || jt === 'CROSS') && (equiKey(b, lw) || computedEquiKey(b, lw))) {
          conds.push(b);
          p.used = true;
        }
      }
    }
    const leftKeys: number[] = [];
    const rightKeys: number[] = [];
    // Keys that are expressions (ON UPPER(a.x) = UPPER(b.x)): as Flink does, each input computes
    // them as extra columns, the join matches on those, and a Calc drops them after the join.
    const leftKeyExprs: BoundExpr[] = [];
    const rightKeyExprs: BoundExpr[] = [];
    // [key position, index into leftKeyExprs or -1, index into rightKeyExprs or -1]
    const computedAt: [number, number, number][] = [];
    let residual: BoundExpr[] = [];
    for (const c of conds.flatMap(boundConjuncts)) {
      const k = equiKey(c, lw);
      if (k) {
        leftKeys.push(k[0]);
        rightKeys.push(k[1] - lw);
        continue;
      }
      const ck = computedEquiKey(c, lw);
      if (ck) {
        // A plain column stays a column; only expressions become extra columns.
        const [l, r] = [plainColumn(ck[0]), plainColumn(ck[1])];
        computedAt.push([leftKeys.length, l === null ? leftKeyExprs.push(ck[0]) - 1 : -1, r === null ? rightKeyExprs.push(shift(ck[1], -lw)) - 1 : -1]);
        leftKeys.push(l ?? -1);
        rightKeys.push(r === null ? -1 : r - lw);
        continue;
      }
      const side = sideOf(c, lw);
      // ON conditions on the side that is not preserved can be applied before the join.
      if (side === 'left' && (jt === 'INNER' || jt === 'CROSS' || jt === 'RIGHT')) pushLeft.push(c);
      else if (side === 'right' && (jt === 'INNER' || jt === 'CROSS' || jt === 'LEFT')) pushRight.push(shift(c, -lw));
      else residual.push(c);
    }
    if (leftKeys.length === 0) {
      if (jt === 'CROSS' && !j.on) {
        fail(
          'not supported: a join without a condition (CROSS JOIN or FROM a, b); a streaming job cannot join every row with every row. Add an equality such as ON a.id = b.id',
          j.span,
          'join-condition',
        );
      }
      fail('a regular join needs an equality condition between both sides, e.g. ON a.id = b.id', j.on?.span ?? j.span, 'join-condition');
    }
    const rw = right.cols.length;
    const withKeys = (rel: Rel, filter: BoundExpr | null, keyExprs: BoundExpr[]): Rel => {
      if (!filter && keyExprs.length === 0) return rel;
      const w = rel.cols.length;
      const keyNames = keyExprs.map((_, i) => `$f${w + i}`);
      const out = this.project(rel, filter, [...identity(rel.cols), ...keyExprs], [...rel.cols.map((c) => c.name), ...keyNames], true);
      const keyCols = keyExprs.map((e, i): ScopeCol => ({ name: keyNames[i]!, qualifier: null, table: null, type: e.type, hidden: true }));
      return { ...out, cols: [...out.cols, ...keyCols] };
    };
    left = withKeys(left, andAll(pushLeft), leftKeyExprs);
    right = withKeys(right, andAll(pushRight), rightKeyExprs);
    for (const [at, li, ri] of computedAt) {
      if (li >= 0) leftKeys[at] = lw + li;
      if (ri >= 0) rightKeys[at] = rw + ri;
    }
    // Computed keys sit after each side's columns: move the right side's columns in the residual.
    const extra = leftKeyExprs.length;
    if (extra > 0) residual = residual.map((e) => shiftFrom(e, lw, extra));
    const lwk = lw + extra;
    const visible = [...range(0, lw), ...range(lwk, lwk + rw)];

    const joinType = jt === 'CROSS' ? 'INNER' : jt;
    const ln = this.job.get(left.node);
    const rn = this.job.get(right.node);
    const names = uniquify([...ln.schema.columns.map((c) => c.name), ...rn.schema.columns.map((c) => c.name)]);
    const types = [...left.cols, ...right.cols].map((c) => c.type);
    const outer = joinType !== 'INNER';
    const columns: Column[] = names.map((n, i) => ({
      name: n,
      type: (joinType === 'LEFT' || joinType === 'FULL') && i >= lwk ? { ...types[i]!, nullable: true } : (joinType === 'RIGHT' || joinType === 'FULL') && i < lwk ? { ...types[i]!, nullable: true } : types[i]!,
    }));
    const allConds = [
      ...leftKeys.map((l, i) => ({ op: 'call', fn: '=', args: [{ op: 'col', index: l, type: types[l]! }, { op: 'col', index: rightKeys[i]! + lwk, type: types[rightKeys[i]! + lwk]! }], type: mk('BOOLEAN') }) as BoundExpr),
      ...residual,
    ];
    const whereText = exprToSql(allConds.length === 1 ? allConds[0]! : { op: 'call', fn: 'and', args: allConds, type: mk('BOOLEAN') }, names, true);
    const ttlOf = (r: Rel) => {
      if (r.alias === undefined) return null;
      const t = hints.ttl.get(r.alias);
      if (!t) return null;
      t.used = true;
      return t.ms;
    };
    const joinTypeName = { INNER: 'InnerJoin', LEFT: 'LeftOuterJoin', RIGHT: 'RightOuterJoin', FULL: 'FullOuterJoin' }[joinType];
    const node = this.job.add<JoinNode>({
      kind: 'Join',
      inputs: [left.node, right.node],
      schema: { columns },
      changelogMode: 'insert-only',
      uniqueKey: null,
      parallelism: this.job.parallelism,
      hints: [],
      label: `Join(joinType=[${joinTypeName}], where=[${whereText}], select=[${names.map(quoteIdent).join(', ')}])`,
      joinType,
      leftKeys,
      rightKeys,
      residual: andAll(residual),
      leftStateTtlMs: ttlOf(left),
      rightStateTtlMs: ttlOf(right),
      leftCleanupCondition: null,
      rightCleanupCondition: null,
    });
    void outer;
    this.track(node);
    hints.joins.push(node);
    const outCols = cols.map((c, i) => ({ ...c, type: columns[visible[i]!]!.type }));
    if (extra === 0 && rightKeyExprs.length === 0) return { node: node.id, cols: outCols };
    // Drop the computed key columns again.
    const joined: Rel = { node: node.id, cols: columns.map((c) => ({ name: c.name, qualifier: null, table: null, type: c.type })) };
    const dropped = this.project(
      joined,
      null,
      visible.map((i) => ({ op: 'col', index: i, type: columns[i]!.type })),
      visible.map((i) => names[i]!),
    );
    return { node: dropped.node, cols: outCols };
  }

  // ---- Calc --------------------------------------------------------------------------------

  /**
   * Adds a Calc (filter, then projections) over `rel`, merged into the input when the input is a
   * Calc, and skipped when it would do nothing.
   */
  private project(rel: Rel, filter: BoundExpr | null, projections: BoundExpr[], names: string[], keepQualifiers = false): Rel {
    const input = this.job.get(rel.node);
    const outCols = (types: DataType[]): ScopeCol[] =>
      keepQualifiers ? rel.cols.map((c, i) => ({ ...c, type: types[i]! })) : names.map((n, i) => ({ name: n, qualifier: null, table: null, type: types[i]! }));
    const withAlias = (r: Rel): Rel => (keepQualifiers && rel.alias !== undefined ? { ...r, alias: rel.alias } : r);
    const isIdentity = filter === null && projections.length === rel.cols.length && projections.every((p, i) => p.op === 'col' && p.index === i);
    if (isIdentity) return withAlias({ node: rel.node, cols: outCols(projections.map((p) => p.type)) });
    const uniq = uniquify(names);
    if (input.kind === 'Calc') {
      // Merge: the upper Calc reads the lower one's projections.
      const merged = projections.map((p) => substitute(p, input.projections));
      const mergedFilter = andAll([...(input.filter ? [input.filter] : []), ...(filter ? [substitute(filter, input.projections)] : [])]);
      const inputOfLower = this.job.get(input.inputs[0]!);
      const inNames = inputOfLower.schema.columns.map((c) => c.name);
      input.filter = mergedFilter;
      input.projections = merged;
      input.schema = { columns: uniq.map((n, i) => ({ name: n, type: merged[i]!.type })) };
      input.uniqueKey = mapKey(inputOfLower.uniqueKey, merged);
      input.label = calcLabel(mergedFilter, merged, inNames, uniq);
      // A merged Calc that became an identity pick-list is still a valid node; keep it.
      return withAlias({ node: input.id, cols: outCols(merged.map((p) => p.type)) });
    }
    const inNames = input.schema.columns.map((c) => c.name);
    const node = this.job.add<CalcNode>({
      kind: 'Calc',
      inputs: [rel.node],
      schema: { columns: uniq.map((n, i) => ({ name: n, type: projections[i]!.type })) },
      changelogMode: input.changelogMode,
      uniqueKey: mapKey(input.uniqueKey, projections),
      parallelism: this.job.parallelism,
      hints: [],
      label: calcLabel(filter, projections, inNames, uniq),
      filter,
      projections,
    });
    this.track(node);
    return withAlias({ node: node.id, cols: outCols(projections.map((p) => p.type)) });
  }

  // ---- changelog inference -----------------------------------------------------------------

  private track(node: PlanNode, table?: TableDef): void {
    const job = this.job;
    const input = (i: number) => job.changes.get(node.inputs[i]!) ?? INSERT_ONLY;
    let c: Changes;
    switch (node.kind) {
      case 'Source': {
        const opts = { ...table!.options, ...node.optionOverrides };
        const format = formatOf(opts);
        if (table!.connector === 'upsert-kafka') c = { updates: true, deletes: true, origin: node.id, upsert: true };
        else if (format !== undefined && CHANGELOG_FORMATS.has(format) && table!.connector !== 'jdbc') c = { updates: true, deletes: true, origin: node.id, upsert: false };
        else c = INSERT_ONLY;
        break;
      }
      case 'Values':
        c = INSERT_ONLY;
        break;
      case 'Calc':
      case 'Sink':
        c = input(0);
        break;
      case 'GroupAggregate': {
        const i = input(0);
        c = { updates: true, deletes: i.updates || i.deletes, origin: node.id, upsert: false };
        break;
      }
      case 'Join': {
        const l = input(0);
        const r = input(1);
        if (node.joinType !== 'INNER') c = { updates: true, deletes: true, origin: node.id, upsert: false };
        else c = { updates: l.updates || r.updates, deletes: l.deletes || r.deletes, origin: l.origin ?? r.origin, upsert: false };
        break;
      }
      case 'Union': {
        const ins = node.inputs.map((_, i) => input(i));
        c = {
          updates: ins.some((x) => x.updates),
          deletes: ins.some((x) => x.deletes),
          origin: ins.find((x) => x.origin !== null)?.origin ?? null,
          upsert: false,
        };
        break;
      }
      case 'DropRowKind': {
        const i = input(0);
        const drops = new Set(node.dropKinds);
        if (drops.has(RowKind.UPDATE_BEFORE) && drops.has(RowKind.DELETE)) c = INSERT_ONLY;
        else if (drops.has(RowKind.UPDATE_BEFORE)) c = { ...i, upsert: true };
        else if (drops.has(RowKind.DELETE)) c = { ...i, deletes: false };
        else c = i;
        break;
      }
    }
    job.changes.set(node.id, c);
    node.changelogMode = modeOf(c);
  }

  // ---- hints -------------------------------------------------------------------------------

  private unknownHint(h: A.Hint, allowed: Set<string>): void {
    void allowed;
    this.warn(`unknown hint ${h.name}; it is ignored`, h.span, 'unknown-hint');
  }

  private selectHints(hs: A.Hint[]): SelectHints {
    const out: SelectHints = { hints: [], ttl: new Map(), applied: false, joins: [] };
    for (const h of hs) {
      if (!QUERY_HINTS.has(h.name)) {
        if (TABLE_HINTS.has(h.name)) this.warn(`${h.name} is a table hint; write it after the table name: t /*+ ${h.name}(...) */`, h.span, 'unknown-hint');
        else this.unknownHint(h, QUERY_HINTS);
        continue;
      }
      out.hints.push(h);
      if (h.name === 'STATE_TTL') {
        for (const a of h.args) {
          if (a.key === undefined) fail(`STATE_TTL takes 'table'='duration' pairs, e.g. STATE_TTL('o'='1d')`, a.span, 'invalid-hint');
          const parsed = parseDuration(a.value);
          if (parsed === null) fail(`invalid duration '${a.value}' in STATE_TTL; use e.g. '1d', '12h', '30min', '10s'`, a.span, 'invalid-hint');
          const ms = Math.round(parsed); // a TTL is whole ms; only a bare number can carry a fraction
          out.ttl.set(a.key.toLowerCase(), { ms, used: false, span: a.span, hint: h });
        }
      }
    }
    return out;
  }

  /** Puts the SELECT's hints on the aggregate (if any) and the joins of this SELECT. */
  private applySelectHints(hints: SelectHints, agg: GroupAggregateNode | null, s: A.SelectQuery): void {
    void s;
    const targets: PlanNode[] = [...hints.joins, ...(agg ? [agg] : [])];
    for (const h of hints.hints) {
      if (h.name === 'DROP_ROW_KIND') continue; // handled by INSERT
      if (targets.length === 0) {
        if (h.name === 'STATE_TTL' || h.name === 'STATE_CLEANUP') {
          this.warn(`${h.name} has no join or aggregation in this query to apply to; it is ignored`, h.span, 'unknown-hint');
        }
        continue;
      }
      for (const t of targets) t.hints.push(hintInfo(h));
    }
    hints.applied = true;
  }

  private finishSelectHints(hints: SelectHints): void {
    for (const [alias, t] of hints.ttl) {
      if (!t.used && hints.applied) {
        this.warn(`STATE_TTL names '${alias}', which is not an input of a join or aggregation in this query; it is ignored`, t.span, 'unknown-hint');
      }
    }
  }
}

// ---- helpers -------------------------------------------------------------------------------

function checkTail(q: { orderBy: A.OrderItem[]; limit?: A.Expr; offset?: A.Expr }): void {
  if (q.orderBy.length > 0) fail('ORDER BY is not supported in a streaming job', q.orderBy[0]!.span, 'unsupported');
  if (q.limit) fail('LIMIT is not supported in a streaming job', q.limit.span, 'unsupported');
  if (q.offset) fail('OFFSET is not supported in a streaming job', q.offset.span, 'unsupported');
}

function hintInfo(h: A.Hint): HintInfo {
  return { name: h.name, options: safeRecord(h.args.map((a, i) => [a.key ?? String(i), a.value] as const)), span: h.span };
}

function parseRowKinds(h: A.Hint): number[] {
  const texts = h.args.flatMap((a) => a.value.split(',')).map((x) => x.trim()).filter((x) => x !== '');
  const kinds: number[] = [];
  for (const t of texts) {
    const k = ['+I', '-U', '+U', '-D'].indexOf(t.toUpperCase());
    if (k < 0) fail(`DROP_ROW_KIND: unknown row kind '${t}'; use +I, -U, +U or -D, e.g. DROP_ROW_KIND('kinds'='-U,-D')`, h.span, 'invalid-hint');
    if (!kinds.includes(k)) kinds.push(k);
  }
  if (kinds.length === 0) fail(`DROP_ROW_KIND needs the row kinds to drop, e.g. DROP_ROW_KIND('kinds'='-U')`, h.span, 'invalid-hint');
  return kinds.sort();
}

function topSelect(q: A.Query): A.SelectQuery | null {
  if (q.kind === 'Select') return q;
  if (q.kind === 'With') return topSelect(q.body);
  return null;
}

/** Spans of the query's output columns when they are written out (no `*`). */
function outputSpans(q: A.Query): Span[] | null {
  const s = topSelect(q);
  if (s) return s.items.some((i) => i.kind === 'Star') ? null : s.items.map((i) => i.span);
  if (q.kind === 'Values' && q.rows[0]) return q.rows[0].map((e) => e.span);
  return null;
}

function identity(cols: ScopeCol[]): BoundExpr[] {
  return cols.map((c, i) => ({ op: 'col', index: i, type: c.type }));
}

function resolvedName(e: A.ColumnRef, cols: ScopeCol[]): string {
  const q = e.qualifier?.name.toLowerCase();
  const c = cols.find((x) => x.name.toLowerCase() === e.name.name.toLowerCase() && (q === undefined ? !x.hidden : x.qualifier === q));
  return c?.name ?? e.name.name;
}

function requalify(rel: Rel, alias: string | null, table: string | null): Rel {
  const q = alias?.toLowerCase() ?? null;
  const out: Rel = { node: rel.node, cols: rel.cols.map((c) => ({ ...c, qualifier: q, table: table ?? c.table, hidden: false })) };
  if (q !== null) out.alias = q;
  return out;
}

function renameColumns(rel: Rel, names: A.Ident[], span: Span): Rel {
  if (names.length !== rel.cols.length) fail(`${names.length} column names given for a query with ${rel.cols.length} columns`, span, 'column-count');
  return { ...rel, cols: rel.cols.map((c, i) => ({ ...c, name: names[i]!.name })) };
}

/** Calcite-style unique names: a repeated `id` becomes `id0`, `id1`, ... */
function uniquify(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    let name = n;
    let k = 0;
    while (seen.has(name.toLowerCase())) name = `${n}${k++}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

function substitute(e: BoundExpr, projections: BoundExpr[]): BoundExpr {
  switch (e.op) {
    case 'col':
      return projections[e.index]!;
    case 'lit':
      return e;
    case 'cast':
      return { ...e, expr: substitute(e.expr, projections) };
    case 'case':
      return {
        ...e,
        whens: e.whens.map((w) => ({ when: substitute(w.when, projections), then: substitute(w.then, projections) })),
        else: e.else ? substitute(e.else, projections) : null,
      };
    case 'call':
      return { ...e, args: e.args.map((a) => substitute(a, projections)) };
  }
}

function shift(e: BoundExpr, by: number): BoundExpr {
  return shiftFrom(e, 0, by);
}

/** The column a key expression reads when it is only that column (or a cast within its family). */
function plainColumn(e: BoundExpr): number | null {
  const x = e.op === 'cast' && familyOf(e.type) === familyOf(e.expr.type) ? e.expr : e;
  return x.op === 'col' ? x.index : null;
}

/** Moves the columns at `from` and after by `by` (e.g. past columns inserted before them). */
function shiftFrom(e: BoundExpr, from: number, by: number): BoundExpr {
  switch (e.op) {
    case 'col':
      return e.index >= from ? { ...e, index: e.index + by } : e;
    case 'lit':
      return e;
    case 'cast':
      return { ...e, expr: shiftFrom(e.expr, from, by) };
    case 'case':
      return {
        ...e,
        whens: e.whens.map((w) => ({ when: shiftFrom(w.when, from, by), then: shiftFrom(w.then, from, by) })),
        else: e.else ? shiftFrom(e.else, from, by) : null,
      };
    case 'call':
      return { ...e, args: e.args.map((a) => shiftFrom(a, from, by)) };
  }
}

function columnsOf(e: BoundExpr, out: Set<number> = new Set()): Set<number> {
  switch (e.op) {
    case 'col':
      out.add(e.index);
      break;
    case 'cast':
      columnsOf(e.expr, out);
      break;
    case 'case':
      e.whens.forEach((w) => {
        columnsOf(w.when, out);
        columnsOf(w.then, out);
      });
      if (e.else) columnsOf(e.else, out);
      break;
    case 'call':
      e.args.forEach((a) => columnsOf(a, out));
      break;
    default:
      break;
  }
  return out;
}

function sideOf(e: BoundExpr, leftWidth: number): 'left' | 'right' | 'both' | 'none' {
  const cols = [...columnsOf(e)];
  if (cols.length === 0) return 'none';
  const l = cols.some((c) => c < leftWidth);
  const r = cols.some((c) => c >= leftWidth);
  return l && r ? 'both' : l ? 'left' : 'right';
}

/** `l = r` with a plain column of each side: [leftIndex, rightIndex] (right index not shifted). */
function equiKey(e: BoundExpr, leftWidth: number): [number, number] | null {
  if (e.op !== 'call' || e.fn !== '=' || e.args.length !== 2) return null;
  const strip = (x: BoundExpr): BoundExpr => (x.op === 'cast' && familyOf(x.type) === familyOf(x.expr.type) ? x.expr : x);
  const a = strip(e.args[0]!);
  const b = strip(e.args[1]!);
  if (a.op !== 'col' || b.op !== 'col') return null;
  if (a.index < leftWidth && b.index >= leftWidth) return [a.index, b.index];
  if (b.index < leftWidth && a.index >= leftWidth) return [b.index, a.index];
  return null;
}

/**
 * `l = r` where each side is an expression over one input only, not two plain columns
 * (`UPPER(a.x) = UPPER(b.x)`, `a.id + 1 = b.id`): [left expression, right expression]
 * (right side not shifted).
 */
function computedEquiKey(e: BoundExpr, leftWidth: number): [BoundExpr, BoundExpr] | null {
  if (e.op !== 'call' || e.fn !== '=' || e.args.length !== 2) return null;
  const a = e.args[0]!;
  const b = e.args[1]!;
  const sa = sideOf(a, leftWidth);
  const sb = sideOf(b, leftWidth);
  if (sa === 'left' && sb === 'right') return [a, b];
  if (sa === 'right' && sb === 'left') return [b, a];
  return null;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

function mapKey(key: number[] | null, projections: BoundExpr[]): number[] | null {
  if (key === null) return null;
  const out: number[] = [];
  for (const k of key) {
    const i = projections.findIndex((p) => p.op === 'col' && p.index === k);
    if (i < 0) return null;
    out.push(i);
  }
  return out;
}

function calcLabel(filter: BoundExpr | null, projections: BoundExpr[], inNames: string[], outNames: string[]): string {
  const items = projections.map((p, i) => {
    const text = exprToSql(p, inNames);
    const name = quoteIdent(outNames[i]!);
    return text === name ? text : `${text} AS ${name}`;
  });
  return `Calc(select=[${items.join(', ')}]${filter ? `, where=[${exprToSql(filter, inNames)}]` : ''})`;
}

function valuesText(rows: Row[], types: DataType[]): string {
  const shown = rows.slice(0, 5).map((r) => `[${r.map((v, i) => exprToSql({ op: 'lit', value: v, type: types[i]! }, [])).join(', ')}]`);
  return shown.join(', ') + (rows.length > 5 ? `, ... ${rows.length - 5} more` : '');
}

/** Implicit conversions Flink allows when writing into a sink column. */
function sinkAccepts(from: DataType, to: DataType): boolean {
  const f = familyOf(from);
  const t = familyOf(to);
  if (f === 'null' || f === t) return true;
  if (isNumeric(from) && isNumeric(to)) return true;
  if (t === 'string') return f !== 'interval';
  if (f === 'date' && t === 'timestamp') return true;
  return false;
}

function needsCast(from: DataType, to: DataType): boolean {
  const f = familyOf(from);
  const t = familyOf(to);
  if (f === 'null') return false;
  if (f === 'string' && t === 'string') return to.name === 'CHAR' && from.name !== 'CHAR';
  if (f === 'timestamp' && t === 'timestamp') return (to.precision ?? 6) < 3 && (from.precision ?? 6) > (to.precision ?? 6);
  if (f === 'integer' && (t === 'integer' || t === 'approx')) {
    const rank = (x: DataType) => ['TINYINT', 'SMALLINT', 'INT', 'BIGINT'].indexOf(x.name);
    return t === 'integer' && rank(to) < rank(from);
  }
  if (f === 'approx' && to.name === 'DOUBLE') return false;
  if (f === 'decimal' && t === 'decimal') return (to.scale ?? 0) < (from.scale ?? 0) || (to.precision ?? 10) - (to.scale ?? 0) < (from.precision ?? 10) - (from.scale ?? 0);
  if (f === 'decimal' && t === 'approx') return to.name === 'FLOAT';
  if (f === 'integer' && t === 'decimal') return false;
  return f !== t || from.name !== to.name || from.precision !== to.precision || from.scale !== to.scale;
}

/** Casts to a sink column type when the value representation or its rounding changes. */
function castForSink(e: BoundExpr, to: DataType): BoundExpr {
  if (familyOf(e.type) === 'null') return e.op === 'lit' ? { op: 'lit', value: null, type: { ...to, nullable: true } } : e;
  if (!needsCast(e.type, to)) return e;
  return { op: 'cast', expr: e, type: { ...to, nullable: e.type.nullable }, safe: false };
}
