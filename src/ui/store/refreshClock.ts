// Wall time for the stores' refresh throttling (at most ~4 refreshes a second while a run plays):
// the browser's clock, or in TestStudio the play loops' manual clock, so tests do not depend on
// real time and machine load.
export interface RefreshClock {
  now(): number;
  later(fn: () => void, ms: number): void;
}

export const BROWSER_CLOCK: RefreshClock = {
  now: () => performance.now(),
  later: (fn, ms) => void setTimeout(fn, ms),
};
