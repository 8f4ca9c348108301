// The one advisory-lock key scheme: keys fit PostgreSQL's bigint, and differ by scope and by each part.
import { describe, expect, it } from "vitest";
import { advisoryKey } from "./advisory-lock";

describe("advisoryKey", () => {
  it("is a signed 64-bit integer, the same for the same scope and parts", () => {
    const key = BigInt(advisoryKey("reconcile", "c1"));
    expect(key).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(key).toBeLessThan(2n ** 63n);
    expect(advisoryKey("reconcile", "c1")).toBe(key.toString());
  });

  it("keeps scopes apart, and parts apart (not a plain concatenation)", () => {
    expect(advisoryKey("reconcile", "c1")).not.toBe(advisoryKey("inventory", "c1"));
    expect(advisoryKey("quota", "ab", "c")).not.toBe(advisoryKey("quota", "a", "bc"));
  });
});
