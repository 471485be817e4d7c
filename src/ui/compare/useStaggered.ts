// Mounts a list of charts one per animation frame instead of all in one task: creating a uPlot
// chart costs a few ms of main-thread CPU, and seven at once made one long task.
import { useEffect, useState } from 'react';

/** How many of `count` items to render now: 0 while not `ready`, then one more per frame. */
export function useStaggered(count: number, ready: boolean): number {
  const [mounted, setMounted] = useState(0);
  useEffect(() => {
    if (!ready) {
      setMounted(0);
      return;
    }
    if (mounted >= count) return;
    const id = requestAnimationFrame(() => setMounted((m) => m + 1));
    return () => cancelAnimationFrame(id);
  }, [ready, mounted, count]);
  return ready ? Math.min(mounted, count) : 0;
}
