import { describe, expect, it } from "vitest";
import { createLogger, formatLogLine, isRequestId, logFormatFrom, logLevelFrom } from "./structured-log";

const time = new Date("2026-12-01T00:00:00.000Z");

describe("structured log lines", () => {
  it("writes one JSON object per line, leaving out undefined fields", () => {
    const line = formatLogLine("json", { time, level: "info", name: "portal", msg: "request", fields: { requestId: "r1", status: 200, actor: undefined } });
    expect(line.endsWith("\n")).toBe(true);
    expect(JSON.parse(line)).toEqual({ time: "2026-12-01T00:00:00.000Z", level: "info", name: "portal", msg: "request", requestId: "r1", status: 200 });
  });

  it("never writes a field named like a credential", () => {
    for (const format of ["json", "text"] as const) {
      const line = formatLogLine(format, {
        time,
        level: "warn",
        name: "w",
        msg: "m",
        fields: { token: "cap_x", authorization: "Bearer y", sessionCookie: "z" },
      });
      expect(line).not.toMatch(/cap_x|Bearer y|=z\b/);
      expect(line).toContain("[redacted]");
    }
  });

  it("writes a readable line for a terminal, the level only when not info, odd values quoted", () => {
    expect(formatLogLine("text", { time, level: "info", name: "worker", msg: "reconcile", fields: { kind: "reconcile-group", result: "success" } })).toBe(
      "[worker] reconcile kind=reconcile-group result=success\n",
    );
    expect(formatLogLine("text", { time, level: "error", name: "worker", msg: "failed", fields: { error: "no route to host" } })).toBe(
      '[worker] error: failed error="no route to host"\n',
    );
  });

  it("drops lines below its level", () => {
    const lines: string[] = [];
    const log = createLogger({ name: "t", format: "json", level: "info", write: (l) => lines.push(l), now: () => time });
    log.debug("quiet");
    log.info("said");
    log.error("said too");
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["said", "said too"]);
  });

  it("adds its context's fields to every line, a line's own fields winning", () => {
    const lines: string[] = [];
    const log = createLogger({ name: "t", format: "json", level: "info", write: (l) => lines.push(l), context: () => ({ requestId: "r1", kind: "a" }) });
    log.info("m", { kind: "b" });
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId: "r1", kind: "b" });
  });

  it("reads its format and level from the environment, refusing what it does not know", () => {
    expect(logFormatFrom(undefined, true)).toBe("text");
    expect(logFormatFrom(undefined, false)).toBe("json");
    expect(logFormatFrom("json", true)).toBe("json");
    expect(() => logFormatFrom("yaml", false)).toThrow(/CAPSTAN_LOG_FORMAT/);
    expect(logLevelFrom(undefined)).toBe("info");
    expect(logLevelFrom("debug")).toBe("debug");
    expect(() => logLevelFrom("verbose")).toThrow(/CAPSTAN_LOG_LEVEL/);
  });
});

describe("request ids", () => {
  it("keeps UUIDs, ULIDs and hex ids; refuses empty, long, spaced or control text", () => {
    for (const ok of ["0b6f1c3e-6a4e-4f0e-9a57-2b1f7c2b0d11", "01JD2Q7F3M8X1V9K4T6R2B5N0C", "4bf92f3577b34da6a3ce929d0e0e4736", "lb:1.2"])
      expect(isRequestId(ok)).toBe(true);
    for (const bad of [null, undefined, "", "a".repeat(129), "a b", "x\ny", "<script>", "é"]) expect(isRequestId(bad)).toBe(false);
  });
});
