// Hints: which are known where, and reading and validating their arguments.
//
// Flink places hints by kind: query hints right after SELECT (STATE_TTL, join strategies and the
// Freshet extensions STATE_CLEANUP, DROP_ROW_KIND, REUSE_SOURCE), table hints after a table name
// (OPTIONS, REUSE_SOURCE), and on an INSERT target (OPTIONS, DROP_ROW_KIND). A hint in the wrong
// place or with an unknown name is a warning, as Flink ignores unknown hints; malformed arguments
// of a known hint are an error.
import type * as A from '../sql/ast';
import type { HintInfo } from '../api';
import type { Span } from '../types';
import type { JoinNode, PlanNode } from './graph';
import { fail, safeRecord } from './errors';
import { parseDuration } from '../common/duration';
import { emptyCleanupHints, readStateCleanup, type CleanupHints, type CleanupRule } from './state-cleanup';

const QUERY_HINTS = new Set(['STATE_TTL', 'STATE_CLEANUP', 'DROP_ROW_KIND', 'REUSE_SOURCE', 'BROADCAST', 'SHUFFLE_HASH', 'SHUFFLE_MERGE', 'NEST_LOOP', 'LOOKUP']);
const TABLE_HINTS = new Set(['OPTIONS', 'REUSE_SOURCE']);
const SINK_HINTS = new Set(['OPTIONS', 'DROP_ROW_KIND']);

/** Where hint warnings go (the planner's diagnostics, in the order they are found). */
export type WarningSink = (message: string, span: Span, code: string) => void;

/** A hint as plan nodes carry it: positional arguments are keyed by their position. */
export function hintInfo(h: A.Hint): HintInfo {
  return { name: h.name, options: safeRecord(h.args.map((a, i) => [a.key ?? String(i), a.value] as const)), span: h.span };
}

function warnUnknownHint(h: A.Hint, warn: WarningSink): void {
  warn(`unknown hint ${h.name}; it is ignored`, h.span, 'unknown-hint');
}

// ---- query hints (after SELECT) ----------------------------------------------------------

/** One `'alias'='duration'` of a STATE_TTL hint, and whether a join or aggregate input took it. */
interface StateTtlEntry {
  ms: number;
  used: boolean;
  span: Span;
}

/** A SELECT's hints, the STATE_TTL per input alias, and the operators they end up on. */
export interface SelectHints {
  hints: A.Hint[];
  ttlByAlias: Map<string, StateTtlEntry>;
  /** STATE_CLEANUP rules: the aggregation's and one per join input alias. */
  cleanup: CleanupHints;
  /** Whether the hints were put on the SELECT's operators (a failed SELECT never gets there). */
  applied: boolean;
  /** Join nodes planned for this SELECT's FROM. */
  joins: JoinNode[];
}

/** Reads the hints after SELECT: warns about misplaced or unknown ones, validates STATE_TTL. */
export function readSelectHints(hs: A.Hint[], warn: WarningSink): SelectHints {
  const out: SelectHints = { hints: [], ttlByAlias: new Map(), cleanup: emptyCleanupHints(), applied: false, joins: [] };
  for (const h of hs) {
    if (!QUERY_HINTS.has(h.name)) {
      if (TABLE_HINTS.has(h.name)) warn(`${h.name} is a table hint; write it after the table name: t /*+ ${h.name}(...) */`, h.span, 'unknown-hint');
      else warnUnknownHint(h, warn);
      continue;
    }
    out.hints.push(h);
    if (h.name === 'STATE_TTL') {
      for (const a of h.args) {
        if (a.key === undefined) fail(`STATE_TTL takes 'table'='duration' pairs, e.g. STATE_TTL('o'='1d')`, a.span, 'invalid-hint');
        const parsed = parseDuration(a.value);
        if (parsed === null) fail(`invalid duration '${a.value}' in STATE_TTL; use e.g. '1d', '12h', '30min', '10s'`, a.span, 'invalid-hint');
        const ms = Math.round(parsed); // a TTL is whole ms; only a bare number can carry a fraction
        out.ttlByAlias.set(a.key.toLowerCase(), { ms, used: false, span: a.span });
      }
    }
    if (h.name === 'STATE_CLEANUP') readStateCleanup(h, out.cleanup);
  }
  return out;
}

/** The STATE_TTL (ms) a join or aggregate input named `alias` gets, or null; marks it used. */
export function claimStateTtl(hints: SelectHints, alias: string | undefined): number | null {
  if (alias === undefined) return null;
  const entry = hints.ttlByAlias.get(alias);
  if (!entry) return null;
  entry.used = true;
  return entry.ms;
}

/** The STATE_CLEANUP rule of the join input named `alias`, or null; marks it used. */
export function claimJoinCleanup(hints: SelectHints, alias: string | undefined): CleanupRule | null {
  if (alias === undefined) return null;
  const rule = hints.cleanup.byAlias.get(alias);
  if (!rule) return null;
  rule.used = true;
  return rule;
}

