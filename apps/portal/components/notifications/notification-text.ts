// How the portal words a notification: the reason's text from the reader's catalogue with the
// notification's params, or the server's English for a reason this build does not know yet.
import type { NotificationDto } from "@capstan/domain";
import type { MessageKey, Translate } from "@/messages";
import { en } from "@/messages/en";

/** The notification in the reader's language. */
export function notificationText(t: Translate, n: NotificationDto): string {
  return n.reason in en.notifications.reasons ? t(`notifications.reasons.${n.reason}` as MessageKey, n.params) : n.message;
}

/** A kind's catalogue key: "quota-request.waiting" → notifications.kinds.quotaRequestWaiting. */
export const kindKey = (kind: string) => `notifications.kinds.${kind.replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase())}` as MessageKey;

/** "3 minutes ago" in the reader's language: a list of notifications is about recency. */
export function ago(iso: string, locale: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  return rtf.format(seconds, "second");
}
