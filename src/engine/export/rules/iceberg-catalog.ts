// Lake tables: a table declared with `'connector' = 'iceberg'` moves into an Iceberg catalog
// (`CREATE CATALOG ... WITH ('type' = 'iceberg', 'catalog-type' = hadoop | hive | rest)`), its
// catalog options go to the catalog, its WITH keeps the table properties, and every reference to
// it is qualified (`lake.default_database.orders`). Catalog addresses are placeholders.
import type { CreateCatalogStmt, InsertStmt, TableRef, CommonTableExpr } from '../../sql/ast';
import { edit, nodesOfKind, report, statementLabel, type ExportContext } from '../context';
import { sqlString } from '../text-edits';
import { OptionList } from '../with-options';
import type { TableWork } from './connectors';
import { editableStatements } from './statements';

const RULE = 'iceberg-catalog';

interface CatalogPlan {
  name: string;
  catalogType: string;
  databases: Set<string>;
  /** Addresses the script wrote (the simulation ignored them): the placeholders' simulated values. */
  warehouse?: string;
  uri?: string;
  /** Offset of the first CREATE TABLE moved into it: the catalog is created just before. */
  firstTableAt: number;
  tables: string[];
}

const plans = new WeakMap<ExportContext, Map<string, CatalogPlan>>();

function catalogsOf(ctx: ExportContext): Map<string, CatalogPlan> {
  let m = plans.get(ctx);
  if (!m) plans.set(ctx, (m = new Map()));
  return m;
}

const CATALOG_KEYS = ['connector', 'catalog-name', 'catalog-type', 'catalog-impl', 'catalog-database', 'catalog-table', 'warehouse', 'uri', 'clients', 'hive-conf-dir', 'hadoop-conf-dir'];

/** Connector rule for `iceberg`: catalog options leave the table for its catalog. */
export function icebergConnectorOptions(t: TableWork): void {
  t.ctx.artifacts.add('iceberg');
  if (t.inIcebergCatalog) return;
  const catalog = t.options.value('catalog-name') ?? 'iceberg_catalog';
  const database = t.options.value('catalog-database') ?? 'default_database';
  const tableName = t.options.value('catalog-table') ?? t.name;
  const written = t.options.value('catalog-type')?.toLowerCase();
  // The catalog chosen for the deployment wins over what the script wrote for the simulation.
  const catalogType = t.ctx.catalogType ?? written ?? 'hadoop';
  const warehouse = t.options.value('warehouse');
  const uri = t.options.value('uri');
  for (const key of CATALOG_KEYS) {
    const o = t.options.get(key);
    if (o) t.options.remove(o, null);
  }
  const plan = catalogsOf(t.ctx).get(catalog.toLowerCase()) ?? { name: catalog, catalogType, databases: new Set<string>(), firstTableAt: t.st.span.start.offset, tables: [] };
  plan.databases.add(database);
  if (warehouse !== undefined) plan.warehouse ??= warehouse;
  if (uri !== undefined) plan.uri ??= uri;
  plan.tables.push(t.name);
  catalogsOf(t.ctx).set(catalog.toLowerCase(), plan);
  t.ctx.icebergCatalogs.set(plan.name, plan.catalogType);
  const qualified = `${catalog}.${database}.${tableName}`;
  t.ctx.qualified.set(t.name.toLowerCase(), qualified);
  report(t.ctx, {
    rule: RULE,
    severity: 'changed',
    statement: t.options.statement,
    at: t.st.span.start.offset,
    message:
      `created in the Iceberg catalog '${catalog}' (${catalogType}) as ${qualified}; its WITH keeps the table properties and every reference is qualified` +
      (written !== undefined && written !== catalogType ? `; the script's 'catalog-type' = '${written}' gives way to the chosen ${catalogType} catalog` : ''),
  });
}

