import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, isIsoInstant, keysetPage, keysetSkip } from "./keyset";

describe("keyset pagination", () => {
  it("round-trips a cursor, and refuses one of another list or shape with 400 naming cursor", () => {
    const c = { key: "2026-01-02T03:04:05.678Z", id: "42" };
    expect(decodeCursor(encodeCursor(c), () => true)).toEqual(c);
    for (const bad of ["", "%%%", Buffer.from("null").toString("base64url"), Buffer.from('{"key":1,"id":"1"}').toString("base64url")])
      expect(() => decodeCursor(bad, () => true), bad).toThrow(expect.objectContaining({ status: 400, fields: { cursor: "is not one this list returned" } }));
    expect(() => decodeCursor(encodeCursor(c), (x) => x.id === "7")).toThrow(expect.objectContaining({ status: 400 }));
  });

  it("gives the next cursor only when a row beyond the page was fetched", () => {
    const rows = [1, 2, 3].map((n) => ({ n }));
    const full = keysetPage(rows, 2, (r) => ({ key: String(r.n), id: String(r.n) }));
    expect(full.items).toEqual([{ n: 1 }, { n: 2 }]);
    expect(decodeCursor(full.nextCursor!, () => true)).toEqual({ key: "2", id: "2" });
    expect(keysetPage(rows, 3, (r) => ({ key: String(r.n), id: "" })).nextCursor).toBeNull();
  });

  it("skips nothing after a cursor; page is an offset only without one", () => {
    expect(keysetSkip({ page: 3, pageSize: 5 })).toBe(10);
    expect(keysetSkip({ page: 3, pageSize: 5, cursor: "x" })).toBe(0);
  });

  it("reads timestamps only as toISOString writes them", () => {
    expect(isIsoInstant("2026-01-02T03:04:05.678Z")).toBe(true);
    for (const bad of ["2026", "2026-01-02", "not a date", "2026-13-02T03:04:05.678Z"]) expect(isIsoInstant(bad), bad).toBe(false);
  });
});
