// How the portal words a notification: the reason's text from the reader's catalogue with the
// notification's params, or the server's English for a reason this build does not know yet.
import type { NotificationDto } from "@capstan/domain";
import type { MessageKey, Translate } from "@/messages";
import { en } from "@/messages/en";

/**
 * The notification in the reader's language. A failed build's reason (`buildReason`, a CamelCase code) is
 * worded as the build page words it.
 */
export function notificationText(t: Translate, n: NotificationDto): string {
  if (!(n.reason in en.notifications.reasons)) return n.message;
  const { buildReason } = n.params;
  const params =
    typeof buildReason === "string" && Object.hasOwn(en.builds.reasons, buildReason)
      ? {
          ...n.params,
          buildReason: t(`builds.reasons.${buildReason}` as MessageKey, { ref: String(n.params.branch ?? ""), dataCentre: String(n.params.dataCentre ?? "") }),
        }
      : n.params;
  return t(`notifications.reasons.${n.reason}` as MessageKey, params);
}

/** A kind's catalogue key: "quota-request.waiting" → notifications.kinds.quotaRequestWaiting. */
export const kindKey = (kind: string) => `notifications.kinds.${kind.replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase())}` as MessageKey;
