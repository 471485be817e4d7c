// The runner's JSON output with exact numbers. JSON.stringify cannot write a bigint and would
// round a 19-digit id through a double; here a BIGINT beyond 2^53 (a bigint) is written as its
// digits, and a wide DECIMAL (the engine gives its exact text as a string) as a JSON number with
// exactly those digits, so `1800000000000000001` and `12345678901234567890.1234567890` survive.

/** A JSON number written from its text as it is. */
export class RawJsonNumber {
  constructor(readonly text: string) {}
}

const EXACT_NUMBER_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** Rows with DECIMAL columns' exact text (strings) marked to be written as JSON numbers. */
export function exactRows(decimalColumn: readonly boolean[], rows: readonly (readonly unknown[])[]): unknown[][] {
  if (!decimalColumn.some(Boolean)) return rows as unknown[][];
  return rows.map((row) =>
    row.map((v, i) => (decimalColumn[i] && typeof v === 'string' && EXACT_NUMBER_TEXT.test(v) ? new RawJsonNumber(v) : v)),
  );
}

/** Whether a Flink or DuckDB type name is a DECIMAL. */
export function isDecimalType(type: string): boolean {
  return /^\s*(DECIMAL|NUMERIC|DEC)\b/i.test(type);
}

/**
 * JSON text of plain data (objects, arrays, strings, numbers, booleans, null) where bigints and
 * RawJsonNumbers are written as exact JSON numbers. Iterative: deep data costs no stack frames.
 */
export function stringifyExact(root: unknown): string {
  const parts: string[] = [];
  const TEXT = Symbol('text');
  type Item = unknown | { [TEXT]: string };
  const stack: Item[] = [root];
  const text = (t: string) => ({ [TEXT]: t });
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'object' && v !== null && TEXT in v) {
      parts.push((v as { [TEXT]: string })[TEXT]);
    } else if (typeof v === 'bigint') {
      parts.push(v.toString());
    } else if (v instanceof RawJsonNumber) {
      parts.push(v.text);
    } else if (Array.isArray(v)) {
      stack.push(text(']'));
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push(v[i] === undefined ? null : v[i]);
        if (i > 0) stack.push(text(','));
      }
      stack.push(text('['));
    } else if (typeof v === 'object' && v !== null) {
      const obj = typeof (v as { toJSON?: unknown }).toJSON === 'function' ? (v as { toJSON(): unknown }).toJSON() : v;
      if (obj !== v) {
        stack.push(obj);
        continue;
      }
      const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function');
      stack.push(text('}'));
      for (let i = entries.length - 1; i >= 0; i--) {
        stack.push(entries[i]![1]);
        stack.push(text((i > 0 ? ',' : '') + JSON.stringify(entries[i]![0]) + ':'));
      }
      stack.push(text('{'));
    } else {
      parts.push(JSON.stringify(v) ?? 'null');
    }
  }
  return parts.join('');
}
