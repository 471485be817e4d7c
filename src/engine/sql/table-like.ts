// CREATE TABLE ... LIKE: merges the source table's definition into the new one right after
// parsing, so every later stage (planner, editor, exporter) sees a plain CREATE TABLE. The rules
// and sentences are Flink's (MergeTableLikeUtil, SqlTableLike):
//   features   CONSTRAINTS (primary key), GENERATED (computed columns), METADATA (metadata
//              columns), OPTIONS (WITH), PARTITIONS (PARTITIONED BY), WATERMARKS; ALL = each
//   strategies INCLUDING (take the source's, a duplicate is an error), EXCLUDING (leave it),
//              OVERWRITING (take it, the new table's entry wins); CONSTRAINTS and PARTITIONS
//              have no OVERWRITING
//   default    INCLUDING ALL OVERWRITING OPTIONS; ALL is applied before the other options
// The source's physical columns always come first, then the new table's columns. The source
// must be a table created earlier in the script.
import type { Diagnostic, Span } from '../types';
import type * as A from './ast';

const FEATURES: Exclude<A.LikeFeature, 'ALL'>[] = ['CONSTRAINTS', 'GENERATED', 'METADATA', 'OPTIONS', 'PARTITIONS', 'WATERMARKS'];
type Strategies = Record<Exclude<A.LikeFeature, 'ALL'>, A.LikeStrategy>;

class LikeError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

