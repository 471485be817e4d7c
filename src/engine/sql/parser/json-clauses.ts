// The clauses of the SQL/JSON query functions, after their (json, path) arguments, as Flink
// (Calcite) writes them:
//   JSON_EXISTS(json, path [{ TRUE | FALSE | UNKNOWN | ERROR } ON ERROR])
//   JSON_VALUE(json, path [RETURNING type] [{ NULL | ERROR | DEFAULT expr } ON EMPTY]
//                                          [{ NULL | ERROR | DEFAULT expr } ON ERROR])
//   JSON_QUERY(json, path [RETURNING type] [{ WITHOUT [ARRAY] | WITH [CONDITIONAL | UNCONDITIONAL] [ARRAY] } WRAPPER]
//                         [{ NULL | EMPTY ARRAY | EMPTY OBJECT | ERROR } ON EMPTY] [... ON ERROR])
import type * as A from '../ast';
import { describe } from './cursor';
import { ExpressionParser } from './expressions';

export const JSON_FUNCTIONS = ['JSON_VALUE', 'JSON_QUERY', 'JSON_EXISTS'];

export abstract class JsonClauseParser extends ExpressionParser {
  protected parseJsonClauses(call: A.FunctionCall): void {
    const clauses: A.JsonClauses = {};
    const start = this.peek();
    if (call.name !== 'JSON_EXISTS' && this.acceptWord('RETURNING')) {
      const { type, span } = this.parseDataType();
      clauses.returning = { type, span };
    }
    if (call.name === 'JSON_QUERY' && (this.isWord('WITHOUT') || this.isWord('WITH'))) {
      const w = this.next();
      if (w.value === 'WITHOUT') clauses.wrapper = 'WITHOUT';
      else if (this.acceptWord('CONDITIONAL')) clauses.wrapper = 'CONDITIONAL';
      else {
        this.acceptWord('UNCONDITIONAL');
        clauses.wrapper = 'UNCONDITIONAL';
      }
      this.acceptWord('ARRAY');
      this.expectWord('WRAPPER', ` after ${w.value} ... in ${call.name}`);
    }
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'word' || this.isPunct(')')) break;
      const behaviorStart = t;
      let behavior: A.JsonBehavior;
      if (call.name === 'JSON_VALUE' && this.acceptWord('DEFAULT')) behavior = { kind: 'DEFAULT', value: this.parseExpr() };
      else if (call.name === 'JSON_QUERY' && this.acceptWord('EMPTY')) {
        const what = this.peek();
        if (!this.acceptWord('ARRAY') && !this.acceptWord('OBJECT')) this.fail(`expected ARRAY or OBJECT after EMPTY, found ${describe(what)}`);
        behavior = { kind: what.value === 'ARRAY' ? 'EMPTY ARRAY' : 'EMPTY OBJECT' };
      } else {
        const allowed = call.name === 'JSON_EXISTS' ? ['TRUE', 'FALSE', 'UNKNOWN', 'ERROR'] : ['NULL', 'ERROR'];
        if (!allowed.includes(t.value)) {
          this.fail(`expected ${call.name === 'JSON_VALUE' ? 'NULL, ERROR or DEFAULT' : call.name === 'JSON_QUERY' ? 'NULL, ERROR, EMPTY ARRAY or EMPTY OBJECT' : 'TRUE, FALSE, UNKNOWN or ERROR'} ... ON EMPTY | ON ERROR in ${call.name}, found ${describe(t)}`);
        }
        this.next();
        behavior = { kind: t.value as A.JsonBehavior['kind'] };
      }
      this.expectWord('ON', ` after ${behaviorStart.value} in ${call.name}`);
      const which = this.peek();
      if (this.acceptWord('ERROR')) clauses.onError = behavior;
      else if (call.name !== 'JSON_EXISTS' && this.acceptWord('EMPTY')) clauses.onEmpty = behavior;
      else this.fail(`expected ${call.name === 'JSON_EXISTS' ? 'ERROR' : 'EMPTY or ERROR'} after ON, found ${describe(which)}`);
    }
    if (this.peek() !== start) call.json = clauses;
  }
}
