// Keyboard shortcuts for the simulation, as a debugger has them: F5 plays or pauses, F10 steps,
// Shift+F5 resets. They work everywhere in the studio (also in the editors, where F-keys type
// nothing) and are listed in the editor's F1 command palette.
import type { Studio } from './studio/createStudio';

export type SimCommand = 'toggle' | 'step' | 'reset';

export const SIM_SHORTCUTS: { command: SimCommand; label: string; keys: string }[] = [
  { command: 'toggle', label: 'Simulation: Play / Pause', keys: 'F5' },
  { command: 'step', label: 'Simulation: Step one scheduler tick', keys: 'F10' },
  { command: 'reset', label: 'Simulation: Reset to the start', keys: 'Shift+F5' },
];

/** The command a key press means, or null. */
export function simCommandOf(e: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): SimCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === 'F5') return e.shiftKey ? 'reset' : 'toggle';
  if (e.key === 'F10' && !e.shiftKey) return 'step';
  return null;
}

export function runSimCommand(studio: Studio, command: SimCommand): void {
  const sim = studio.sim.getState();
  if (command === 'toggle') void (sim.playing ? sim.pause() : sim.play());
  else if (command === 'step') void sim.step();
  else void sim.reset();
}
