// The comparison's store in React (kept beside the compare views, not in the shared context file).
import { useStore } from 'zustand';
import { useStudio } from '../studio/context';
import type { CompareStore } from './compareStore';
import type { MetricsSnapshot } from '../../engine/api';
import { useThrottled } from '../panels/useThrottled';

export const useCompareStore = <U,>(selector: (s: CompareStore) => U): U => useStore(useStudio().compare, selector);

/**
 * Run B's history for a chart view, throttled as the views throttle A's (once a second while
 * playing); null when not comparing or when the view is hidden.
 */
export function useCompareHistory(visible: boolean, playing: boolean): readonly MetricsSnapshot[] | null {
  const history = useCompareStore((s) => (visible && s.active ? s.history : null));
  return useThrottled(history, playing ? 1000 : 0);
}
