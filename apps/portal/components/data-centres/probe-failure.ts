import type { Translate } from "@/messages";
import { en } from "@/messages/en";

/**
 * A cluster's last probe failure in the reader's language, from its reason and params (fleet.probeReasons);
 * a reason the catalogues lack (`probe_failed`, whose `detail` is the error's own English) as its English.
 * Used by the clusters table and the dashboards' cluster lists.
 */
export function probeFailureText(
  t: Translate,
  c: { lastError?: string | null; lastErrorReason?: string | null; lastErrorParams?: Record<string, string | number> | null },
): string {
  const reason = c.lastErrorReason;
  if (reason && Object.hasOwn(en.fleet.probeReasons, reason))
    return t(`fleet.probeReasons.${reason as keyof typeof en.fleet.probeReasons}`, c.lastErrorParams ?? {});
  return c.lastError ?? "";
}
