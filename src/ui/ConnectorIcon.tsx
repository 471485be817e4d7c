// Small inline SVG icons per connector (no icon font, nothing fetched).
const COLORS: Record<string, string> = {
  datagen: '#a78bfa',
  kafka: '#f59e0b',
  filesystem: '#60a5fa',
  jdbc: '#34d399',
  print: '#9ca3af',
  blackhole: '#6b7280',
  iceberg: '#67e8f9',
};

export function ConnectorIcon({ connector, size = 16 }: { connector: string; size?: number }) {
  const c = COLORS[connector] ?? '#9ca3af';
  const common = { width: size, height: size, viewBox: '0 0 16 16', fill: 'none', stroke: c, strokeWidth: 1.5, 'aria-hidden': true } as const;
  switch (connector) {
    case 'datagen':
      return (
        <svg {...common}>
          <path d="M8 1.5v3M8 11.5v3M1.5 8h3M11.5 8h3M3.4 3.4l2.1 2.1M10.5 10.5l2.1 2.1M3.4 12.6l2.1-2.1M10.5 5.5l2.1-2.1" />
        </svg>
      );
    case 'kafka':
      return (
        <svg {...common}>
          <rect x="1.5" y="3" width="13" height="10" rx="1.5" />
          <path d="M4.5 3v10M7.5 3v10M10.5 3v10" />
        </svg>
      );
    case 'filesystem':
      return (
        <svg {...common}>
          <path d="M3 1.5h6l4 4v9H3z" />
          <path d="M9 1.5v4h4" />
        </svg>
      );
    case 'jdbc':
      return (
        <svg {...common}>
          <ellipse cx="8" cy="3.5" rx="5.5" ry="2" />
          <path d="M2.5 3.5v9c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2v-9M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2" />
        </svg>
      );
    case 'print':
      return (
        <svg {...common}>
          <path d="M2 3.5l4 4.5-4 4.5M7.5 12.5h6.5" />
        </svg>
      );
    case 'blackhole':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6" />
          <circle cx="8" cy="8" r="2.5" fill={c} />
        </svg>
      );
    case 'iceberg':
      return (
        <svg {...common}>
          <path d="M1.5 9.5h13M5 9.5l3-7 3 7M3.5 9.5l4.5 5 4.5-5" />
        </svg>
      );
    default:
      return (
        <svg {...common}>
          <rect x="2" y="2" width="12" height="12" rx="2" />
        </svg>
      );
  }
}
