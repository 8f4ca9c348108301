import { describe, expect, it } from "vitest";
import { drainProgress, trafficShares } from "./traffic";

const m = (weight: number, state: "IN" | "DRAINING" | "OUT" = "IN") => ({ group: `g${weight}`, weight, state });

describe("trafficShares", () => {
  it("splits by weight among members that are in", () => {
    expect(trafficShares([m(3), m(1)])).toEqual([75, 25]);
    expect(trafficShares([m(100), m(100)])).toEqual([50, 50]);
    expect(trafficShares([m(256)])).toEqual([100]);
  });

  it("gives draining, out and zero-weight members nothing", () => {
    expect(trafficShares([m(3), m(1, "DRAINING"), m(5, "OUT"), m(0)])).toEqual([100, 0, 0, 0]);
  });

  it("is all 0 when no member takes traffic, as when the last one is taken out", () => {
    expect(trafficShares([m(1, "OUT"), m(0)])).toEqual([0, 0]);
    expect(trafficShares([])).toEqual([]);
  });

  it("rounds by the largest remainder so shares add up to 100", () => {
    expect(trafficShares([m(1), m(1), m(1)])).toEqual([34, 33, 33]);
    expect(trafficShares([m(2), m(1), m(1), m(1)])).toEqual([40, 20, 20, 20]);
    const s = trafficShares([m(7), m(11), m(13), m(17), m(19)]);
    expect(s.reduce((a, b) => a + b, 0)).toBe(100);
    // 7/67 = 10.45 %, 11/67 = 16.42 %, 13/67 = 19.40 %, 17/67 = 25.37 %, 19/67 = 28.36 %: two points left, to the two largest remainders
    expect(s).toEqual([11, 17, 19, 25, 28]);
  });

  it("counts a weight being typed that is not a whole number in 0–256 as 0", () => {
    expect(trafficShares([m(1), { group: "x", weight: Number.NaN, state: "IN" }, m(257), m(1.5)])).toEqual([100, 0, 0, 0]);
  });
});

describe("drainProgress", () => {
  const since = "2026-11-30T10:00:00.000Z";
  const at = (seconds: number) => Date.parse(since) + seconds * 1000;

  it("goes from 0 to 1 over drainSeconds, counting the seconds left up", () => {
    expect(drainProgress(since, 30, at(0))).toEqual({ fraction: 0, secondsLeft: 30 });
    expect(drainProgress(since, 30, at(7.5))).toEqual({ fraction: 0.25, secondsLeft: 23 });
    expect(drainProgress(since, 30, at(29.9)).secondsLeft).toBe(1);
  });

  it("is done once the time has passed", () => {
    expect(drainProgress(since, 30, at(30))).toEqual({ fraction: 1, secondsLeft: 0 });
    expect(drainProgress(since, 30, at(300))).toEqual({ fraction: 1, secondsLeft: 0 });
  });

  it("shows 0 when the browser's clock is behind the server's, and is done at once without a limit", () => {
    expect(drainProgress(since, 30, at(-5))).toEqual({ fraction: 0, secondsLeft: 30 });
    expect(drainProgress(since, 0, at(0))).toEqual({ fraction: 1, secondsLeft: 0 });
    expect(drainProgress(since, null, at(0))).toEqual({ fraction: 1, secondsLeft: 0 });
  });
});