/** The STATE_CLEANUP rule of the SELECT's group aggregation (bare 'ttl' / 'condition'), or null; marks it used. */
export function claimAggregateCleanup(hints: SelectHints): CleanupRule | null {
  const rule = hints.cleanup.aggregate;
  if (rule) rule.used = true;
  return rule;
}

/** Puts the SELECT's hints on its aggregate (if any) and the joins of its FROM. */
export function applySelectHints(hints: SelectHints, aggregate: PlanNode | null, warn: WarningSink): void {
  const targets: PlanNode[] = [...hints.joins, ...(aggregate ? [aggregate] : [])];
  if (targets.length === 0) {
    // The hint as a whole is warned about below; its rules need no warning of their own.
    for (const rule of hints.cleanup.byAlias.values()) rule.used = true;
    if (hints.cleanup.aggregate) hints.cleanup.aggregate.used = true;
  }
  for (const h of hints.hints) {
    if (h.name === 'DROP_ROW_KIND') continue; // it belongs to the INSERT's sink
    if (targets.length === 0) {
      if (h.name === 'STATE_TTL' || h.name === 'STATE_CLEANUP') {
        warn(`${h.name} has no join or aggregation in this query to apply to; it is ignored`, h.span, 'unknown-hint');
      }
      continue;
    }
    for (const t of targets) t.hints.push(hintInfo(h));
  }
  hints.applied = true;
}

/** Warns about STATE_TTL aliases that named no input of a join or aggregation. */
export function finishSelectHints(hints: SelectHints, warn: WarningSink): void {
  for (const [alias, t] of hints.ttlByAlias) {
    if (!t.used && hints.applied) {
      warn(`STATE_TTL names '${alias}', which is not an input of a join or aggregation in this query; it is ignored`, t.span, 'unknown-hint');
    }
  }
  if (!hints.applied) return;
  for (const [alias, rule] of hints.cleanup.byAlias) {
    if (!rule.used) warn(`STATE_CLEANUP names '${alias}', which is not an input of a join in this query; it is ignored`, rule.span, 'unknown-hint');
  }
  const own = hints.cleanup.aggregate;
  if (own && !own.used) {
    warn(`STATE_CLEANUP 'ttl' / 'condition' without an input name apply to a group aggregation, and this query has none; for a join input write e.g. 'o.condition'`, own.span, 'unknown-hint');
  }
}

// ---- table hints (after a table name) ----------------------------------------------------

/** A table reference's hints and the OPTIONS they override the table's WITH options with. */
export interface TableHints {
  hints: HintInfo[];
  optionOverrides: Record<string, string>;
}

export function readTableHints(hs: A.Hint[], warn: WarningSink): TableHints {
  const overrides: [string, string][] = [];
  const hints: HintInfo[] = [];
  for (const h of hs) {
    if (!TABLE_HINTS.has(h.name)) {
      if (QUERY_HINTS.has(h.name)) warn(`${h.name} is a query hint; write it right after SELECT: SELECT /*+ ${h.name}(...) */`, h.span, 'unknown-hint');
      else warnUnknownHint(h, warn);
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
  return { hints, optionOverrides: safeRecord(overrides) };
}

// ---- sink hints (on the INSERT target) ---------------------------------------------------

/** The INSERT target's hints: DROP_ROW_KIND becomes an operator, the others stay on the sink. */
export interface SinkHints {
  sinkHints: HintInfo[];
  dropRowKind: A.Hint | undefined;
}

export function readSinkHints(hs: A.Hint[], warn: WarningSink): SinkHints {
  const sinkHints: HintInfo[] = [];
  let dropRowKind: A.Hint | undefined;
  for (const h of hs) {
    if (!SINK_HINTS.has(h.name)) {
      warnUnknownHint(h, warn);
      continue;
    }
    if (h.name === 'DROP_ROW_KIND') dropRowKind = h;
    else sinkHints.push(hintInfo(h));
  }
  return { sinkHints, dropRowKind };
}

/** Row kinds as Flink prints them, indexed by RowKind. */
export const ROW_KIND_TEXTS = ['+I', '-U', '+U', '-D'];

/** The row kinds a DROP_ROW_KIND hint names, as RowKind numbers in ascending order. */
export function parseRowKinds(h: A.Hint): number[] {
  const texts = h.args.flatMap((a) => a.value.split(',')).map((x) => x.trim()).filter((x) => x !== '');
  const kinds: number[] = [];
  for (const t of texts) {
    const k = ROW_KIND_TEXTS.indexOf(t.toUpperCase());
    if (k < 0) fail(`DROP_ROW_KIND: unknown row kind '${t}'; use +I, -U, +U or -D, e.g. DROP_ROW_KIND('kinds'='-U,-D')`, h.span, 'invalid-hint');
    if (!kinds.includes(k)) kinds.push(k);
  }
  if (kinds.length === 0) fail(`DROP_ROW_KIND needs the row kinds to drop, e.g. DROP_ROW_KIND('kinds'='-U')`, h.span, 'invalid-hint');
  return kinds.sort();
}
