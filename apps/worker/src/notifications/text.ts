// The words of an outbound notification (e-mail, webhook post), in its reader's language, from the portal's
// catalogues (apps/portal/messages: `notifications.reasons`), the one place UI text is kept in every language.
import type { NotificationParams, NotificationReason } from "@capstan/domain";
import { isLocale, type Locale, LOCALES, type MessageKey, translator } from "../../../portal/messages";
import { wordedParams } from "../../../portal/messages/notification-params";

/**
 * The languages a delivery is written in: a person's own (User.locale, set by the portal's language
 * switch; English when unknown); a department's target has no one reader, so English and then zh-CN.
 */
export function deliveryLocales(user: { locale: string } | null): Locale[] {
  if (!user) return LOCALES;
  return [isLocale(user.locale) ? user.locale : "en"];
}

/** The notification's text in each of `locales`, one paragraph each, as the portal shows it. */
export function outboundText(locales: Locale[], reason: NotificationReason, params: NotificationParams): string {
  return locales
    .map((l) => {
      const t = translator(l);
      return t(`notifications.reasons.${reason}` as MessageKey, wordedParams(t, params));
    })
    .join("\n\n");
}
