import { describe, expect, it } from "vitest";
import { formatInstant, formatRelative, isTimeZone } from "./time";

describe("formatInstant", () => {
  const at = new Date("2026-11-30T01:12:34.567Z");
  it("shows the instant in the viewer's zone, labelled with that zone's offset", () => {
    expect(formatInstant(at, "Asia/Shanghai")).toBe("2026-11-30 09:12 UTC+8");
    expect(formatInstant(at, "UTC")).toBe("2026-11-30 01:12 UTC");
    expect(formatInstant(at, "America/St_Johns", { seconds: true })).toBe("2026-11-29 21:42:34 UTC-3:30");
  });

  it("follows the zone's daylight-saving offset at that instant, with a 24-hour clock", () => {
    expect(formatInstant(new Date("2026-07-01T22:05:00Z"), "Europe/Berlin")).toBe("2026-07-02 00:05 UTC+2");
    expect(formatInstant(new Date("2026-01-01T22:05:00Z"), "Europe/Berlin")).toBe("2026-01-01 23:05 UTC+1");
  });
});

describe("formatRelative", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  it("words the distance in the largest whole unit, in the reader's language", () => {
    expect(formatRelative(new Date("2026-11-30T11:55:30Z"), now, "en")).toBe("4 minutes ago");
    expect(formatRelative(new Date("2026-11-30T11:55:30Z"), now, "zh-CN")).toBe("4分钟前");
    expect(formatRelative(new Date("2026-11-29T11:00:00Z"), now, "en")).toBe("yesterday");
    expect(formatRelative(now, now, "en")).toBe("now");
  });
});

describe("isTimeZone", () => {
  it("accepts IANA zones and refuses anything else", () => {
    expect(["Asia/Shanghai", "UTC", "America/New_York"].map(isTimeZone)).toEqual([true, true, true]);
    expect(["Mars/Olympus", "", undefined, "x".repeat(65)].map(isTimeZone)).toEqual([false, false, false, false]);
  });
});
