// What Capstan tells people, and how (docs/notifications.md). A kind is what a person chooses to receive
// (in the portal, by e-mail, by webhook); a reason is one message of a kind, with an English template
// whose `{params}` are filled from the notification's params. The portal renders the same reason from its
// catalogues (apps/portal/messages, `notifications.reasons`) in the reader's language. Adding an event is
// one entry here (and its text in the two catalogues), then `notify(tx, …)` where it happens.
import { z } from "zod";
import { email } from "./names";
import { KeysetListQuery, QueryFlag } from "./schemas";

/** How a person may be told: in the portal, by e-mail, by a JSON webhook (an IM bot). */
export interface Channels {
  inApp: boolean;
  email: boolean;
  webhook: boolean;
}

/** Each kind of notification, with who receives it and what they receive until they choose. */
export const NOTIFICATION_KINDS = {
  /** A quota request waits for a department admin's decision (to the department's admins). */
  "quota-request.waiting": { defaults: { inApp: true, email: true, webhook: false } },
  /** A quota request was approved or turned down (to its requester). */
  "quota-request.decided": { defaults: { inApp: true, email: true, webhook: false } },
  /** A quota request beyond the department's quota waits for a platform admin (to platform admins). */
  "quota-request.escalated": { defaults: { inApp: true, email: true, webhook: false } },
  /** A group fails to converge, once per failure streak (to its system's developers and admins). */
  "group.failing": { defaults: { inApp: true, email: false, webhook: false } },
  /** A node turned NotReady, once per episode (to ops). */
  "node.not-ready": { defaults: { inApp: true, email: false, webhook: false } },
  /** A node stayed in INIT, WAIT or OFFLINE past its threshold (stuckFor), once per stay (to ops and platform admins). */
  "node.stuck": { defaults: { inApp: true, email: false, webhook: false } },
  /** A group following a branch was left as it was after a build of the branch: the build, its copy or its rollout failed (to its system's developers). */
  "group.follow-failed": { defaults: { inApp: true, email: true, webhook: false } },
} as const satisfies Record<string, { defaults: Channels }>;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]];

/** Each message, its kind and its English text; a published reason keeps its meaning and params. */
export const NOTIFICATION_REASONS = {
  quota_request_waiting: { kind: "quota-request.waiting", en: "{requester} asks for more quota for {system} in {dataCentre}." },
  quota_request_approved: { kind: "quota-request.decided", en: "{reviewer} approved your quota request for {system} in {dataCentre}." },
  quota_request_rejected: { kind: "quota-request.decided", en: "{reviewer} turned down your quota request for {system} in {dataCentre}: {comment}" },
  quota_request_escalated: {
    kind: "quota-request.escalated",
    en: "{reviewer} forwarded a quota request for {system} in {dataCentre}: it is beyond the department's quota.",
  },
  group_failing: { kind: "group.failing", en: 'Group "{group}" of {system} fails to converge in {cluster}: {errorReason}.' },
  node_not_ready: { kind: "node.not-ready", en: 'Node "{node}" in {cluster} is NotReady.' },
  node_stuck: { kind: "node.stuck", en: 'Node "{node}" in {cluster} has been in {status} for more than {hours} h.' },
  follow_build_failed: {
    kind: "group.follow-failed",
    en: 'Build #{number} of {application} ({branch}) failed: {buildReason}. Group "{group}" in {dataCentre} runs what it ran.',
  },
  follow_copy_failed: {
    kind: "group.follow-failed",
    en: 'Build #{number} of {application} ({branch}) could not be copied to {dataCentre}. Group "{group}" there runs what it ran.',
  },
  follow_rollout_refused: {
    kind: "group.follow-failed",
    en: 'Group "{group}" in {dataCentre} was not rolled out to build #{number} of {application} ({branch}): {message}',
  },
} as const satisfies Record<string, { kind: NotificationKind; en: string }>;
export type NotificationReason = keyof typeof NOTIFICATION_REASONS;

/** A notification's values: names, numbers and formatted quantities, never a secret. */
export type NotificationParams = Record<string, string | number>;

