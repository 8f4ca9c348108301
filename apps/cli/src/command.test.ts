import { describe, expect, it } from "vitest";
import { normaliseServer } from "./client";
import { duration, wholeNumber } from "./command";
import { exitCodeOf } from "./commands/exec";

describe("normaliseServer", () => {
  it.each([
    ["http://localhost:3000", "http://localhost:3000"],
    ["http://localhost:3000/", "http://localhost:3000"],
    ["https://capstan.example.com/api/v1/", "https://capstan.example.com"],
    ["https://example.com/capstan/", "https://example.com/capstan"],
    ["capstan.example.com", "https://capstan.example.com"],
  ])("%s is kept as %s", (raw, kept) => expect(normaliseServer(raw)).toBe(kept));

  it.each([
    ["ftp://x", "must use http or https"],
    ["https://user:pw@x", "must not hold a user name or password"],
    ["https://x/?a=1", "must not hold a query"],
    ["http://", "is not a server address"],
  ])("refuses %s", (raw, why) => expect(() => normaliseServer(raw)).toThrow(why));
});

describe("duration", () => {
  it.each([
    ["30", 30_000],
    ["500ms", 500],
    ["30s", 30_000],
    ["5m", 300_000],
    ["1h30m", 5_400_000],
  ])("%s is %d ms", (text, ms) => expect(duration(text, "--since", "logs")).toBe(ms));
  it.each(["", "5 minutes", "1d", "-5s", "1.5h", "5m junk"])("refuses %j", (text) =>
    expect(() => duration(text, "--since", "logs")).toThrow("invalid duration"),
  );
});

describe("wholeNumber", () => {
  it("reads whole numbers within bounds and nothing else", () => {
    expect(wholeNumber("4", "--replicas", "groups scale")).toBe(4);
    expect(wholeNumber(undefined, "--replicas", "groups scale")).toBeUndefined();
    expect(() => wholeNumber("-1", "--replicas", "groups scale")).toThrow('invalid value "-1" for --replicas');
    expect(() => wholeNumber("1e3", "--replicas", "groups scale")).toThrow("must be a whole number");
    expect(() => wholeNumber("0", "--limit", "systems ls", 1)).toThrow("of at least 1");
  });
});

describe("exitCodeOf", () => {
  it("reads Kubernetes' exec Status as kubectl does", () => {
    expect(exitCodeOf({ status: "Success" })).toEqual({ code: 0 });
    expect(exitCodeOf({ status: "Failure", reason: "NonZeroExitCode", details: { causes: [{ reason: "ExitCode", message: "3" }] } })).toEqual({ code: 3 });
    expect(exitCodeOf({ status: "Failure", message: "container not found" })).toEqual({ code: 1, message: "container not found" });
    expect(exitCodeOf(null)).toEqual({ code: 1, message: "the command failed" });
  });
});
