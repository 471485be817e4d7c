// Display helpers shared by the panels.

function pad(n: number, w = 2): string {
  return String(Math.floor(n)).padStart(w, '0');
}

/** A virtual instant as `YYYY-MM-DD HH:MM:SS` (UTC). */
export function formatClock(epochMs: number, nowMs: number): string {
  const d = new Date(epochMs + nowMs);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Elapsed virtual time as `T+1d 02:03:04` / `T+02:03:04`. */
export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  const days = Math.floor(s / 86400);
  const hms = `${pad((s % 86400) / 3600)}:${pad((s % 3600) / 60)}:${pad(s % 60)}`;
  return days ? `T+${days}d ${hms}` : `T+${hms}`;
}

/** A duration in a short human form: `850 ms`, `12.4 s`, `3.2 min`, `1.5 h`. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** 950, 12.3k, 4.5M. */
export function formatCount(n: number): string {
  if (Math.abs(n) < 1000) return String(Math.round(n));
  if (Math.abs(n) < 1e6) return `${(n / 1e3).toFixed(n < 1e4 ? 1 : 0)}k`;
  if (Math.abs(n) < 1e9) return `${(n / 1e6).toFixed(1)}M`;
  return `${(n / 1e9).toFixed(1)}G`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(1)} GiB`;
}

/** Short axis labels: `850ms`, `12s`, `3.2m`, `1.5h`. */
export function formatDurationShort(ms: number): string {
  const a = Math.abs(ms);
  if (a < 1000) return `${Math.round(ms)}ms`;
  if (a < 60_000) return `${+(ms / 1000).toFixed(1)}s`;
  if (a < 3_600_000) return `${+(ms / 60_000).toFixed(1)}m`;
  return `${+(ms / 3_600_000).toFixed(1)}h`;
}

/** Virtual ms since the start as `m:ss` (or `h:mm:ss`), as the charts' time axis writes it. */
export function formatVirtualTime(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  return h ? `${h}:${pad((s % 3600) / 60)}:${pad(s % 60)}` : `${Math.floor(s / 60)}:${pad(s % 60)}`;
}
