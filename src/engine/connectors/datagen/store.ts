// The `datagen` connector with Flink's options. A datagen table is one data set: row i is a pure
// function of (seed, table, i), so every reader sees the same rows and batch boundaries never
// change the data. Row i arrives at virtual time floor(i * 1000 / rows-per-second).
import type { Column, DataType, Row, RowKind, Value } from '../../types';
import { RowKind as RK, typeToString } from '../../types';
import { Random } from '../../common/random';
import { parseDuration } from '../../common/duration';
import { roundToScale } from '../../common/decimal';
import { parseText } from '../values';
import type { ReaderSpec, ReadResult, SourceReader, StoreContext, TableStore, SinkWriter } from '../store';
import { intOption, lowerOptions, physicalMask } from '../store';
import { ConnectorError, ValueError } from '../../errors';
import type { TableDef } from '../../plan/graph';

type FieldGen = (rng: Random, index: number, arrivalMs: number) => Value;

const HEX = '0123456789abcdef';

const INT_DEFAULTS: Partial<Record<DataType['name'], [number, number]>> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INT: [-2147483648, 2147483647],
  BIGINT: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function numberOption(opts: Record<string, string>, key: string): number | null {
  const v = opts[key];
  if (v === undefined) return null;
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isFinite(n)) throw new ConnectorError({ option: key, message: `option '${key}' must be a number, not '${v}'` });
  return n;
}

/**
 * Of two keys an error names, the one written first: the diagnostic points at its value (written
 * keys are in statement order).
 */
function firstWritten(opts: Record<string, string>, a: string, b: string): string {
  for (const k of Object.keys(opts)) if (k === a || k === b) return k;
  return a;
}

interface FieldPlan {
  gen: FieldGen;
  /** For sequence fields: how many values the sequence has. */
  sequenceLength: number | null;
}

