// Memory sizes as Flink's MemorySize parses them: a number and an optional unit, `b`/`bytes`,
// `k`/`kb`/`kibibytes`, `m`/`mb`/`mebibytes`, `g`/`gb`/`gibibytes`, `t`/`tb`/`tebibytes`
// (all powers of 1024, as Flink reads them); a bare number is bytes.

const UNITS: ReadonlyMap<string, number> = new Map([
  ['', 1],
  ['b', 1],
  ['bytes', 1],
  ['k', 1024],
  ['kb', 1024],
  ['kibibytes', 1024],
  ['m', 1024 ** 2],
  ['mb', 1024 ** 2],
  ['mebibytes', 1024 ** 2],
  ['g', 1024 ** 3],
  ['gb', 1024 ** 3],
  ['gibibytes', 1024 ** 3],
  ['t', 1024 ** 4],
  ['tb', 1024 ** 4],
  ['tebibytes', 1024 ** 4],
]);

/** Bytes, or null when the text is not a memory size. */
export function parseMemorySize(text: string): number | null {
  const m = /^\s*(\d+)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return null;
  const unit = UNITS.get(m[2]!.toLowerCase());
  return unit === undefined ? null : Number(m[1]) * unit;
}
