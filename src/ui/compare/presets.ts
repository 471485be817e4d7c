// What "Compare with…" offers: the variant scripts one change away from the project's script. Pure.
import type { Variant } from './compareStore';

export const FLIP27_KEY = 'table.exec.iceberg.use-flip27-source';

export interface Preset {
  id: 'flip27' | 'flip27-additions' | 'seed' | 'free';
  /** The menu entry. */
  title: string;
  /** One sentence: what B changes. */
  detail: string;
  variant: Variant;
}

// `SET 'table.exec.iceberg.use-flip27-source' = 'true';` with any spacing and quote style of the value.
const FLIP27_SET = /(SET\s+'table\.exec\.iceberg\.use-flip27-source'\s*=\s*')(true|false)(')/i;
const STREAMING_READ = /'streaming'\s*=\s*'true'/i;

/** The source architecture a script's lake streaming reads use: the SET, else Flink's default (FLIP-27). */
export function flip27Setting(script: string): boolean | null {
  const m = FLIP27_SET.exec(script);
  if (m) return m[2]!.toLowerCase() === 'true';
  return STREAMING_READ.test(script) ? true : null;
}

/** The script with `use-flip27-source` flipped (a SET added after the leading SETs when absent); null without lake streaming reads. */
export function flipFlip27(script: string): { script: string; to: boolean } | null {
  const m = FLIP27_SET.exec(script);
  if (m) {
    const to = m[2]!.toLowerCase() !== 'true';
    return { script: script.replace(FLIP27_SET, `$1${String(to)}$3`), to };
  }
  if (!STREAMING_READ.test(script)) return null;
  // Absent means FLIP-27 (the default): the variant reads with the legacy source.
  return { script: `SET '${FLIP27_KEY}' = 'false';\n${script}`, to: false };
}

const OPTIONS_HINT = /\/\*\+\s*OPTIONS\(([^)]*)\)\s*\*\//gi;
/** The talk's additions to the FLIP-27 source, as Freshet read options (docs/simulation.md, "Lake sources"). */
const ADDITIONS = "'scan.adaptive' = 'true', 'scan.snapshot-mode' = 'sequential'";

/** `script` with the talk's additions in every streaming OPTIONS hint that has none of them yet. */
export function withTalkAdditions(script: string): string {
  return script.replace(OPTIONS_HINT, (hint: string, options: string) =>
    STREAMING_READ.test(options) && !/scan\.adaptive|scan\.snapshot-mode/i.test(options) ? hint.replace(options, `${options}, ${ADDITIONS}`) : hint,
  );
}

export function presets(script: string, seed: number): Preset[] {
  const out: Preset[] = [];
  const flipped = flipFlip27(script);
  if (flipped) {
    const from = flipped.to ? 'legacy' : 'FLIP-27';
    const to = flipped.to ? 'FLIP-27' : 'legacy';
    out.push({
      id: 'flip27',
      title: `${to} source (use-flip27-source = ${String(flipped.to)})`,
      detail: `The same script with '${FLIP27_KEY}' flipped: A reads the lake with the ${from} source, B with the ${to} source.`,
      variant: { label: `use-flip27-source = ${String(flipped.to)}`, script: flipped.script, seed },
    });
    const additions = flipped.to ? withTalkAdditions(flipped.script) : flipped.script;
    if (additions !== flipped.script)
      out.push({
        id: 'flip27-additions',
        title: 'FLIP-27 source with the talk’s additions',
        detail: "FLIP-27, plus 'scan.adaptive' and sequential snapshot planning in each streaming read's OPTIONS hint (as examples/lake-sources-flip27.sql).",
        variant: { label: 'FLIP-27 + adaptive scan', script: additions, seed },
      });
  }
  const otherSeed = seed + 1;
  out.push({
    id: 'seed',
    title: `Another seed (${otherSeed})`,
    detail: 'The same script with other generated data: how much of a difference is chance.',
    variant: { label: `seed ${otherSeed}`, script, seed: otherSeed },
  });
  out.push({
    id: 'free',
    title: 'Edit a copy…',
    detail: 'The same script to change by hand (a SET, an option, a hint) in the Compare tab.',
    variant: { label: 'edited copy', script, seed },
  });
  return out;
}
