// Rewriting a WITH (...) list: rules decide per option (keep, change, drop, add) on a working
// list, and one edit writes the list back in the original layout (the separator between the
// first two options is reused, so one-per-line lists stay one per line).
import type { TableOption } from '../sql/ast';
import { edit, report, type ExportContext } from './context';
import { sqlString, type TextEdit } from './text-edits';
import type { ExportSeverity } from './types';

export interface WorkOption {
  key: string;
  value: string;
  /** The option as written; absent for an added one. */
  origin?: TableOption;
  /** Position in the written list (added options: after every written one). */
  order: number;
}

interface OptionNote {
  rule: string;
  severity: ExportSeverity;
  message: string;
  tables: string[];
  /** The option the note is about (kept or added), or the order of a removed one. */
  option: WorkOption;
  removed: boolean;
}

export class OptionList {
  readonly options: WorkOption[];
  private readonly notes: OptionNote[] = [];
  private changed = false;

  constructor(
    private readonly ctx: ExportContext,
    /** What the report calls the statement. */
    readonly statement: string,
    private readonly written: TableOption[],
    /** Where an entry points when the list is empty. */
    private readonly statementOffset: number,
  ) {
    this.options = written.map((o, i) => ({ key: o.key, value: o.value, origin: o, order: i }));
  }

  get(key: string): WorkOption | undefined {
    const k = key.toLowerCase();
    return this.options.find((o) => o.key.toLowerCase() === k);
  }

  value(key: string): string | undefined {
    return this.get(key)?.value;
  }

  remove(option: WorkOption, note: { rule: string; severity: ExportSeverity; message: string; tables?: string[] } | null): void {
    const i = this.options.indexOf(option);
    if (i < 0) return;
    this.options.splice(i, 1);
    this.changed = true;
    if (note) this.notes.push({ ...note, tables: note.tables ?? [], option, removed: true });
  }

  set(key: string, value: string, note: { rule: string; severity: ExportSeverity; message: string; tables?: string[] } | null): WorkOption {
    let option = this.get(key);
    if (option) {
      if (option.value === value && option.key === key) return option;
      option.key = key;
      option.value = value;
    } else {
      option = { key, value, order: this.written.length + this.options.length };
      this.options.push(option);
    }
    this.changed = true;
    if (note) this.notes.push({ ...note, tables: note.tables ?? [], option, removed: false });
    return option;
  }

  /** A note about an option that stays as it is. */
  note(option: WorkOption, note: { rule: string; severity: ExportSeverity; message: string; tables?: string[] }): void {
    this.notes.push({ ...note, tables: note.tables ?? [], option, removed: false });
  }

  /** Writes the list back (one edit) and files the report entries. */
  emit(): void {
    const first = this.written[0];
    const last = this.written[this.written.length - 1];
    let e: TextEdit | null = null;
    const within = new Map<WorkOption, number>();
    if (this.changed && first && last) {
      const text = this.ctx.text;
      const between = this.written.length > 1 ? text.slice(first.span.end.offset, this.written[1]!.span.start.offset) : ', ';
      const sep = /^\s*,/.test(between) ? between : ', ';
      const parts: string[] = [];
      let at = 0;
      const sorted = [...this.options].sort((a, b) => a.order - b.order);
      for (const o of sorted) {
        if (parts.length > 0) at += sep.length;
        within.set(o, at);
        const written = o.origin && o.origin.key === o.key && o.origin.value === o.value ? text.slice(o.origin.span.start.offset, o.origin.span.end.offset) : `${sqlString(o.key)} = ${sqlString(o.value)}`;
        parts.push(written);
        at += written.length;
      }
      if (parts.length === 0) {
        // Nothing left: the whole WITH (...) goes.
        const withAt = findWith(text, first.span.start.offset);
        const close = text.indexOf(')', last.span.end.offset);
        e = edit(this.ctx, withAt, close + 1, '');
      } else e = edit(this.ctx, first.span.start.offset, last.span.end.offset, parts.join(sep));
    }
    for (const n of this.notes) {
      const source = n.option.origin?.span.start.offset ?? last?.span.end.offset ?? this.statementOffset;
      let anchor: { at: number } | { edit: TextEdit; within: number } = { at: source };
      if (e) {
        // A removed option points where it stood: at the next option that stayed.
        const target = n.removed ? [...this.options].sort((a, b) => a.order - b.order).find((o) => o.order > n.option.order) : n.option;
        anchor = { edit: e, within: target ? (within.get(target) ?? 0) : e.text.length };
      }
      report(this.ctx, { rule: n.rule, severity: n.severity, statement: this.statement, at: source, anchor, tables: n.tables, message: n.message });
    }
  }
}

/** The offset of the WITH keyword before an option list (case-insensitive), with the space before it. */
function findWith(text: string, before: number): number {
  const base = Math.max(0, before - 200);
  const m = /\s*\bWITH\s*\(\s*$/i.exec(text.slice(base, before));
  return m ? base + m.index : before;
}
