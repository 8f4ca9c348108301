// One way to show an instant (docs/time.md): absolute times in the viewer's IANA time zone, labelled
// with the zone's UTC offset ("2026-11-30 09:12 UTC+8"), the same text in every language; relative times
// ("3 minutes ago", "3分钟前") in the reader's language where a list is about recency. Pure functions, used
// alike by the server's render and the browser's, so both give the same text for the same zone.

/** The cookie in which the browser tells the server its time zone (an IANA name, e.g. "Asia/Shanghai"). */
export const TIME_ZONE_COOKIE = "capstan-tz";
/** The zone used until the browser has said its own. */
export const DEFAULT_TIME_ZONE = "UTC";

/** Whether `zone` is a time zone this runtime knows (an IANA name such as "Europe/Berlin", or "UTC"). */
export function isTimeZone(zone: string | undefined): zone is string {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(timeZone: string, seconds: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${seconds}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: seconds ? "2-digit" : undefined,
      hourCycle: "h23",
      timeZoneName: "shortOffset",
    });
    formats.set(key, f);
  }
  return f;
}

/**
 * `at` as "YYYY-MM-DD HH:mm[:ss] UTC±H[:MM]" in `timeZone`: ISO 8601's order (unambiguous in every
 * language), a 24-hour clock, and the zone's offset at that instant as the label (abbreviations such as
 * "CST" are ambiguous: China, Cuba and the US Central zone all use it).
 */
export function formatInstant(at: Date, timeZone: string, opts: { seconds?: boolean } = {}): string {
  const parts = Object.fromEntries(
    dateTimeFormat(timeZone, opts.seconds ?? false)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  // shortOffset reads "GMT+8", "GMT-3:30", and "GMT" or "GMT+0" (ICU versions differ) for the zero offset.
  const sign = (parts.timeZoneName ?? "").replace(/^(GMT|UTC)/, "").replace(/^[+-]0?0?(:00)?$/, "");
  const offset = `UTC${sign}`;
  const time = `${parts.hour}:${parts.minute}${opts.seconds ? `:${parts.second}` : ""}`;
  return `${parts.year}-${parts.month}-${parts.day} ${time} ${offset}`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

/**
 * How long before (or after) `now` the instant `at` is, in `locale`'s words: "5 minutes ago", "昨天",
 * "in 2 hours", in the largest unit that is at least one whole (Intl.RelativeTimeFormat, numeric "auto").
 */
export function formatRelative(at: Date, now: Date, locale: string): string {
  const seconds = (at.getTime() - now.getTime()) / 1000;
  const [unit, size] = UNITS.find(([, s]) => Math.abs(seconds) >= s) ?? ["second", 1];
  return new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(Math.trunc(seconds / size), unit);
}
