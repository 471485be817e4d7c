// Beside the speed control: the speed the run achieves when it falls short of the one requested
// (the machine, or a compared run B, cannot keep up), e.g. "60x requested, 12x achieved".
import { useShallow } from 'zustand/react/shallow';
import { useSimStore } from '../studio/context';
import { achievedLabel } from './speed';

export function AchievedSpeed() {
  const { speed, achieved, playing } = useSimStore(useShallow((s) => ({ speed: s.speed, achieved: s.achievedSpeed, playing: s.playing })));
  const label = playing ? achievedLabel(speed, achieved) : null;
  if (!label) return null;
  return (
    <span className={`achieved-speed ${label.short ? 'short' : ''}`} data-testid="sim.achieved" title="Virtual seconds per wall second over the last two seconds">
      {label.text}
    </span>
  );
}
