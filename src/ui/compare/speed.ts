// The achieved speed in words. Pure.
import type { Speed } from '../../workers/protocol';

/** Below this share of the requested speed, the run is said to fall short. */
const SHORT_OF = 0.85;

function round(x: number): string {
  return x >= 10 ? String(Math.round(x)) : x >= 1 ? x.toFixed(1).replace(/\.0$/, '') : x.toFixed(2);
}

/**
 * "60x requested, 12x achieved" when short of the requested speed; for `max`, what max achieves;
 * null while unknown or when the run keeps up.
 */
export function achievedLabel(requested: Speed, achieved: number | null): { text: string; short: boolean } | null {
  if (achieved === null) return null;
  if (requested === 'max') return { text: `max: ${round(achieved)}x achieved`, short: false };
  if (achieved >= requested * SHORT_OF) return null;
  return { text: `${requested}x requested, ${round(achieved)}x achieved`, short: true };
}
