import { describe, it, expect } from "vitest";
import { LogClock, rfc3339Nano } from "./log-generator.js";

const run = { pod: "web-1", container: "web", image: "nginx:1.25", startMs: 1_000_000 };

describe("simulated container logs", () => {
  it("prints three startup lines, then one line per 1/rate s; times strictly increase", () => {
    const c = new LogClock(2);
    expect(c.count(run, run.startMs - 1)).toBe(0);
    expect(c.count(run, run.startMs + 2)).toBe(3);
    expect(c.count(run, run.startMs + 3 + 5000)).toBe(13);
    const times = Array.from({ length: 13 }, (_, k) => c.line(run, k)).map((l) => l.ms * 1e6 + l.nanos);
    expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
    for (let k = 0; k < 13; k++) expect(c.count(run, c.timeOf(run, k))).toBeGreaterThan(k);
  });

  it("a new rate applies from its moment on; what was printed before is unchanged", () => {
    const c = new LogClock(1);
    const at = run.startMs + 3 + 10_000;
    const before = Array.from({ length: c.count(run, at) }, (_, k) => c.line(run, k));
    c.setRate(10, at);
    expect(Array.from({ length: before.length }, (_, k) => c.line(run, k))).toEqual(before);
    expect(c.count(run, at + 1000)).toBe(before.length + 10);
    c.setRate(0, at + 1000);
    expect(c.count(run, at + 60_000)).toBe(before.length + 10);
    expect(() => c.setRate(1001)).toThrow(RangeError);
  });

  it("keeps only the newest `ring` lines; an ended run prints nothing more", () => {
    const c = new LogClock(100, 50);
    const ended = { ...run, endMs: run.startMs + 3 + 1000 };
    expect(c.count(ended, ended.endMs + 60_000)).toBe(103);
    expect(c.first(ended, ended.endMs + 60_000)).toBe(53);
  });

  it("timestamps as the kubelet writes them: nine fraction digits", () => {
    expect(rfc3339Nano(Date.UTC(2026, 10, 30, 13, 47, 39, 123), 4567)).toBe("2026-11-30T13:47:39.123004567Z");
  });
});
