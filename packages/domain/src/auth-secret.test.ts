import { describe, expect, it } from "vitest";
import { authSecretProblem } from "./auth-secret";

describe("authSecretProblem", () => {
  it("refuses missing, placeholder, short and low-variety secrets", () => {
    expect(authSecretProblem(undefined)).toMatch(/not set/);
    expect(authSecretProblem("  ")).toMatch(/not set/);
    // The value docker-compose.yml used to ship.
    expect(authSecretProblem("change-me-to-a-long-random-string")).toMatch(/placeholder/);
    expect(authSecretProblem("CHANGEME")).toMatch(/placeholder/);
    expect(authSecretProblem("changemechangemechangemechangeme")).toMatch(/placeholder/);
    expect(authSecretProblem("my-changeme-secret-for-production-2024")).toMatch(/placeholder/);
    expect(authSecretProblem("k2Jx9QpL0vN4")).toMatch(/shorter than 32/);
    expect(authSecretProblem("a".repeat(64))).toMatch(/too few/);
    expect(authSecretProblem("abababababababababababababababababab")).toMatch(/too few/);
  });

  it("accepts a random secret such as `openssl rand -base64 32`", () => {
    expect(authSecretProblem("q3XyE1rNf8mKz0bPa7VwLc2HdTg5Js9UoYi4Rl6Bn+E=")).toBeNull();
    expect(authSecretProblem("fleet-bench-auth-secret-0123456789abcdef")).toBeNull();
  });
});
