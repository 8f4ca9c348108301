import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
export const hashPassword = (password: string) => hash(password);

// Verified when the email is unknown, so the time taken does not reveal which accounts exist.
let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  decoy ??= hash(randomBytes(16).toString("hex"));
  try {
    return (await verify(passwordHash ?? (await decoy), password)) && passwordHash !== null;
  } catch {
    return false;
  }
}
