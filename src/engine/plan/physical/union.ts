// Union: UNION ALL of any number of inputs as one node. Inputs are cast to the common column
// types first, so the node itself only forwards rows.
import type * as A from '../../sql/ast';
import type { DataType, Span } from '../../types';
import { typeToString } from '../../types';
import { quoteIdent } from '../../expr/print';
import { familyOf, mk } from '../../expr/typeutil';
import type { UnionNode } from '../graph';
import { fail } from '../errors';
import { commonType } from '../signatures';
import type { JobBuilder } from '../job';
import { unqualified, type Rel } from '../bind/scope';
import { planCalc } from './calc';
import { castForColumn, needsCast } from './casts';

/** The inputs of a chain of UNION ALLs, flattened into one list; other set operations fail. */
export function matchUnion(q: A.SetOpQuery): A.Query[] {
  if (q.op !== 'UNION ALL') {
    const what = q.op === 'UNION' ? 'UNION without ALL (use UNION ALL)' : q.op;
    fail(`not supported yet: ${what}`, q.span, 'unsupported');
  }
  const parts: A.Query[] = [];
  const collect = (x: A.Query) => {
    if (x.kind === 'SetOp' && x.op === 'UNION ALL' && x.orderBy.length === 0 && !x.limit) {
      collect(x.left);
      collect(x.right);
    } else parts.push(x);
  };
  collect(q);
  return parts;
}

/** Validates the planned inputs (same width, compatible types) and returns the common column types. */
export function unionColumnTypes(inputs: Rel[], parts: A.Query[], span: Span): DataType[] {
  const width = inputs[0]!.cols.length;
  inputs.forEach((r, i) => {
    if (r.cols.length !== width) {
      fail(`UNION ALL inputs must have the same number of columns: the first has ${width}, input ${i + 1} has ${r.cols.length}`, parts[i]!.span, 'column-count');
    }
  });
  const types: DataType[] = [];
  for (let c = 0; c < width; c++) {
    const t = commonType(inputs.map((r) => r.cols[c]!.type));
    if (!t) {
      fail(`UNION ALL column ${c + 1} has incompatible types: ${inputs.map((r) => typeToString(r.cols[c]!.type)).join(', ')}`, span, 'type-mismatch');
    }
    types.push(familyOf(t) === 'null' ? mk('INT', true) : t);
  }
  return types;
}

/** Plans the union; the first input names the columns, as in SQL. */
export function planUnion(job: JobBuilder, inputs: Rel[], types: DataType[]): Rel {
  const names = inputs[0]!.cols.map((c) => c.name);
  const castInputs = inputs.map((r) => {
    if (r.cols.every((c, i) => familyOf(c.type) === familyOf(types[i]!) && !needsCast(c.type, types[i]!))) return r;
    return planCalc(
      job,
      r,
      null,
      r.cols.map((c, i) => castForColumn({ op: 'col', index: i, type: c.type }, types[i]!)),
      r.cols.map((c) => c.name),
    );
  });
  const columns = names.map((n, i) => ({ name: n, type: types[i]! }));
  const node = job.add<UnionNode>({
    kind: 'Union',
    inputs: castInputs.map((r) => r.node),
    schema: { columns },
    uniqueKey: null,
    parallelism: job.parallelism,
    hints: [],
    label: `Union(all=[true], union=[${names.map(quoteIdent).join(', ')}])`,
  });
  return { node: node.id, cols: unqualified(columns) };
}
