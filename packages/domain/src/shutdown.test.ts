import { describe, expect, it } from "vitest";
import { shutdownGraceSeconds } from "./shutdown";

describe("shutdownGraceSeconds", () => {
  it("is 25 s by default, under Kubernetes' 30, and refuses nonsense", () => {
    expect(shutdownGraceSeconds({})).toBe(25);
    expect(shutdownGraceSeconds({ CAPSTAN_SHUTDOWN_GRACE_SECONDS: "10" })).toBe(10);
    expect(shutdownGraceSeconds({ CAPSTAN_SHUTDOWN_GRACE_SECONDS: "2.5" })).toBe(2.5);
    for (const bad of ["ten", "0", "-1", "3601"])
      expect(() => shutdownGraceSeconds({ CAPSTAN_SHUTDOWN_GRACE_SECONDS: bad })).toThrow(/CAPSTAN_SHUTDOWN_GRACE_SECONDS/);
  });
});