function catalogOptions(ctx: ExportContext, plan: CatalogPlan): string[] {
  const opts = [`'type' = 'iceberg'`, `'catalog-type' = ${sqlString(plan.catalogType)}`];
  const used = `catalog ${plan.name}`;
  opts.push(`'warehouse' = '${ctx.placeholders.use('ICEBERG_WAREHOUSE', plan.warehouse ?? 'file:///tmp/freshet/warehouse', 'Iceberg warehouse location (s3://bucket/path, hdfs://..., file:///...)', used)}'`);
  if (plan.catalogType === 'hive') opts.push(`'uri' = '${ctx.placeholders.use('ICEBERG_HIVE_METASTORE_URI', plan.uri ?? 'thrift://localhost:9083', 'Hive metastore URI (thrift://host:9083)', used)}'`);
  if (plan.catalogType === 'rest') opts.push(`'uri' = '${ctx.placeholders.use('ICEBERG_REST_URI', plan.uri ?? 'http://localhost:8181', 'Iceberg REST catalog URI (https://host/api/catalog)', used)}'`);
  return opts;
}

/** Catalog options in an existing CREATE CATALOG: its addresses become placeholders. */
function exportWrittenCatalog(ctx: ExportContext, st: CreateCatalogStmt): void {
  const options = new OptionList(ctx, statementLabel(ctx, st), st.options, st.span.start.offset);
  if (options.value('type')?.toLowerCase() !== 'iceberg') return;
  ctx.artifacts.add('iceberg');
  const used = `catalog ${st.name.name}`;
  const w = options.get('warehouse');
  if (w) options.set('warehouse', ctx.placeholders.use('ICEBERG_WAREHOUSE', w.value, 'Iceberg warehouse location', used), { rule: RULE, severity: 'changed', message: 'the warehouse is a placeholder' });
  const uri = options.get('uri');
  if (uri) options.set('uri', ctx.placeholders.use('ICEBERG_CATALOG_URI', uri.value, 'Iceberg catalog URI (Hive metastore or REST)', used), { rule: RULE, severity: 'changed', message: 'the catalog URI is a placeholder' });
  options.emit();
}

/** Statement rule: creates the catalogs and qualifies every reference to a moved table. */
export function exportIcebergCatalogs(ctx: ExportContext): void {
  for (const st of ctx.statements) if (st.kind === 'CreateCatalog') exportWrittenCatalog(ctx, st);
  const catalogs = catalogsOf(ctx);
  if (catalogs.size === 0) return;
  for (const plan of catalogs.values()) {
    const lines = [`CREATE CATALOG ${plan.name} WITH (${catalogOptions(ctx, plan).join(', ')});`];
    for (const db of plan.databases) lines.push(`CREATE DATABASE IF NOT EXISTS ${plan.name}.${db};`);
    const e = edit(ctx, plan.firstTableAt, plan.firstTableAt, lines.join('\n') + '\n\n');
    report(ctx, {
      rule: RULE,
      severity: 'changed',
      statement: `CREATE CATALOG ${plan.name}`,
      at: plan.firstTableAt,
      anchor: { edit: e, within: 0 },
      message: `added: an Iceberg ${plan.catalogType} catalog for ${plan.tables.join(', ')} (the simulation kept them in memory)`,
    });
  }
  for (const st of editableStatements(ctx)) {
    if (st.kind === 'CreateTable') {
      const last = st.name.parts[st.name.parts.length - 1]!.name.toLowerCase();
      const q = ctx.qualified.get(last);
      if (q && st.name.parts.length === 1) edit(ctx, st.name.span.start.offset, st.name.span.end.offset, q);
      continue;
    }
    const cteNames = new Set(nodesOfKind<CommonTableExpr>(st, 'With').flatMap((w) => (w as unknown as { ctes: CommonTableExpr[] }).ctes.map((c) => c.name.name.toLowerCase())));
    const names = [...nodesOfKind<TableRef>(st, 'TableRef').map((r) => r.name), ...nodesOfKind<InsertStmt>(st, 'Insert').map((i) => i.table)];
    for (const name of names) {
      if (name.parts.length !== 1 || cteNames.has(name.name.toLowerCase())) continue;
      const [base, suffix] = splitMetadataName(name.name);
      const q = ctx.qualified.get(base.toLowerCase());
      if (!q) continue;
      const text = suffix === null ? q : `${q.slice(0, q.lastIndexOf('.') + 1)}\`${q.slice(q.lastIndexOf('.') + 1)}$${suffix}\``;
      edit(ctx, name.span.start.offset, name.span.end.offset, text);
    }
  }
}

/** `orders$snapshots` -> [orders, snapshots]; a plain name -> [name, null]. */
function splitMetadataName(name: string): [string, string | null] {
  const i = name.lastIndexOf('$');
  return i > 0 ? [name.slice(0, i), name.slice(i + 1)] : [name, null];
}