/** The English text of a reason with its params filled in (`{name}` → params.name; unknown names stay). */
export function notificationText(reason: NotificationReason, params: NotificationParams): string {
  return NOTIFICATION_REASONS[reason].en.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The JSON bodies IM bots accept from a generic webhook. */
export const WEBHOOK_FORMATS = ["msgtype", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * The body posted to a webhook: "msgtype" is the text message of WeCom (企业微信) and DingTalk (钉钉) group
 * bots, `{ msgtype: "text", text: { content } }`; "slack" is Slack's incoming webhook, `{ text }`. The link
 * is appended to the text, as every one of them shows plain text.
 */
export function webhookBody(format: WebhookFormat, text: string, link: string): Record<string, unknown> {
  const content = `${text}\n${link}`;
  return format === "slack" ? { text: content } : { msgtype: "text", text: { content } };
}

// ───── Requests ─────
/** The list of one's notifications: `unread=true` keeps the unread ones. Keyset pages, newest first. */
export const NotificationListQuery = KeysetListQuery.omit({ q: true }).extend({ unread: QueryFlag.optional() });
const channel = z.boolean({ error: "must be true or false" });
/** One's choice per kind; kinds not named keep their current choice. */
export const NotificationPreferencesSet = z.strictObject({
  preferences: z
    .array(
      z.strictObject({
        kind: z.enum(NOTIFICATION_KIND_NAMES, { error: `must be one of ${NOTIFICATION_KIND_NAMES.join(", ")}` }),
        inApp: channel,
        email: channel,
        webhook: channel,
      }),
    )
    .max(NOTIFICATION_KIND_NAMES.length, `must name at most ${NOTIFICATION_KIND_NAMES.length} kinds`),
});
/**
 * Where a user's (or a department's) outbound notifications go. `email` null: a user's account e-mail (a
 * department has none). `webhookUrl`: an http(s) URL without user name or fragment (its query may carry the
 * bot's key, as WeCom's and DingTalk's do); null removes it; left out, the stored one stays (it is never
 * shown again).
 */
export const NotificationTargetSet = z.strictObject({
  email: email.nullable(),
  webhookUrl: z.string().max(2000, "must be at most 2000 characters").nullable().optional(),
  webhookFormat: z.enum(WEBHOOK_FORMATS, { error: `must be one of ${WEBHOOK_FORMATS.join(", ")}` }),
  /** The target's version as read (0 while it has none yet). */
  version: z.number({ error: "must be a number" }).int("must be a whole number").min(0, "must not be negative").optional(),
});

// ───── Responses ─────
const at = z.string().describe("ISO 8601 time");
/** One notification: render `reason` with `params` (or show `message`, its English). */
export const NotificationSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KIND_NAMES),
  reason: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
  link: z.string(),
  read: z.boolean(),
  createdAt: at,
});
export type NotificationDto = z.infer<typeof NotificationSchema>;
/** A keyset page of notifications, with how many are unread in all. */
export const NotificationPageSchema = z.strictObject({
  items: z.array(NotificationSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  nextCursor: z.string().nullable(),
  unread: z.number(),
});
export type NotificationPage = z.infer<typeof NotificationPageSchema>;
/** How many of one's notifications were marked read. */
export const NotificationsMarkedSchema = z.strictObject({ marked: z.number(), unread: z.number() });
/** One's choice for every kind (defaults for kinds never chosen). */
export const NotificationPreferencesSchema = z.strictObject({
  preferences: z.array(z.strictObject({ kind: z.enum(NOTIFICATION_KIND_NAMES), inApp: z.boolean(), email: z.boolean(), webhook: z.boolean() })),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;
/** A delivery target: the webhook's URL is a secret, so only its host is shown. */
export const NotificationTargetSchema = z.strictObject({
  email: z.string().nullable(),
  webhookHost: z.string().nullable(),
  webhookFormat: z.enum(WEBHOOK_FORMATS),
  version: z.number(),
});
export type NotificationTargetDto = z.infer<typeof NotificationTargetSchema>;

/**
 * One outbound delivery, the payload of a worker's `deliver-notification` job: the message itself and
 * whose target it goes to (exactly one of userId and departmentId), never an address, a URL or a secret.
 */
export const NotificationDeliverySchema = z
  .object({
    channel: z.enum(["email", "webhook"]),
    userId: z.string().optional(),
    departmentId: z.string().optional(),
    reason: z.enum(Object.keys(NOTIFICATION_REASONS) as [NotificationReason, ...NotificationReason[]]),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    link: z.string().startsWith("/"),
  })
  .refine((d) => (d.userId === undefined) !== (d.departmentId === undefined), "exactly one of userId and departmentId");
export type NotificationDelivery = z.infer<typeof NotificationDeliverySchema>;
