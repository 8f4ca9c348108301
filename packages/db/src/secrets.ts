// Secrets at rest (kubeconfigs, Harbor passwords): AES-256-GCM with a key from the environment.
// Sealed bytes: [version 1][key id 8][iv 12][auth tag 16][ciphertext]. The key id lets a rotation
// open values sealed with the previous key (CAPSTAN_SECRET_KEY_PREVIOUS) while resealing with the new one.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const VERSION = 1;
const HEADER = 1 + 8 + 12 + 16;

export interface Sealer {
  seal(plain: string): Uint8Array<ArrayBuffer>;
  open(sealed: Uint8Array): string;
  /** True when the value was sealed with an older key and should be resealed. */
  isStale(sealed: Uint8Array): boolean;
}

const keyId = (key: Buffer) => createHash("sha256").update(key).digest().subarray(0, 8);

export function parseKey(text: string, name: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded (openssl rand -base64 32)`);
  return key;
}

export function createSealer(current: Buffer, previous: Buffer[] = []): Sealer {
  const keys = new Map([current, ...previous].map((k) => [keyId(k).toString("hex"), k]));
  const currentId = keyId(current);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", current, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return new Uint8Array(Buffer.concat([Buffer.of(VERSION), currentId, iv, cipher.getAuthTag(), body]));
    },
    open(sealed) {
      const b = Buffer.from(sealed);
      if (b.length < HEADER || b[0] !== VERSION) throw new Error("not a sealed secret");
      const key = keys.get(b.subarray(1, 9).toString("hex"));
      if (!key) throw new Error("sealed with a key that is not configured (set CAPSTAN_SECRET_KEY_PREVIOUS during a rotation)");
      const decipher = createDecipheriv("aes-256-gcm", key, b.subarray(9, 21));
      decipher.setAuthTag(b.subarray(21, HEADER));
      return Buffer.concat([decipher.update(b.subarray(HEADER)), decipher.final()]).toString("utf8");
    },
    isStale: (sealed) => !Buffer.from(sealed).subarray(1, 9).equals(currentId),
  };
}

let fromEnv: Sealer | undefined;
/** The process's sealer, from CAPSTAN_SECRET_KEY (and CAPSTAN_SECRET_KEY_PREVIOUS, comma-separated). */
export function secrets(): Sealer {
  if (!fromEnv) {
    const current = process.env.CAPSTAN_SECRET_KEY;
    if (!current) throw new Error("CAPSTAN_SECRET_KEY is not set");
    const previous = (process.env.CAPSTAN_SECRET_KEY_PREVIOUS ?? "").split(",").filter(Boolean);
    fromEnv = createSealer(
      parseKey(current, "CAPSTAN_SECRET_KEY"),
      previous.map((p) => parseKey(p, "CAPSTAN_SECRET_KEY_PREVIOUS")),
    );
  }
  return fromEnv;
}
