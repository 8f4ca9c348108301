import { expect, it } from "vitest";
import { parseDuration } from "./duration";

it("parses durations and refuses anything else", () => {
  expect(parseDuration("1d")).toBe(86_400_000);
  expect(parseDuration("90m")).toBe(5_400_000);
  expect(parseDuration("2w")).toBe(1_209_600_000);
  expect(parseDuration("0d")).toBeUndefined();
  expect(parseDuration("1y")).toBeUndefined();
  expect(parseDuration("soon")).toBeUndefined();
});
