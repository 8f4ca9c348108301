"use client";
// The one way pages show an instant (docs/time.md). The server renders in the zone the browser last told
// it in the capstan-tz cookie (UTC before it has); the browser's first render uses that same zone, so
// hydration agrees, and then switches to its own zone (useSyncExternalStore's server snapshot) and stores
// it in the cookie for the next request. Relative times render as absolute ones until the browser takes
// over, since the server's clock and the browser's need not agree on "now".
import { createContext, useCallback, useContext, useEffect, useSyncExternalStore } from "react";
import { useLocale } from "@/lib/client/i18n";
import { DEFAULT_TIME_ZONE, formatInstant, formatRelative, isTimeZone, TIME_ZONE_COOKIE } from "@/lib/time";

const TimeZoneContext = createContext<string>(DEFAULT_TIME_ZONE);

const never = () => () => {};
const browserZone = () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
};

/** Gives every <Time> below the viewer's zone: `serverZone` (from the cookie) until hydrated, then the browser's. */
export function TimeZoneProvider({ serverZone, children }: { serverZone: string; children: React.ReactNode }) {
  const zone = useSyncExternalStore(never, browserZone, () => serverZone);
  useEffect(() => {
    if (zone !== serverZone) document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
  }, [zone, serverZone]);
  return <TimeZoneContext.Provider value={zone}>{children}</TimeZoneContext.Provider>;
}

// One clock for every relative time on the page, ticking every 30 s while any is shown.
let now = Date.now();
const clockListeners = new Set<() => void>();
let clock: ReturnType<typeof setInterval> | undefined;
function subscribeClock(listener: () => void) {
  clockListeners.add(listener);
  if (!clock) {
    now = Date.now();
    clock = setInterval(() => {
      now = Date.now();
      clockListeners.forEach((l) => l());
    }, 30_000);
  }
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size > 0) return;
    clearInterval(clock);
    clock = undefined;
  };
}

/** Formats an instant (ISO 8601 text or Date) as <Time> does, for text that cannot hold an element (an <option>'s label). */
export function useFormatTime(): (at: string | Date, opts?: { seconds?: boolean }) => string {
  const zone = useContext(TimeZoneContext);
  return useCallback((at, opts) => formatInstant(new Date(at), zone, opts), [zone]);
}

/**
 * An instant: "2026-11-30 09:12 UTC+8" in the viewer's zone (with seconds when `seconds`), or with
 * `relative` "5 minutes ago" in the reader's language, the absolute time in its tooltip. `at` is ISO 8601
 * text or a Date; nothing (or `empty`) when it is null.
 */
export function Time({
  at,
  seconds,
  relative,
  empty = null,
}: {
  at: string | Date | null | undefined;
  seconds?: boolean;
  relative?: boolean;
  empty?: React.ReactNode;
}) {
  const zone = useContext(TimeZoneContext);
  const locale = useLocale();
  const current = useSyncExternalStore(
    relative ? subscribeClock : never,
    () => now,
    () => null,
  );
  if (!at) return <>{empty}</>;
  const instant = new Date(at);
  const absolute = formatInstant(instant, zone, { seconds });
  return (
    <time dateTime={instant.toISOString()} title={relative ? absolute : undefined} className="whitespace-nowrap">
      {relative && current !== null ? formatRelative(instant, new Date(current), locale) : absolute}
    </time>
  );
}