function planField(col: Column, opts: Record<string, string>, epochMs: number): FieldPlan {
  const p = `fields.${col.name.toLowerCase()}.`;
  const kind = (opts[p + 'kind'] ?? 'random').toLowerCase();
  const nullRate = numberOption(opts, p + 'null-rate') ?? 0;
  if (nullRate < 0 || nullRate > 1) throw new ConnectorError({ option: p + 'null-rate', message: `option '${p}null-rate' must be between 0 and 1` });
  const t = col.type;
  const withNulls = (g: FieldGen): FieldGen =>
    nullRate > 0 ? (rng, i, a) => (rng.next() < nullRate ? null : g(rng, i, a)) : g;

  if (kind === 'sequence') {
    const startText = opts[p + 'start'];
    const endText = opts[p + 'end'];
    if (startText === undefined || endText === undefined)
      throw new ConnectorError({
        option: startText === undefined ? p + 'end' : p + 'start',
        message: `a sequence field needs both '${p}start' and '${p}end'`,
      });
    const start = Number(startText);
    const end = Number(endText);
    if (!Number.isInteger(start) || !Number.isInteger(end))
      throw new ConnectorError({ option: p + 'start', message: `'${p}start' and '${p}end' must be whole numbers` });
    if (end < start) throw new ConnectorError({ option: p + 'start', message: `'${p}end' (${end}) is before '${p}start' (${start})` });
    let gen: FieldGen;
    switch (t.name) {
      case 'TINYINT':
      case 'SMALLINT':
      case 'INT':
      case 'BIGINT':
      case 'FLOAT':
      case 'DOUBLE':
      case 'DECIMAL':
        gen = (_r, i) => start + i;
        break;
      case 'STRING':
      case 'VARCHAR':
      case 'CHAR':
        gen = (_r, i) => String(start + i);
        break;
      default:
        throw new ConnectorError({ message: `column '${col.name}' of type ${typeToString(t)} cannot be a sequence` });
    }
    return { gen: withNulls(gen), sequenceLength: end - start + 1 };
  }
  if (kind !== 'random')
    throw new ConnectorError({ option: p + 'kind', message: `option '${p}kind' must be 'random' or 'sequence', not '${opts[p + 'kind']}'` });

  const valuesText = opts[p + 'values'];
  if (valuesText !== undefined) {
    const values = valuesText.split(',').map((s) => {
      try {
        return parseText(t.name === 'STRING' || t.name === 'VARCHAR' || t.name === 'CHAR' ? s.trim() : s, t);
      } catch (e) {
        if (e instanceof ValueError) throw new ConnectorError({ option: p + 'values', message: `option '${p}values': ${e.message}` });
        throw e;
      }
    });
    return { gen: withNulls((rng) => values[rng.int(0, values.length - 1)]!), sequenceLength: null };
  }

  const min = numberOption(opts, p + 'min');
  const max = numberOption(opts, p + 'max');
  if (min !== null && max !== null && max < min)
    throw new ConnectorError({ option: firstWritten(opts, p + 'max', p + 'min'), message: `'${p}max' (${max}) is below '${p}min' (${min})` });
  let gen: FieldGen;
  switch (t.name) {
    case 'BOOLEAN':
      gen = (rng) => rng.bool();
      break;
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT': {
      const [dlo, dhi] = INT_DEFAULTS[t.name]!;
      const lo = Math.ceil(min ?? dlo);
      const hi = Math.floor(max ?? dhi);
      gen = (rng) => rng.int(lo, hi);
      break;
    }
    case 'FLOAT':
    case 'DOUBLE': {
      // Flink's defaults: the type's smallest positive value to its largest value.
      const lo = min ?? (t.name === 'FLOAT' ? 1.4e-45 : Number.MIN_VALUE);
      const hi = max ?? (t.name === 'FLOAT' ? 3.4028234663852886e38 : Number.MAX_VALUE);
      gen = t.name === 'FLOAT' ? (rng) => Math.fround(lo + rng.next() * (hi - lo)) : (rng) => lo + rng.next() * (hi - lo);
      break;
    }
    case 'DECIMAL': {
      const prec = t.precision ?? 10;
      const scale = t.scale ?? 0;
      const limit = Math.pow(10, prec - scale) - Math.pow(10, -scale);
      const lo = min ?? -limit;
      const hi = max ?? limit;
      gen = (rng) => roundToScale(lo + rng.next() * (hi - lo), scale);
      break;
    }
    case 'STRING':
    case 'VARCHAR':
    case 'CHAR': {
      let len = 100;
      const lenText = opts[p + 'length'];
      if (lenText !== undefined) len = intOption(opts, p + 'length', 100, 0);
      else if ((t.name === 'VARCHAR' || t.name === 'CHAR') && t.precision !== undefined) len = Math.min(len, t.precision);
      gen = (rng) => {
        let s = '';
        for (let k = 0; k < len; k++) s += HEX[rng.nextU32() & 15];
        return s;
      };
      break;
    }
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ':
    case 'DATE': {
      const pastText = opts[p + 'max-past'];
      const past = pastText === undefined ? 0 : parseDuration(pastText);
      if (past === null)
        throw new ConnectorError({ option: p + 'max-past', message: `option '${p}max-past' must be a duration such as '5 s', not '${pastText}'` });
      const isDate = t.name === 'DATE';
      gen = (rng, _i, arrival) => {
        const ts = epochMs + arrival - (past > 0 ? rng.int(0, past) : 0);
        return isDate ? Math.floor(ts / 86_400_000) : ts;
      };
      break;
    }
    default:
      throw new ConnectorError({ message: `datagen cannot generate column '${col.name}' of type ${typeToString(t)}` });
  }
  return { gen: withNulls(gen), sequenceLength: null };
}

/** The table's generators from its options (throws ConnectorError); generates nothing yet. */
export function datagenPlan(def: TableDef, epochMs: number): { rowsPerSecond: number; fields: FieldPlan[]; total: number } {
  const opts = lowerOptions(def.options);
  const rowsPerSecond = intOption(opts, 'rows-per-second', 10000, 1);
  const physical = physicalMask(def);
  // Computed and metadata columns are filled by the source operator, not generated.
  const fields = def.schema.columns.map((c, i) => (physical[i] ? planField(c, opts, epochMs) : { gen: () => null, sequenceLength: null }));
  let total = opts['number-of-rows'] === undefined ? Infinity : intOption(opts, 'number-of-rows', 0, 0);
  for (const f of fields) if (f.sequenceLength !== null) total = Math.min(total, f.sequenceLength);
  return { rowsPerSecond, fields, total };
}

