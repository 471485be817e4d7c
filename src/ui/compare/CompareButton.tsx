// The toolbar's "Compare with…" control: a menu of variants one change away from the script
// (the lake source architecture flipped, another seed, a copy to edit). Picking one starts the
// comparison and opens the Compare tab; while comparing, the button says what B changes and ✕
// ends it.
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useProjectStore, useSimStore, useStudio } from '../studio/context';
import { useCompareStore } from './useCompare';
import { presets } from './presets';
import './compare.css';

export function CompareButton() {
  const studio = useStudio();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const { active, label } = useCompareStore(useShallow((s) => ({ active: s.active, label: s.variant?.label ?? '' })));
  const script = useProjectStore((s) => (open ? s.script : ''));
  const seed = useSimStore((s) => s.seed);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);
  const choices = open ? presets(script, seed) : [];
  return (
    <div className="compare-control" ref={box}>
      {active ? (
        <span className="compare-active" data-testid="compare.active">
          <button className="btn small compare-label" onClick={() => studio.ui.getState().setBottomTab('compare')} title={`Comparing with B: ${label}. Show the comparison.`}>
            ⇄ Comparing
          </button>
          <button className="btn small icon" data-testid="compare.stop" title="Stop comparing" aria-label="Stop comparing" onClick={() => void studio.compare.getState().stop()}>
            ✕
          </button>
        </span>
      ) : (
        <button className="btn small" data-testid="compare.open" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} title="Run a variant of this script beside it, on the same virtual clock">
          ⇄ Compare with…
        </button>
      )}
      {open && (
        <div className="menu compare-menu" role="menu" data-testid="compare.menu">
          <div className="menu-title">Run B beside this run (A), same seed, same virtual clock</div>
          {choices.map((p) => (
            <button
              key={p.id}
              className="menu-item compare-choice"
              role="menuitem"
              data-testid={`compare.preset.${p.id}`}
              onClick={() => {
                setOpen(false);
                studio.ui.getState().setBottomTab('compare');
                void studio.compare.getState().start(p.variant);
              }}
            >
              <span className="compare-choice-title">{p.title}</span>
              <span className="muted small compare-choice-detail">{p.detail}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
