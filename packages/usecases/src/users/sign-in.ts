import type { Db } from "@capstan/db";
import { verifyPassword } from "./passwords";

/** Checks email + password; returns the user to put in the session, or null. */
export async function signInWithPassword(db: Db, email: string, password: string) {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name };
}

/** OIDC sign-in: the identity provider vouches for the email; people are provisioned on first sign-in. */
export async function signInWithOidc(db: Db, email: string, name: string) {
  const address = email.trim().toLowerCase();
  const user = await db.user.upsert({ where: { email: address }, create: { email: address, name }, update: {} });
  return user.disabled ? null : { id: user.id, email: user.email, name: user.name };
}
