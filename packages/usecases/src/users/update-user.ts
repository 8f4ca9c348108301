import { canManageUsers, email as emailSchema, forbidden, invalid, notFound, parseInput, UserUpdate } from "@capstan/domain";
import type { Context } from "../context";
import { bumpVersion, mutation } from "../mutation";
import { hashPassword } from "./passwords";
import { toUserDto } from "./user-dto";

/** Renames, disables, resets the password of, or changes the platform role of an account. */
export async function updateUser(ctx: Context, email: string, input: unknown) {
  if (!canManageUsers(ctx.actor)) throw forbidden("Only platform admins change accounts.");
  const address = parseInput(emailSchema, email);
  const { version, password, ...changes } = parseInput(UserUpdate, input);
  const passwordHash = password === undefined ? undefined : await hashPassword(password);
  return mutation(ctx, async (tx, audit) => {
    const before = await tx.user.findUnique({ where: { email: address } });
    if (!before) throw notFound("User", address);
    if (before.id === ctx.actor.userId && (changes.disabled || changes.platformRole !== undefined))
      throw invalid("You cannot disable yourself or change your own platform role.", { platformRole: "cannot change your own" });
    await bumpVersion(
      (v) => tx.user.updateMany({ where: { id: before.id, ...v }, data: { ...changes, passwordHash, version: { increment: 1 } } }),
      version,
      "User",
      address,
    );
    const after = toUserDto(await tx.user.findUniqueOrThrow({ where: { id: before.id } }));
    await audit({ action: "user.update", targetType: "user", targetId: address, targetName: after.name, before: toUserDto(before), after: { ...after, passwordReset: password !== undefined } });
    return after;
  });
}
