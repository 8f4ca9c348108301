// When a drain is over: its time is up, or nothing of it is in flight; never for a backend in or out.
import { describe, expect, it } from "vitest";
import { drainEnded, nextDrainEnd, type StoredState } from "./drains";

const since = new Date("2026-11-30T10:00:00Z");
const at = (seconds: number) => new Date(since.getTime() + seconds * 1000);
const draining: StoredState = { state: "DRAINING", drainSeconds: 30, stateSince: since };

describe("a drain", () => {
  it("ends when its drainSeconds have passed, not before, while work is in flight or unknown", () => {
    expect(drainEnded(draining, at(29.9), undefined)).toBe(false);
    expect(drainEnded(draining, at(29.9), 2)).toBe(false);
    expect(drainEnded(draining, at(30), undefined)).toBe(true);
    expect(drainEnded(draining, at(31), 2)).toBe(true);
  });

  it("ends at once when nothing is in flight, or when it was given no time", () => {
    expect(drainEnded(draining, at(1), 0)).toBe(true);
    expect(drainEnded({ ...draining, drainSeconds: null }, since, undefined)).toBe(true);
  });

  it("never ends what is not draining", () => {
    for (const state of ["IN", "OUT"] as const) expect(drainEnded({ ...draining, state }, at(100), 0)).toBe(false);
  });

  it("the next look is at the earliest end of the drains running", () => {
    expect(nextDrainEnd([{ ...draining, state: "IN" }])).toBeUndefined();
    expect(nextDrainEnd([draining, { ...draining, drainSeconds: 5 }, { ...draining, state: "OUT", drainSeconds: 1 }])).toEqual(at(5));
  });
});
