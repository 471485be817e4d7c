// The runner's JSON output with exact numbers. JSON.stringify cannot write a bigint and would
// round a 19-digit id through a double; here a BIGINT beyond 2^53 (a bigint) is written as its
// digits, and a wide DECIMAL (the engine gives its exact text as a string) as a JSON number with
// exactly those digits, so `1800000000000000001` and `12345678901234567890.1234567890` survive.

import { jsonText } from '../engine/common/json-text';

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
  return jsonText(root, { leaf: exactNumberText });
}

function exactNumberText(v: unknown): string | undefined {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof RawJsonNumber) return v.text;
  return undefined;
}