/** Merges every `CREATE TABLE ... LIKE` into a full definition, in place; returns the errors. */
export function resolveTableLikes(statements: A.Statement[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen: (A.CreateTableStmt | A.CreateViewStmt)[] = [];
  for (const st of statements) {
    if (st.kind === 'CreateTable' && st.like) {
      try {
        mergeLike(st, st.like, seen);
      } catch (e) {
        if (!(e instanceof LikeError)) throw e;
        diagnostics.push({ severity: 'error', message: e.message, span: e.span, code: 'ddl' });
      }
    }
    if (st.kind === 'CreateTable' || st.kind === 'CreateView') seen.push(st);
  }
  return diagnostics;
}

const lower = (s: string) => s.toLowerCase();

function findSource(name: A.QualifiedName, seen: readonly (A.CreateTableStmt | A.CreateViewStmt)[]): A.CreateTableStmt | A.CreateViewStmt | undefined {
  const want = name.parts.map((p) => lower(p.name));
  for (let i = seen.length - 1; i >= 0; i--) {
    const have = seen[i]!.name.parts.map((p) => lower(p.name));
    // Freshet keeps one namespace of table names (docs/dialect.md): the last parts must agree.
    const n = Math.min(want.length, have.length);
    if (want.slice(-n).join('.') === have.slice(-n).join('.')) return seen[i];
  }
  return undefined;
}

function strategiesOf(like: A.TableLike): Strategies {
  const s: Strategies = { CONSTRAINTS: 'INCLUDING', GENERATED: 'INCLUDING', METADATA: 'INCLUDING', OPTIONS: 'OVERWRITING', PARTITIONS: 'INCLUDING', WATERMARKS: 'INCLUDING' };
  const declared = new Set<string>();
  for (const o of like.options) {
    if (declared.has(o.feature)) throw new LikeError('Each like option feature can be declared only once.', o.span);
    declared.add(o.feature);
    if (o.strategy === 'OVERWRITING' && (o.feature === 'ALL' || o.feature === 'CONSTRAINTS' || o.feature === 'PARTITIONS')) {
      throw new LikeError(`Illegal merging strategy '${o.strategy}' for '${o.feature}' option.`, o.span);
    }
  }
  for (const o of like.options) if (o.feature === 'ALL') for (const f of FEATURES) s[f] = o.strategy;
  for (const o of like.options) if (o.feature !== 'ALL') s[o.feature] = o.strategy;
  return s;
}

function mergeLike(st: A.CreateTableStmt, like: A.TableLike, seen: readonly (A.CreateTableStmt | A.CreateViewStmt)[]): void {
  const source = findSource(like.source, seen);
  if (!source) throw new LikeError(`Source table '${like.source.raw}' of the LIKE clause not found in the catalog`, like.source.span);
  if (source.kind === 'CreateView') throw new LikeError(`Source table '${like.source.raw}' of the LIKE clause can not be a VIEW`, like.source.span);
  const s = strategiesOf(like);
  const whereLike = like.span;

  // Columns: the source's physical ones always, its computed / metadata ones by strategy.
  const kindOf = { computed: 'GENERATED', metadata: 'METADATA' } as const;
  const merged: A.ColumnDef[] = [];
  for (const c of source.columns) {
    if (c.columnKind !== 'physical' && s[kindOf[c.columnKind]] === 'EXCLUDING') continue;
    // The key travels with CONSTRAINTS, not with the column.
    merged.push(c.primaryKey && s.CONSTRAINTS === 'EXCLUDING' ? { ...c, primaryKey: false } : c);
  }
  for (const c of st.columns) {
    const at = merged.findIndex((m) => lower(m.name.name) === lower(c.name.name));
    if (at < 0) {
      merged.push(c);
      continue;
    }
    const base = merged[at]!;
    if (base.columnKind === 'physical' || c.columnKind === 'physical' || base.columnKind !== c.columnKind) {
      throw new LikeError(`A column named '${c.name.name}' already exists in the base table.`, c.name.span);
    }
    const feature = kindOf[c.columnKind];
    if (s[feature] !== 'OVERWRITING') {
      const what = c.columnKind === 'computed' ? 'generated' : 'metadata';
      throw new LikeError(`A ${what} column named '${c.name.name}' already exists in the base table. You might want to specify EXCLUDING ${feature} or OVERWRITING ${feature}.`, c.name.span);
    }
    merged[at] = c;
  }

  // Primary key.
  const sourceHasKey = !!source.primaryKey || source.columns.some((c) => c.primaryKey);
  const ownKey = !!st.primaryKey || st.columns.some((c) => c.primaryKey);
  let primaryKey = st.primaryKey;
  if (s.CONSTRAINTS === 'INCLUDING' && sourceHasKey) {
    if (ownKey) throw new LikeError('The base table already has a primary key. You might want to specify EXCLUDING CONSTRAINTS.', (st.primaryKey ?? st.columns.find((c) => c.primaryKey)!).span);
    primaryKey = source.primaryKey;
  }

  // Watermark (one per table).
  let watermark = st.watermark;
  if (source.watermark && s.WATERMARKS !== 'EXCLUDING') {
    if (!st.watermark) watermark = source.watermark;
    else if (s.WATERMARKS === 'INCLUDING') {
      throw new LikeError(
        `There already exists a watermark spec for column '${source.watermark.column.name}' in the base table. You might want to specify EXCLUDING WATERMARKS or OVERWRITING WATERMARKS.`,
        st.watermark.span,
      );
    }
  }

  // Partitions.
  let partitionedBy = st.partitionedBy;
  if (s.PARTITIONS === 'INCLUDING' && source.partitionedBy.length > 0) {
    if (st.partitionedBy.length > 0) throw new LikeError('The base table already has partitions defined. You might want to specify EXCLUDING PARTITIONS.', st.partitionedBy[0]!.span);
    partitionedBy = source.partitionedBy;
  }

  // Options.
  let options = st.options;
  if (s.OPTIONS !== 'EXCLUDING') {
    const own = new Map(st.options.map((o) => [lower(o.key), o]));
    const inherited: A.TableOption[] = [];
    for (const o of source.options) {
      const mine = own.get(lower(o.key));
      if (!mine) inherited.push(o);
      else if (s.OPTIONS === 'INCLUDING') {
        throw new LikeError(`There already exists an option ['${o.key}' -> '${o.value}'] in the base table. You might want to specify EXCLUDING OPTIONS or OVERWRITING OPTIONS.`, mine.keySpan);
      }
    }
    options = [...inherited, ...st.options];
  }

  if (merged.length === 0) throw new LikeError(`table ${st.name.raw} has no columns`, whereLike);
  st.columns = merged;
  if (primaryKey) st.primaryKey = primaryKey;
  else delete st.primaryKey;
  if (watermark) st.watermark = watermark;
  else delete st.watermark;
  st.partitionedBy = partitionedBy;
  st.options = options;
}