export class DatagenTable implements TableStore {
  readonly kindColumn = false;
  readonly canRead = true;
  readonly canWrite = false;
  readonly rowsPerSecond: number;
  /** Rows the table ever has (Infinity when unbounded). */
  readonly total: number;
  private readonly fields: FieldPlan[];

  constructor(private readonly ctx: StoreContext) {
    const plan = datagenPlan(ctx.def, ctx.epochMs);
    this.rowsPerSecond = plan.rowsPerSecond;
    this.fields = plan.fields;
    this.total = plan.total;
  }

  get def() {
    return this.ctx.def;
  }

  /** Arrival time of row i, virtual ms. */
  arrival(i: number): number {
    return Math.floor((i * 1000) / this.rowsPerSecond);
  }

  /** Rows that have arrived by `now`. */
  arrived(now: number): number {
    if (now < 0) return 0;
    return Math.min(this.total, Math.floor((now * this.rowsPerSecond) / 1000) + 1);
  }

  /** One generator for every row, re-seeded per row (row i's stream is still forkIndex(i)'s). */
  private readonly rowRandom = new Random(0);

  row(i: number): Row {
    const rng = this.ctx.random.forkIndexInto(i, this.rowRandom);
    const a = this.arrival(i);
    const row: Row = new Array(this.fields.length);
    for (let f = 0; f < this.fields.length; f++) row[f] = this.fields[f]!.gen(rng, i, a);
    return row;
  }

  bounded(): boolean {
    return Number.isFinite(this.total);
  }

  createReader(_spec: ReaderSpec): SourceReader {
    return new DatagenReader(this);
  }

  createWriter(): SinkWriter {
    throw new ConnectorError({ table: this.def.name, message: `table '${this.def.name}' uses connector 'datagen', which can only be read` });
  }

  visibleRows(now: number, limit?: number): { kinds: RowKind[] | null; rows: Row[] } {
    const n = this.arrived(now);
    const from = Math.max(0, n - this.ctx.maxReadRows);
    const to = limit === undefined ? n : Math.min(n, from + Math.max(0, limit));
    const rows: Row[] = [];
    for (let i = from; i < to; i++) rows.push(this.row(i));
    return { kinds: null, rows };
  }

  visibleCount(now: number): number {
    return this.arrived(now);
  }

  changelog(limit: number, now: number) {
    const n = this.arrived(now);
    const out: { time: number; kind: RowKind; row: Row }[] = [];
    for (let i = Math.max(0, n - limit); i < n; i++) out.push({ time: this.arrival(i), kind: RK.INSERT, row: this.row(i) });
    return out;
  }

  changes(now: number): number {
    return this.arrived(now);
  }

  parseErrors(): number {
    return 0;
  }

  newestVisibleEventTime(now: number): number | null {
    const n = this.arrived(now);
    return n === 0 ? null : this.arrival(n - 1);
  }

  tick(): void {}
}

class DatagenReader implements SourceReader {
  private pos = 0;
  constructor(private readonly table: DatagenTable) {}

  available(now: number): number {
    return Math.max(0, this.table.arrived(now) - this.pos);
  }

  read(max: number, now: number): ReadResult {
    const n = Math.min(max, this.available(now));
    const changes = new Array(n);
    for (let k = 0; k < n; k++) changes[k] = { kind: RK.INSERT, row: this.table.row(this.pos + k) };
    this.pos += n;
    return { changes, originTime: n > 0 ? this.table.arrival(this.pos - 1) : null, error: null };
  }

  isFinished(): boolean {
    return this.pos >= this.table.total;
  }

  oldestUnread(now: number): number | null {
    return this.available(now) > 0 ? this.table.arrival(this.pos) : null;
  }

  snapshot(): unknown {
    return { pos: this.pos };
  }

  restore(s: unknown): void {
    this.pos = (s as { pos: number }).pos;
  }

  stateBytes(): number {
    return 8;
  }
}
