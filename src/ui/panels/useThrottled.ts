// Throttled values for views that follow the running simulation.
import { useEffect, useState } from 'react';

/** The value at most every `ms` (trailing), so charts redraw twice a second, not ten times. */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const [at, setAt] = useState(0);
  useEffect(() => {
    const wait = Math.max(0, at + ms - performance.now());
    const t = setTimeout(() => {
      setShown(value);
      setAt(performance.now());
    }, wait);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, ms]);
  return shown;
}
