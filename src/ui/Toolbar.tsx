import { useShallow } from 'zustand/react/shallow';
import { SPEEDS, parseRunFor } from './store/sim';
import { ProjectMenu } from './ProjectMenu';
import { ExportButton } from './export/ExportHost';
import { VersionsButton } from './project/VersionsHost';
import { useCompileStore, useSimStore } from './studio/context';
import { formatClock, formatElapsed } from './format';
import type { Speed } from '../workers/protocol';
import { PauseIcon, PlayIcon, ResetIcon, StepIcon } from './Icons';
import { AchievedSpeed } from './compare/AchievedSpeed';
import { CompareButton } from './compare/CompareButton';

function speedLabel(s: Speed): string {
  return s === 'max' ? 'max' : `${s}x`;
}

export function Toolbar() {
  const sim = useSimStore(
    useShallow((s) => ({
      state: s.state,
      playing: s.playing,
      now: s.now,
      epochMs: s.epochMs,
      seed: s.seed,
      speed: s.speed,
      runFor: s.runFor,
      play: s.play,
      pause: s.pause,
      step: s.step,
      reset: s.reset,
      setSpeed: s.setSpeed,
      setSeed: s.setSeed,
      setRunFor: s.setRunFor,
    })),
  );
  const errors = useCompileStore((s) => s.diagnostics.filter((d) => d.severity === 'error').length);
  // Play stops where the script's sim.duration ends the run unless a run-for is typed.
  const scriptDuration = useCompileStore((s) => s.pipeline?.settings['sim.duration'] ?? null);
  const runForInvalid = sim.runFor.trim() !== '' && parseRunFor(sim.runFor) === null;
  const statusLabel = sim.playing ? 'running' : sim.state === 'empty' ? 'idle' : sim.state === 'running' ? 'paused' : sim.state;

  return (
    <header className="toolbar" data-testid="toolbar">
      <div className="brand">
        <span className="brand-mark">≋</span> <span className="brand-name">Freshet</span>
      </div>
      <ProjectMenu />
      <VersionsButton />
      <ExportButton />
      <div className="toolbar-sep" />
      <div className="sim-controls" role="group" aria-label="Simulation">
        {sim.playing ? (
          <button className="btn icon" data-testid="sim.pause" onClick={() => void sim.pause()} title="Pause (F5)">
            <PauseIcon />
          </button>
        ) : (
          <button
            className="btn icon play"
            data-testid="sim.play"
            onClick={() => void sim.play()}
            title={errors ? 'The script has errors' : 'Play (F5)'}
          >
            <PlayIcon />
          </button>
        )}
        <button className="btn icon" data-testid="sim.step" onClick={() => void sim.step()} disabled={sim.playing} title="Step one scheduler tick (F10)">
          <StepIcon />
        </button>
        <button className="btn icon" data-testid="sim.reset" onClick={() => void sim.reset()} disabled={sim.state === 'empty'} title="Reset to the start (Shift+F5)">
          <ResetIcon />
        </button>
        <div className="seg" data-testid="sim.speed" role="radiogroup" aria-label="Speed">
          {SPEEDS.map((s) => (
            <button
              key={String(s)}
              role="radio"
              aria-checked={sim.speed === s}
              className={`seg-item ${sim.speed === s ? 'on' : ''}`}
              data-testid={`sim.speed.${s}`}
              onClick={() => sim.setSpeed(s)}
            >
              {speedLabel(s)}
            </button>
          ))}
        </div>
        <AchievedSpeed />
        <label className="field">
          <span>seed</span>
          <input
            data-testid="sim.seed"
            type="number"
            value={sim.seed}
            onChange={(e) => sim.setSeed(Number(e.target.value) || 0)}
            style={{ width: 64 }}
          />
        </label>
        <label className={`field ${runForInvalid ? 'invalid' : ''}`}>
          <span>run for</span>
          <input
            data-testid="sim.runFor"
            placeholder={scriptDuration ?? '∞ e.g. 10min'}
            value={sim.runFor}
            onChange={(e) => sim.setRunFor(e.target.value)}
            style={{ width: 84 }}
            title={
              scriptDuration
                ? `Virtual duration: 30s, 10min, 2h. Empty: the script's SET 'sim.duration' = '${scriptDuration}' ends the run.`
                : 'Virtual duration: 30s, 10min, 2h. Empty: no limit.'
            }
          />
        </label>
      </div>
      <div className="spacer" />
      <CompareButton />
      <div className={`status-pill ${statusLabel}`} data-testid="sim.status">
        {statusLabel}
      </div>
      <div className="clock" data-testid="sim.clock" title="Virtual clock (UTC)">
        <span className="clock-time">{formatClock(sim.epochMs, sim.now)}</span>
        <span className="clock-elapsed">{formatElapsed(sim.now)}</span>
      </div>
    </header>
  );
}
