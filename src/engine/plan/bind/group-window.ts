// Legacy group windows: `GROUP BY TUMBLE(ts, INTERVAL '1' HOUR), k` with `TUMBLE_START(...)`,
// `TUMBLE_END(...)`, `TUMBLE_ROWTIME(...)` / `TUMBLE_PROCTIME(...)` in the select list (and HOP_*,
// SESSION_*). Flink plans these as a window aggregation on the same window
// (its GroupWindowAggregate has the semantics of the TVF window aggregation: one insert-only
// result per window on the watermark, late records dropped). Here the query is rewritten onto a
// windowing TVF: the group window becomes `window_start, window_end` keys of a TVF planned over
// the FROM, and each auxiliary function becomes a reference to the window column it names.
import type * as A from '../../sql/ast';
import type { Span } from '../../types';
import { fail } from '../errors';
import { matchWindowTvf, planWindowTvf } from '../physical/window-table-function';
import type { QueryContext } from './context';
import { ExprBinder } from './expr';
import type { Rel } from './scope';

const GROUP_WINDOWS: Record<string, A.WindowTvfName> = { TUMBLE: 'TUMBLE', HOP: 'HOP', SESSION: 'SESSION' };

/** The window columns under names a query cannot write unquoted, so they never clash with its own. */
const COLUMN_OF_PROPERTY: Record<string, string> = { START: '$window_start', END: '$window_end', ROWTIME: '$window_time', PROCTIME: '$window_time' };

/** The group window call in GROUP BY, if any (Flink allows one). */
export function findGroupWindow(s: A.SelectQuery): A.FunctionCall | null {
  const calls = s.groupBy.filter((g): g is A.FunctionCall => g.kind === 'FunctionCall' && GROUP_WINDOWS[g.name] !== undefined);
  if (calls.length > 1) fail('a GROUP BY may hold only one group window (TUMBLE, HOP or SESSION)', calls[1]!.span, 'window');
  return calls[0] ?? null;
}

/**
 * Plans the TVF over `base` for the group window `call` and rewrites the SELECT onto it: returns
 * the TVF relation (its window columns named `$window_start`, `$window_end`, `$window_time`) and
 * the rewritten query.
 */
export function rewriteGroupWindow(ctx: QueryContext, s: A.SelectQuery, call: A.FunctionCall, base: Rel): { rel: Rel; query: A.SelectQuery } {
  const fn = GROUP_WINDOWS[call.name]!;
  const timeArg = call.args[0];
  if (!timeArg || timeArg.kind !== 'ColumnRef') fail(`${fn}: the first argument must be a time attribute column`, call.span, 'window');
  const intervals = call.args.slice(1);
  const wantArgs = fn === 'HOP' ? 2 : 1;
  if (intervals.length !== wantArgs && !(fn === 'TUMBLE' && intervals.length === 2)) {
    fail(`${fn} takes the time attribute and ${wantArgs === 2 ? 'a slide and a size' : fn === 'SESSION' ? 'a gap' : 'a size'}`, call.span, 'window');
  }
  const tvf = { fn, timeCol: timeArg.name, args: intervals, span: call.span };
  if (timeArg.qualifier) {
    const q = timeArg.qualifier.name.toLowerCase();
    if (!base.cols.some((c) => c.qualifier === q && c.name.toLowerCase() === timeArg.name.name.toLowerCase())) fail(`unknown column '${timeArg.qualifier.name}.${timeArg.name.name}'`, timeArg.span, 'unknown-column');
  }
  const binder = new ExprBinder({ cols: [] }, 'window');
  const m = matchWindowTvf(ctx.job, tvf, base, intervals.map((a) => binder.bind(a)));
  const planned = planWindowTvf(ctx.job, base, m, null);
  const w = base.cols.length;
  const cols = planned.cols.map((c, i) => (i < w ? { ...c, qualifier: base.cols[i]!.qualifier } : { ...c, qualifier: null, name: ['$window_start', '$window_end', '$window_time'][i - w]! }));
  const rel: Rel = { ...planned, cols };
  if (base.alias !== undefined) rel.alias = base.alias;
  else delete rel.alias;

  const sameWindow = (c: A.FunctionCall): boolean => JSON.stringify(stripSpans(c.args)) === JSON.stringify(stripSpans(call.args));
  const rewrite = <T>(node: T): T => {
    if (Array.isArray(node)) return node.map(rewrite) as T;
    if (node === null || typeof node !== 'object') return node;
    const o = node as Record<string, unknown>;
    if (o['kind'] === 'FunctionCall') {
      const f = o as unknown as A.FunctionCall;
      const aux = /^(TUMBLE|HOP|SESSION)_(START|END|ROWTIME|PROCTIME)$/.exec(f.name);
      if (aux) {
        if (aux[1] !== fn || !sameWindow(f)) fail(`${f.name} must name the group window of the GROUP BY (${fn} with the same arguments)`, f.span, 'window');
        return columnRef(COLUMN_OF_PROPERTY[aux[2]!]!, f.span) as T;
      }
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = k === 'span' || k === 'nameSpan' ? v : rewrite(v);
    return out as T;
  };
  // window_time is grouped too (it follows from window_end), so *_ROWTIME and *_PROCTIME can read it.
  const groupBy = s.groupBy.flatMap((g) => (g === call ? ['$window_start', '$window_end', '$window_time'].map((n) => columnRef(n, call.span)) : [g]));
  const query: A.SelectQuery = { ...s, groupBy, items: rewrite(s.items), ...(s.having ? { having: rewrite(s.having) } : {}) };
  return { rel, query };
}

function columnRef(name: string, span: Span): A.ColumnRef {
  return { kind: 'ColumnRef', name: { name, raw: name, quoted: true, span }, span };
}

/** An AST without positions, to compare two calls' arguments. */
function stripSpans(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(stripSpans);
  if (x === null || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
    if (k === 'span' || k === 'nameSpan' || k === 'raw') continue;
    out[k] = stripSpans(v);
  }
  return out;
}
