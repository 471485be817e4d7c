// WindowTableFunction: TUMBLE / HOP / CUMULATE / SESSION over a relation. matchWindowTvf checks
// what Flink's SqlWindowTableFunction operand checkers and StreamPhysicalWindowTableFunction
// check (the time column is a time attribute, the intervals are positive constants, HOP and
// CUMULATE sizes are whole multiples of their slide / step, the input is insert-only);
// planWindowTvf only builds the node. Output = the input's columns (the time column becomes a
// plain timestamp, as Flink's docs say) then window_start, window_end (TIMESTAMP(3)) and
// window_time (a time attribute of the input's kind).
import type * as A from '../../sql/ast';
import type { BoundExpr } from '../../expr/ir';
import { quoteIdent } from '../../expr/print';
import { materialized, mk } from '../../expr/typeutil';
import type { Column, DataType } from '../../types';
import { typeToString } from '../../types';
import type { WindowSpec, WindowTableFunctionNode } from '../graph';
import { fail } from '../errors';
import type { JobBuilder } from '../job';
import type { Rel, ScopeCol } from '../bind/scope';

export interface WindowTvfMatch {
  spec: WindowSpec;
  timeIndex: number;
}

/** Checks a windowing TVF over `input` (already planned); `intervals` are its bound interval arguments. */
export function matchWindowTvf(job: JobBuilder, tvf: Pick<A.WindowTvfRef, 'fn' | 'timeCol' | 'args' | 'span'>, input: Rel, intervals: BoundExpr[]): WindowTvfMatch {
  const name = tvf.timeCol.name.toLowerCase();
  const timeIndex = input.cols.findIndex((c) => !c.hidden && c.name.toLowerCase() === name);
  if (timeIndex < 0) fail(`${tvf.fn}: unknown column '${tvf.timeCol.name}' in DESCRIPTOR`, tvf.timeCol.span, 'unknown-column');
  const timeType = input.cols[timeIndex]!.type;
  if (!timeType.timeAttribute) {
    fail(
      `The window function requires the timecol is a time attribute type, but is ${typeToString(timeType)}. Declare a WATERMARK on '${tvf.timeCol.name}' or use a PROCTIME() column`,
      tvf.timeCol.span,
      'time-attribute',
    );
  }
  const ms = intervals.map((e, i) => {
    const arg = tvf.args[i]!;
    if (e.op !== 'lit' || e.type.name !== 'INTERVAL' || typeof e.value !== 'number') fail(`${tvf.fn}: expected a constant INTERVAL such as INTERVAL '10' MINUTES`, arg.span, 'type-mismatch');
    return e.value;
  });
  const positive = (v: number, i: number, what: string) => {
    if (!(v > 0)) fail(`${tvf.fn}: the ${what} must be a positive interval`, tvf.args[i]!.span, 'type-mismatch');
  };
  let spec: WindowSpec;
  const timeKind = timeType.timeAttribute;
  switch (tvf.fn) {
    case 'TUMBLE':
      positive(ms[0]!, 0, 'size');
      spec = { kind: 'TUMBLE', sizeMs: ms[0]!, slideMs: ms[0]!, offsetMs: ms[1] ?? 0, timeKind };
      break;
    case 'HOP':
    case 'CUMULATE': {
      const [slide, size] = [ms[0]!, ms[1]!];
      const what = tvf.fn === 'HOP' ? 'slide' : 'step';
      positive(slide, 0, what);
      positive(size, 1, 'size');
      if (size % slide !== 0) fail(`${tvf.fn} table function based aggregate requires size must be an integral multiple of ${what}, but got size ${size} ms, ${what} ${slide} ms`, tvf.span, 'window');
      spec = { kind: tvf.fn, sizeMs: size, slideMs: slide, offsetMs: ms[2] ?? 0, timeKind };
      break;
    }
    case 'SESSION':
      positive(ms[0]!, 0, 'gap');
      spec = { kind: 'SESSION', sizeMs: ms[0]!, slideMs: ms[0]!, offsetMs: 0, timeKind };
      break;
  }
  const changes = job.changes.of(input.node);
  if (changes.updates || changes.deletes) {
    fail(`StreamPhysicalWindowTableFunction doesn't support consuming update and delete changes which is produced by node ${job.get(changes.origin ?? input.node).label}`, tvf.span, 'changelog-mode');
  }
  return { spec, timeIndex };
}

function windowLabel(spec: WindowSpec, timeName: string): string {
  const d = (ms: number) => `${ms} ms`;
  const time = `time_col=[${quoteIdent(timeName)}]`;
  switch (spec.kind) {
    case 'TUMBLE':
      return `TUMBLE(${time}, size=[${d(spec.sizeMs)}]${spec.offsetMs ? `, offset=[${d(spec.offsetMs)}]` : ''})`;
    case 'HOP':
      return `HOP(${time}, size=[${d(spec.sizeMs)}], slide=[${d(spec.slideMs)}])`;
    case 'CUMULATE':
      return `CUMULATE(${time}, max_size=[${d(spec.sizeMs)}], step=[${d(spec.slideMs)}])`;
    case 'SESSION':
      return `SESSION(${time}, gap=[${d(spec.sizeMs)}])`;
  }
}

/** Flink's `window=[TUMBLE(time_col=[ts], size=[600000 ms])]` text, for this node and the aggregate after it. */
export function windowText(spec: WindowSpec, timeName: string): string {
  return windowLabel(spec, timeName);
}

/** Plans the WindowTableFunction node; the relation carries where its window columns are. */
export function planWindowTvf(job: JobBuilder, input: Rel, m: WindowTvfMatch, qualifier: string | null): Rel {
  const inputNode = job.get(input.node);
  const timeType = input.cols[m.timeIndex]!.type;
  const windowTimeType: DataType = { ...mk(timeType.name, false, 3), timeAttribute: timeType.timeAttribute! };
  const boundary = mk('TIMESTAMP', false, 3);
  const inputColumns: Column[] = inputNode.schema.columns.map((c, i) => ({ name: c.name, type: i === m.timeIndex ? materialized(c.type) : c.type }));
  const columns: Column[] = [...inputColumns, { name: 'window_start', type: boundary }, { name: 'window_end', type: boundary }, { name: 'window_time', type: windowTimeType }];
  const timeName = input.cols[m.timeIndex]!.name;
  const node = job.add<WindowTableFunctionNode>({
    kind: 'WindowTableFunction',
    inputs: [input.node],
    schema: { columns },
    uniqueKey: null,
    parallelism: job.parallelism,
    hints: [],
    label: `WindowTableFunction(window=[${windowLabel(m.spec, timeName)}])`,
    window: m.spec,
    timeIndex: m.timeIndex,
    dropLateRecords: false,
  });
  const w = input.cols.length;
  const q = qualifier ?? input.alias ?? null;
  const cols: ScopeCol[] = [
    ...input.cols.map((c, i) => ({ ...c, qualifier: q ?? c.qualifier, hidden: c.hidden ?? false, type: i === m.timeIndex ? materialized(c.type) : c.type })),
    ...(['window_start', 'window_end', 'window_time'] as const).map((name, i) => ({ name, qualifier: q, table: null, type: columns[w + i]!.type })),
  ];
  return { node: node.id, cols, ...(q !== null ? { alias: q } : {}), window: { tvfNode: node.id, spec: m.spec, start: w, end: w + 1, time: w + 2 } };
}
