import { describe, expect, it } from "vitest";
import { parseLogLine } from "./log-lines";

describe("log lines as the API sends them", () => {
  it("splits the pod (merged), the kubelet's timestamp and the text, spaces in the text kept", () => {
    expect(parseLogLine("web-a 2026-11-30T13:47:39.123456789Z GET /  200", true)).toEqual({
      pod: "web-a",
      timestamp: "2026-11-30T13:47:39.123456789Z",
      text: "GET /  200",
    });
    expect(parseLogLine("2026-11-30T13:47:39.123456789Z hello", false)).toEqual({ pod: undefined, timestamp: "2026-11-30T13:47:39.123456789Z", text: "hello" });
  });
  it("a line without a timestamp (cut by limitBytes) is all text", () => {
    expect(parseLogLine("2026-11-30T13:4", false)).toEqual({ pod: undefined, text: "2026-11-30T13:4" });
    expect(parseLogLine("web-a", true)).toEqual({ pod: "web-a", text: "" });
  });
});
