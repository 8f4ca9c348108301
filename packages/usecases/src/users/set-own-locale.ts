import { OwnLocaleSet, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";

/**
 * The actor's language (`{ locale: "en" | "zh-CN" }`, 422 `locale` otherwise), stored on their account when
 * they switch the portal's language, so that what reaches them outside the portal (e-mail, webhook posts) is
 * in it too. Audited only when it changes.
 */
export async function setOwnLocale(ctx: Context, input: unknown): Promise<{ locale: string }> {
  const { locale } = parseInput(OwnLocaleSet, input);
  return mutation(ctx, async (tx, audit) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: ctx.actor.userId }, select: { locale: true, email: true, name: true } });
    if (user.locale === locale) return { locale };
    await tx.user.update({ where: { id: ctx.actor.userId }, data: { locale } });
    await audit({ action: "user.locale", targetType: "user", targetId: user.email, targetName: user.name, before: { locale: user.locale }, after: { locale } });
    return { locale };
  });
}
