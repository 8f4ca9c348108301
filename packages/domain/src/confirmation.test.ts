import { expect, it } from "vitest";
import { needsTypedCount } from "./confirmation";

it("asks for the count typed only when more than a handful of nodes go offline", () => {
  expect(needsTypedCount("OFFLINE", 5)).toBe(false);
  expect(needsTypedCount("OFFLINE", 6)).toBe(true);
  expect(needsTypedCount("OFFLINE", 20_000)).toBe(true);
  // other moves do not drain
  expect(needsTypedCount("MAINTENANCE", 6)).toBe(false);
  expect(needsTypedCount("ONLINE", 100)).toBe(false);
});
