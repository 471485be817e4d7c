// JSON text of plain data written without recursion: a generated expression chaining 100,000
// terms, or output holding one, is deeper than JSON.stringify's stack allows. Shared by the
// planner's expression keys (plan/bound-exprs.ts) and the runner's exact-number output
// (cli/json-out.ts), which differ only in how they write a bigint and which key they leave out.

export interface JsonTextOptions {
  /** The JSON text of a value JSON.stringify would not write as wanted (a bigint), else undefined. */
  leaf?: (v: unknown) => string | undefined;
  /** An object key left out wherever it appears (e.g. `span`). */
  skipKey?: string;
}

/**
 * JSON.stringify(root) as an explicit stack: `toJSON` is honoured, undefined and function
 * members are left out of objects and written as null in arrays; `leaf` decides first.
 */
export function jsonText(root: unknown, options: JsonTextOptions = {}): string {
  const { leaf, skipKey } = options;
  const parts: string[] = [];
  // Items are values to write, or text (wrapped in a TEXT-keyed object) to emit as is.
  const TEXT = Symbol('text');
  const text = (t: string) => ({ [TEXT]: t });
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'object' && v !== null && TEXT in v) {
      parts.push((v as Record<symbol, string>)[TEXT]!);
      continue;
    }
    const own = leaf?.(v);
    if (own !== undefined) {
      parts.push(own);
    } else if (Array.isArray(v)) {
      stack.push(text(']'));
      for (let i = v.length - 1; i >= 0; i--) {
        const item: unknown = v[i];
        stack.push(item === undefined || typeof item === 'function' ? null : item);
        if (i > 0) stack.push(text(','));
      }
      stack.push(text('['));
    } else if (typeof v === 'object' && v !== null) {
      const obj = typeof (v as { toJSON?: unknown }).toJSON === 'function' ? (v as { toJSON(): unknown }).toJSON() : v;
      if (obj !== v) {
        stack.push(obj);
        continue;
      }
      const entries = Object.entries(v).filter(([k, x]) => k !== skipKey && x !== undefined && typeof x !== 'function');
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
