import type { Context } from "../context";
import { preferencesOf } from "./notification-preferences";

/** The caller's choice of what to receive, per kind and channel (in the portal, e-mail, webhook). */
export const getNotificationPreferences = (ctx: Context) => preferencesOf(ctx.db, ctx.actor.userId);
