// The exported SQL is the source text with edits applied: the user's layout and comments stay,
// and each change knows where it landed, so the report can give a line in both files.
export interface TextEdit {
  /** Source offsets [start, end) replaced by `text`; start === end inserts. */
  start: number;
  end: number;
  text: string;
}

/** Where a report entry points in the export: a source offset, or a place inside an edit's text. */
export type Anchor = { at: number } | { edit: TextEdit; within: number };

export interface AppliedEdits {
  output: string;
  /** The output offset of an anchor. */
  offsetOf(anchor: Anchor): number;
}

/**
 * Applies non-overlapping edits (insertions at one offset keep the order they were added in).
 * Overlapping edits are a bug in a rule: it throws rather than writing broken SQL.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): AppliedEdits {
  const order = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || (a.e.end === a.e.start ? 0 : 1) - (b.e.end === b.e.start ? 0 : 1) || a.i - b.i);
  const outStart = new Map<TextEdit, number>();
  let out = '';
  let pos = 0;
  for (const { e } of order) {
    if (e.start < pos) throw new Error(`export: overlapping edits at offset ${e.start} (${JSON.stringify(e.text.slice(0, 40))})`);
    out += text.slice(pos, e.start);
    outStart.set(e, out.length);
    out += e.text;
    pos = e.end;
  }
  out += text.slice(pos);
  const sorted = order.map(({ e }) => e);
  return {
    output: out,
    offsetOf(anchor) {
      if ('edit' in anchor) return (outStart.get(anchor.edit) ?? 0) + anchor.within;
      // Shift by every edit that ends at or before the offset (an insertion there comes before it);
      // inside a replaced range, the replacement's start.
      let delta = 0;
      for (const e of sorted) {
        if (e.start > anchor.at) break;
        if (e.end <= anchor.at) delta += e.text.length - (e.end - e.start);
        else if (e.start <= anchor.at && anchor.at < e.end) return outStart.get(e)!;
      }
      return anchor.at + delta;
    },
  };
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
