// JSON_EXISTS, JSON_VALUE and JSON_QUERY: their clauses (RETURNING, ON EMPTY, ON ERROR, the
// array wrapper) become string-literal arguments of one registry call (expr/functions/json.ts),
// DEFAULT values cast to the RETURNING type. A constant path is checked here, located.
import type * as A from '../../sql/ast';
import type { DataType } from '../../types';
import type { BoundExpr } from '../../expr/ir';
import { JsonPathError, parseJsonPath } from '../../expr/json-path';
import { familyOf, mk } from '../../expr/typeutil';
import { fail } from '../errors';
import { lit, typeText } from './construct';
import type { ExprBinder } from './expr';

const RETURNING_FAMILIES = new Set(['string', 'boolean', 'integer', 'approx', 'decimal']);

export function bindJsonFunction(binder: ExprBinder, e: A.FunctionCall): BoundExpr {
  if (e.args.length !== 2) fail(`${e.name} takes (json, path) and its clauses, got ${e.args.length} argument${e.args.length === 1 ? '' : 's'}`, e.span, 'type-mismatch');
  const [json, path] = e.args.map((a) => binder.bind(a)) as [BoundExpr, BoundExpr];
  for (const [x, src, what] of [[json, e.args[0]!, 'the JSON value'], [path, e.args[1]!, 'the path']] as const) {
    const f = familyOf(x.type);
    if (f !== 'string' && f !== 'null') fail(`${e.name}: ${what} must be a string, found ${typeText(x.type)}`, src.span, 'type-mismatch');
  }
  if (path.op === 'lit' && typeof path.value === 'string') {
    try {
      parseJsonPath(path.value);
    } catch (err) {
      if (err instanceof JsonPathError) fail(`${e.name}: ${err.message}`, e.args[1]!.span, err.message.startsWith('not supported') ? 'unsupported' : 'type-mismatch');
      throw err;
    }
  }
  const c = e.json ?? {};
  const str = (s: string) => lit(s, mk('STRING', false));
  const nullable = mk('STRING', true);
  switch (e.name) {
    case 'JSON_EXISTS': {
      const onError = c.onError?.kind ?? 'FALSE';
      return { op: 'call', fn: 'json_exists', args: [json, path, str(onError)], type: mk('BOOLEAN', true), span: e.span };
    }
    case 'JSON_VALUE': {
      let type: DataType = nullable;
      if (c.returning) {
        if (!RETURNING_FAMILIES.has(familyOf(c.returning.type))) fail(`JSON_VALUE cannot return ${typeText(c.returning.type)}; RETURNING takes a string, BOOLEAN or numeric type`, c.returning.span, 'type-mismatch');
        type = { ...c.returning.type, nullable: true };
      }
      const behavior = (b: A.JsonBehavior | undefined): [BoundExpr, BoundExpr] => {
        if (!b || b.kind !== 'DEFAULT') return [str(b?.kind ?? 'NULL'), lit(null, type)];
        return [str('DEFAULT'), binder.coerceValue(binder.bind(b.value!), type, b.value!.span)];
      };
      const [emptyKind, emptyDefault] = behavior(c.onEmpty);
      const [errorKind, errorDefault] = behavior(c.onError);
      return { op: 'call', fn: 'json_value', args: [json, path, emptyKind, emptyDefault, errorKind, errorDefault], type, span: e.span };
    }
    default: {
      if (c.returning && familyOf(c.returning.type) !== 'string') fail(`not supported yet: JSON_QUERY RETURNING ${typeText(c.returning.type)} (Freshet has no ARRAY type); it returns STRING`, c.returning.span, 'unsupported');
      return {
        op: 'call',
        fn: 'json_query',
        args: [json, path, str(c.wrapper ?? 'WITHOUT'), str(c.onEmpty?.kind ?? 'NULL'), str(c.onError?.kind ?? 'NULL')],
        type: nullable,
        span: e.span,
      };
    }
  }
}
