// Values: a bounded, insert-only stream of constant rows (`INSERT ... VALUES`, and the one empty
// row a SELECT without FROM reads).
import type * as A from '../../sql/ast';
import type { DataType, Row, Value } from '../../types';
import { typeToString } from '../../types';
import type { BoundExpr } from '../../expr/ir';
import { evalConstant } from '../../expr/compile';
import { ExprError, castValue } from '../../expr/cast';
import { exprToSql } from '../../expr/print';
import { familyOf, mk } from '../../expr/typeutil';
import type { ValuesNode } from '../graph';
import { fail } from '../errors';
import { commonType } from '../signatures';
import type { JobBuilder } from '../job';
import { unqualified, type Rel } from '../bind/scope';

/** VALUES rows evaluated to constants of one type per column. */
export interface ValuesMatch {
  rows: Row[];
  types: DataType[];
}

/** Validates bound VALUES rows (same width, compatible types, constants) and evaluates them. */
export function matchValues(q: A.ValuesQuery, boundRows: BoundExpr[][]): ValuesMatch {
  const width = boundRows[0]?.length ?? 0;
  boundRows.forEach((r, i) => {
    if (r.length !== width) fail(`VALUES rows must have the same number of columns: row 1 has ${width}, row ${i + 1} has ${r.length}`, q.rows[i]![0]?.span ?? q.span, 'column-count');
  });
  const types: DataType[] = [];
  for (let c = 0; c < width; c++) {
    const t = commonType(boundRows.map((r) => r[c]!.type));
    if (!t) fail(`VALUES column ${c + 1} has incompatible types: ${boundRows.map((r) => typeToString(r[c]!.type)).join(', ')}`, q.span, 'type-mismatch');
    types.push(familyOf(t) === 'null' ? mk('INT', true) : t);
  }
  const rows: Row[] = boundRows.map((r, ri) =>
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
  return { rows, types };
}

export function planValues(job: JobBuilder, values: ValuesMatch): Rel {
  const { rows, types } = values;
  const columns = types.map((type, i) => ({ name: `EXPR$${i}`, type }));
  const node = job.add<ValuesNode>({
    kind: 'Values',
    inputs: [],
    schema: { columns },
    uniqueKey: null,
    parallelism: 1,
    hints: [],
    label: `Values(tuples=[${valuesText(rows, types)}])`,
    rows,
  });
  return { node: node.id, cols: unqualified(columns) };
}

/** The single empty row a SELECT without FROM reads. */
export function planEmptyRow(job: JobBuilder): Rel {
  const node = job.add<ValuesNode>({
    kind: 'Values',
    inputs: [],
    schema: { columns: [] },
    uniqueKey: null,
    parallelism: 1,
    hints: [],
    label: 'Values(tuples=[[{  }]])',
    rows: [[]],
  });
  return { node: node.id, cols: [] };
}

/** The first five rows as Flink prints tuples, then how many more. */
function valuesText(rows: Row[], types: DataType[]): string {
  const shown = rows.slice(0, 5).map((r) => `[${r.map((v, i) => exprToSql({ op: 'lit', value: v, type: types[i]! }, [])).join(', ')}]`);
  return shown.join(', ') + (rows.length > 5 ? `, ... ${rows.length - 5} more` : '');
}
