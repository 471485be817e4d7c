// Toolbar glyphs as inline SVG so they render the same with any system font.
const base = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true } as const;

export const PlayIcon = () => (
  <svg {...base}>
    <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
  </svg>
);
export const PauseIcon = () => (
  <svg {...base}>
    <rect x="3.5" y="2.5" width="3" height="11" fill="currentColor" />
    <rect x="9.5" y="2.5" width="3" height="11" fill="currentColor" />
  </svg>
);
export const StepIcon = () => (
  <svg {...base}>
    <path d="M3 2.5v11l7-5.5z" fill="currentColor" />
    <rect x="11" y="2.5" width="2.2" height="11" fill="currentColor" />
  </svg>
);
export const ResetIcon = () => (
  <svg {...base} fill="none" stroke="currentColor" strokeWidth="1.7">
    <path d="M3.2 8a4.8 4.8 0 1 0 1.6-3.6" />
    <path d="M3 2.2v3.2h3.2" />
  </svg>
);
