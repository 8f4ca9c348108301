import { describe, expect, it } from "vitest";
import { keptForReplay } from "./idempotency";

describe("keptForReplay", () => {
  it("keeps successes: the work is done and a repeat must not redo it", () => {
    for (const status of [200, 201, 202, 204]) expect(keptForReplay(status), String(status)).toBe(true);
  });
  it("keeps no refusal or failure, so a repeat runs again and sees the state as it is then", () => {
    for (const status of [400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 502, 503]) expect(keptForReplay(status), String(status)).toBe(false);
  });
});
