// The traffic meter: requests over a sliding 15-second window, per pod and container.
import { describe, it, expect } from "vitest";
import { TrafficMeter } from "./traffic.js";

describe("TrafficMeter", () => {
  it("gives requests per second over the last 15 s and forgets older ones", () => {
    const m = new TrafficMeter();
    const t0 = 1_000_000_000_000;
    for (let i = 0; i < 30; i++) m.record("uid-1", "app", t0 + i * 100);
    m.record("uid-1", "sidecar", t0);
    expect(m.rate("uid-1", "app", t0 + 3000)).toBe(2);
    expect(m.rate("uid-1", "sidecar", t0 + 3000)).toBeCloseTo(1 / 15);
    expect(m.rate("uid-2", "app", t0)).toBe(0);
    // 15 s after the last request's second, nothing is left
    expect(m.rate("uid-1", "app", t0 + 14_000)).toBe(2);
    expect(m.rate("uid-1", "app", t0 + 18_000)).toBe(0);
    // 15 s on, the first second (10 requests) has left the window and its slot starts again from zero
    m.record("uid-1", "app", t0 + 15_000);
    expect(m.rate("uid-1", "app", t0 + 15_000)).toBeCloseTo(21 / 15);
    m.forget("uid-1");
    expect(m.rate("uid-1", "app", t0 + 15_000)).toBe(0);
  });
});
