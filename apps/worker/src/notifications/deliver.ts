// The worker's `deliver-notification` task: one e-mail or one webhook post per job, queued by notify()
// in the transaction that raised the notification. A failure throws, and graphile-worker retries the job
// with exponential backoff (DELIVERY_ATTEMPTS in all). Logs name the channel, the reason and the host,
// never a webhook URL (it carries the bot's key) nor an SMTP password.
import type { Db } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import { NotificationDeliverySchema, webhookBody, type WebhookFormat } from "@capstan/domain";
import { loggedDetail, postWebhook } from "@capstan/orchestrator";
import { sendMail, type SmtpSettings } from "./mailer";
import { deliveryLocales, outboundText } from "./text";

export interface DeliveryOptions {
  /** SMTP settings (smtpFromEnv); null: e-mail deliveries are dropped with a log line. */
  smtp: SmtpSettings | null;
  /** The portal's origin for links (CAPSTAN_PUBLIC_URL or AUTH_URL); links stay paths without it. */
  publicUrl?: string;
  log: (msg: string) => void;
}

/** The task: delivers one notification, or throws so that graphile-worker retries it later. */
export function deliverNotification(db: Db, opts: DeliveryOptions) {
  return async (payload: unknown): Promise<void> => {
    const parsed = NotificationDeliverySchema.safeParse(payload);
    if (!parsed.success) return opts.log(`deliver-notification: dropped a job whose payload is not a delivery`);
    const d = parsed.data;
    const target = await db.notificationTarget.findUnique({ where: d.userId ? { userId: d.userId } : { departmentId: d.departmentId! } });
    const user = d.userId ? await db.user.findUnique({ where: { id: d.userId }, select: { email: true, disabled: true, locale: true } }) : null;
    // In the reader's language (docs/notifications.md: a person's own; a department's, English and zh-CN).
    const text = outboundText(deliveryLocales(d.userId ? (user ?? { locale: "en" }) : null), d.reason, d.params);
    const link = opts.publicUrl ? new URL(d.link, opts.publicUrl).toString() : d.link;
    if (d.channel === "email") {
      if (user?.disabled) return;
      const to = target?.email ?? user?.email;
      if (!to) return; // the target was removed meanwhile
      if (!opts.smtp) return opts.log(`deliver-notification: e-mail not sent (${d.reason}): CAPSTAN_SMTP_HOST is not set`);
      await sendMail(opts.smtp, { to, subject: `[Capstan] ${firstLine(text)}`, text: `${text}\n\n${link}\n` }).catch((e: unknown) => {
        opts.log(`deliver-notification: e-mail (${d.reason}) via ${opts.smtp!.host} failed: ${loggedDetail(e)}`);
        throw e;
      });
      return;
    }
    if (!target?.webhookUrlSealed) return; // removed meanwhile
    const url = secrets().open(Buffer.from(target.webhookUrlSealed, "base64"));
    await postWebhook(url, webhookBody(target.webhookFormat as WebhookFormat, text, link)).catch((e: unknown) => {
      // WebhookError names the host only; anything else is reported without its message.
      opts.log(
        `deliver-notification: webhook (${d.reason}) to ${target.webhookHost ?? "?"} failed: ${e instanceof Error && e.name === "WebhookError" ? e.message : "error"}`,
      );
      throw e;
    });
  };
}

/** A subject line: the text's first line, at most 150 characters. */
const firstLine = (text: string) => {
  const line = text.split("\n")[0]!;
  return line.length > 150 ? `${line.slice(0, 149)}…` : line;
};
