// Time zone offsets for CONVERT_TZ, as java.util.TimeZone names them: IANA names ("Asia/Shanghai"),
// "UTC" / "GMT", custom ids ("GMT+08:00", "GMT-8"), and the old three-letter ids Java still maps
// ("PST" -> America/Los_Angeles). Java falls back to GMT for an id it does not know, and so does
// this. Offsets of named zones come from the runtime's Intl time zone data (Node's and the
// browser's ICU): a zone whose rules changed recently may differ between runtimes by that data.

/** java.time.ZoneId.SHORT_IDS, which TimeZone.getTimeZone also accepts. */
const SHORT_IDS: Readonly<Record<string, string>> = {
  ACT: 'Australia/Darwin', AET: 'Australia/Sydney', AGT: 'America/Argentina/Buenos_Aires', ART: 'Africa/Cairo',
  AST: 'America/Anchorage', BET: 'America/Sao_Paulo', BST: 'Asia/Dhaka', CAT: 'Africa/Harare', CNT: 'America/St_Johns',
  CST: 'America/Chicago', CTT: 'Asia/Shanghai', EAT: 'Africa/Addis_Ababa', ECT: 'Europe/Paris', IET: 'America/Indiana/Indianapolis',
  IST: 'Asia/Kolkata', JST: 'Asia/Tokyo', MIT: 'Pacific/Apia', NET: 'Asia/Yerevan', NST: 'Pacific/Auckland',
  PLT: 'Asia/Karachi', PNT: 'America/Phoenix', PRT: 'America/Puerto_Rico', PST: 'America/Los_Angeles', SST: 'Pacific/Guadalcanal',
  VST: 'Asia/Ho_Chi_Minh', EST: '-05:00', MST: '-07:00', HST: '-10:00',
};

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** A zone: a fixed offset in ms, or an Intl formatter for a named zone. */
export type Zone = { fixedMs: number } | { format: Intl.DateTimeFormat };

export function zoneOf(id: string): Zone {
  const custom = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(id);
  const mapped = SHORT_IDS[id] ?? id;
  const fixed = /^([+-])(\d{2}):(\d{2})$/.exec(mapped);
  if (id === 'UTC' || id === 'GMT' || id === 'Z') return { fixedMs: 0 };
  if (custom && (id.startsWith('GMT') || id.startsWith('UTC'))) {
    const h = Number(custom[2]);
    const m = Number(custom[3] ?? 0);
    if (h <= 23 && m <= 59) return { fixedMs: (custom[1] === '-' ? -1 : 1) * (h * 60 + m) * 60000 };
    return { fixedMs: 0 };
  }
  if (fixed) return { fixedMs: (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3])) * 60000 };
  let f = formatters.get(mapped);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: mapped, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      f = null; // Java: an unknown id is GMT
    }
    formatters.set(mapped, f);
  }
  return f ? { format: f } : { fixedMs: 0 };
}

/** The zone's offset from UTC at the UTC instant `utcMs`. */
export function offsetAt(zone: Zone, utcMs: number): number {
  if ('fixedMs' in zone) return zone.fixedMs;
  const parts: Record<string, number> = {};
  for (const p of zone.format.formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const wholeSeconds = utcMs - (((utcMs % 1000) + 1000) % 1000);
  return local - wholeSeconds;
}

/**
 * The UTC instant of wall-clock time `localMs` (read as if UTC) in `zone`. In a gap (spring
 * forward) the wall time moves forward by the gap; in an overlap the earlier offset wins, as
 * java.util.GregorianCalendar resolves them.
 */
export function localToUtc(zone: Zone, localMs: number): number {
  if ('fixedMs' in zone) return localMs - zone.fixedMs;
  const first = offsetAt(zone, localMs);
  let utc = localMs - first;
  const second = offsetAt(zone, utc);
  if (second !== first) {
    const retry = localMs - second;
    utc = offsetAt(zone, retry) === second ? retry : localMs - Math.max(first, second);
  }
  // Overlap: the same wall time also exists an offset change earlier; take the earlier instant.
  const earlierOffset = offsetAt(zone, utc - 3600000);
  if (earlierOffset > offsetAt(zone, utc) && offsetAt(zone, localMs - earlierOffset) === earlierOffset) utc = localMs - earlierOffset;
  return utc;
}
