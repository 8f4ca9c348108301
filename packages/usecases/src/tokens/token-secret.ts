import { createHash, randomBytes } from "node:crypto";

const PREFIX = "cap_";

/** A new token: shown once; only its sha256 is stored. */
export function newTokenSecret() {
  const token = PREFIX + randomBytes(32).toString("base64url");
  return { token, prefix: token.slice(0, PREFIX.length + 6), tokenHash: hashToken(token) };
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const looksLikeToken = (s: string) => s.startsWith(PREFIX) && s.length > PREFIX.length + 20;
