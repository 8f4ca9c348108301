import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSealer, parseKey } from "./secrets";

describe("secrets", () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it("round-trips, and never stores the plain text", () => {
    const s = createSealer(k1);
    const sealed = s.seal("apiVersion: v1\nkind: Config");
    expect(Buffer.from(sealed).toString("utf8")).not.toContain("kind: Config");
    expect(s.open(sealed)).toBe("apiVersion: v1\nkind: Config");
    expect(Buffer.from(s.seal("same")).equals(Buffer.from(s.seal("same")))).toBe(false); // fresh IV each time
  });

  it("detects tampering", () => {
    const s = createSealer(k1);
    const sealed = s.seal("secret");
    sealed[sealed.length - 1]! ^= 1;
    expect(() => s.open(sealed)).toThrow();
  });

  it("rotates: the new key opens old values as previous key, and reports them stale", () => {
    const old = createSealer(k1).seal("kubeconfig");
    const rotating = createSealer(k2, [k1]);
    expect(rotating.open(old)).toBe("kubeconfig");
    expect(rotating.isStale(old)).toBe(true);
    expect(rotating.isStale(rotating.seal("kubeconfig"))).toBe(false);
    expect(() => createSealer(k2).open(old)).toThrow(/not configured/);
  });

  it("refuses keys of the wrong size", () => {
    expect(() => parseKey(randomBytes(16).toString("base64"), "K")).toThrow(/32 bytes/);
  });
});
