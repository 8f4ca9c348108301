// How the portal words a notification: the reason's text from the reader's catalogue with the
// notification's params, or the server's English for a reason this build does not know yet.
import type { NotificationDto } from "@capstan/domain";
import type { MessageKey, Translate } from "@/messages";
import { en } from "@/messages/en";
import { wordedParams } from "@/messages/notification-params";

/** The notification in the reader's language (its coded params worded too: wordedParams). */
export function notificationText(t: Translate, n: NotificationDto): string {
  return n.reason in en.notifications.reasons ? t(`notifications.reasons.${n.reason}` as MessageKey, wordedParams(t, n.params)) : n.message;
}

/** A kind's catalogue key: "quota-request.waiting" → notifications.kinds.quotaRequestWaiting. */
export const kindKey = (kind: string) => `notifications.kinds.${kind.replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase())}` as MessageKey;
