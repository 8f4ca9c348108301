import { describe, expect, it } from "vitest";
import { Backoff } from "./backoff";

describe("informer restart backoff (client-go's reflector)", () => {
  it("starts at 800 ms and doubles up to 30 s", () => {
    const b = new Backoff(
      undefined,
      () => 0,
      () => 0,
    );
    expect(Array.from({ length: 9 }, () => b.next())).toEqual([800, 1_600, 3_200, 6_400, 12_800, 25_600, 30_000, 30_000, 30_000]);
  });

  it("adds up to as much again at random (jitter 1.0)", () => {
    const top = new Backoff(
      undefined,
      () => 0.999_999,
      () => 0,
    );
    expect(top.next()).toBe(1_599); // below 2 × base, as the random range [0, 1) is
    const delays = Array.from({ length: 200 }, () => new Backoff().next());
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(800);
    expect(Math.max(...delays)).toBeLessThan(1_600);
    expect(new Set(delays).size).toBeGreaterThan(50);
  });

  it("starts again from 800 ms after two minutes without a failure", () => {
    let t = 0;
    const b = new Backoff(
      undefined,
      () => 0,
      () => t,
    );
    for (let i = 0; i < 5; i++) b.next();
    t += 119_000;
    expect(b.next()).toBe(25_600); // still failing: keeps growing
    t += 121_000;
    expect(b.next()).toBe(800);
  });
});
