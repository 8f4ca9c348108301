import { describe, expect, it } from "vitest";
import { LineRing, LineSearch, matchToShow } from "./log-store";

const lines = (...texts: string[]) => texts.map((text) => ({ text }));

describe("the viewer's ring of lines", () => {
  it("keeps the newest lines in order and numbers them from the first ever appended", () => {
    const ring = new LineRing<number>(3);
    [1, 2].forEach((n) => ring.push(n));
    expect([...ring]).toEqual([1, 2]);
    expect([ring.first, ring.end, ring.length]).toEqual([0, 2, 2]);
    [3, 4, 5].forEach((n) => ring.push(n));
    expect([...ring]).toEqual([3, 4, 5]);
    expect([ring.first, ring.end, ring.length]).toEqual([2, 5, 3]);
    expect([ring.at(0), ring.at(2), ring.at(3), ring.at(-1)]).toEqual([3, 5, undefined, undefined]);
  });
});

describe("search in the viewer", () => {
  it("finds matches case-insensitively and scans only what was appended since", () => {
    const ring = new LineRing<{ text: string }>(10);
    lines("GET /a 200", "POST /b 500", "get /c 200").forEach((l) => ring.push(l));
    const search = new LineSearch();
    expect(search.update(ring, "get")).toEqual([0, 2]);
    // a line already scanned is not looked at again: changing it in place does not add a match
    ring.at(1)!.text = "GET /b";
    ring.push({ text: "GET /d" });
    expect(search.update(ring, "get")).toEqual([0, 2, 3]);
    // a new needle scans everything again
    expect(search.update(ring, "/b")).toEqual([1]);
  });

  it("forgets matches whose lines were dropped, and starts again for a new ring", () => {
    const ring = new LineRing<{ text: string }>(2);
    const search = new LineSearch();
    lines("x1", "y", "x2").forEach((l) => ring.push(l));
    expect(search.update(ring, "x")).toEqual([2]);
    lines("x3", "x4").forEach((l) => ring.push(l));
    expect(search.update(ring, "x")).toEqual([3, 4]);
    const next = new LineRing<{ text: string }>(2);
    next.push({ text: "x" });
    expect(search.update(next, "x")).toEqual([0]);
  });
});

describe("the match shown when the search text changes", () => {
  it("is the newest match at or above the bottom of the view, so a match in view while following is kept", () => {
    // following: lines 0–99, rows 80–99 in view; matches at 10, 50 and 90
    expect(matchToShow([10, 50, 90], 99)).toBe(2);
    // the newest lines hold none: the nearest one above them, not the oldest
    expect(matchToShow([10, 50], 99)).toBe(1);
    expect(matchToShow([10, 50, 120], 99)).toBe(1);
  });
  it("is the oldest match below when none is at or above the view, and none without matches", () => {
    expect(matchToShow([120, 130], 99)).toBe(0);
    expect(matchToShow([], 99)).toBe(-1);
  });
});
