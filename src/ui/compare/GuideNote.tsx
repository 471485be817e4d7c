// The bundled examples teach: a short note over the canvas on what to look at, and where the
// charts that move are. Dismissed once, remembered per example in this browser. It lets clicks
// through to the canvas except on its own buttons.
import { useState } from 'react';
import { useProjectStore, useSimStore, useStudio } from '../studio/context';
import { EXAMPLE_FILE, LAKE_EXAMPLE_FILE } from '../project/example';
import type { BottomTab, JobView } from '../store/ui';
import './compare.css';

type Step = { text: string; go?: { label: string; tab: BottomTab; job?: string; view?: JobView } };

const GUIDES: Record<string, { title: string; steps: Step[] }> = {
  [LAKE_EXAMPLE_FILE]: {
    title: 'What this run shows: the legacy lake source',
    steps: [
      { text: '▶ Play: ads_status stays stale, as the legacy monitor scans the lake only every 60 s.', go: { label: 'Table freshness', tab: 'metrics' } },
      { text: 'The DWD → ADS job scans every 60 s; splits wait in the reader’s heap.', go: { label: 'Sources', tab: 'jobs', job: 'job-3', view: 'sources' } },
      { text: 'Its checkpoints fail while the reader holds the lock for a whole split.', go: { label: 'Checkpoints', tab: 'jobs', job: 'job-3', view: 'checkpoints' } },
      { text: '⇄ Compare with… → FLIP-27 runs the same script with the other source beside this one, every chart overlaid.' },
    ],
  },
  [EXAMPLE_FILE]: {
    title: 'What to look at',
    steps: [
      {
        text: 'Press ▶ Play: rows flow from the sources through the jobs; the clock is virtual (60x).',
      },
      {
        text: 'Source lag, table freshness, throughput and state move as it runs.',
        go: { label: 'Metrics', tab: 'metrics' },
      },
      {
        text: 'Each job’s backpressure per operator, heap and checkpoints, as Flink’s web UI shows them.',
        go: { label: 'Jobs', tab: 'jobs' },
      },
      {
        text: 'Click a table on the canvas, then Data, to see its rows; Query runs SQL over every table.',
      },
    ],
  },
};

const KEY = (file: string) => `freshet.guide.dismissed.${file}`;

function dismissed(file: string): boolean {
  try {
    return localStorage.getItem(KEY(file)) === '1';
  } catch {
    return false;
  }
}

export function GuideNote() {
  const studio = useStudio();
  const file = useProjectStore((s) => s.fileName);
  const [closed, setClosed] = useState<Record<string, boolean>>({});
  // While the run plays the note folds to its title, so the canvas it overlaps shows; a click unfolds it.
  const playing = useSimStore((s) => s.playing);
  const [unfolded, setUnfolded] = useState(false);
  const folded = playing && !unfolded;
  const guide = GUIDES[file];
  if (!guide || closed[file] || dismissed(file)) return null;
  const close = () => {
    try {
      localStorage.setItem(KEY(file), '1');
    } catch {
      // Private mode: closed for this visit only.
    }
    setClosed({ ...closed, [file]: true });
  };
  const go = (g: NonNullable<Step['go']>) => {
    const ui = studio.ui.getState();
    if (g.job) ui.showJob(g.job, g.view);
    else ui.setBottomTab(g.tab);
  };
  return (
    <aside
      className={`guide-note ${folded ? 'folded' : ''}`}
      data-testid="guide"
      aria-label="What to look at"
    >
      <h3>
        <button
          className="link guide-fold"
          data-testid="guide.fold"
          aria-expanded={!folded}
          onClick={() => setUnfolded(folded)}
          title={folded ? 'Show the note' : 'Fold the note'}
        >
          {folded ? '▸' : '▾'}
        </button>{' '}
        {guide.title}
        <button className="btn small guide-dismiss" data-testid="guide.dismiss" onClick={close}>
          Got it
        </button>
      </h3>
      {!folded && (
        <ol>
          {guide.steps.map((s, i) => (
            <li key={i}>
              {s.text}{' '}
              {s.go && (
                <button className="link" data-testid={`guide.go.${i}`} onClick={() => go(s.go!)}>
                  {s.go.label} →
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
