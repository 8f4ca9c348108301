import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./retry";

describe("retryDelayMs", () => {
  it("doubles from one second up to a minute", () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 7, 8, 20].map((a) => Math.round(retryDelayMs(a, top) / 1000))).toEqual([1, 2, 4, 8, 60, 60, 60]);
  });

  it("spreads retries over the upper half of each step", () => {
    expect(retryDelayMs(3, () => 0)).toBe(2_000);
    // The top of the range stays below the next step (Math.random is below 1, rounding must not reach it).
    expect(retryDelayMs(3, () => 0.999_999)).toBe(3_999);
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3)));
    expect(delays.size).toBeGreaterThan(10);
    for (const d of delays) expect(d >= 2_000 && d < 4_000).toBe(true);
  });
});
