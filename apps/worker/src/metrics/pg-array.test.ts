import { describe, expect, it } from "vitest";
import { pgArray } from "./scrape";

describe("pgArray", () => {
  it("quotes and escapes each string, writes numbers as they are", () => {
    expect(pgArray(["web-1", 'a"b', "c\\d", "x,y}"])).toBe('{"web-1","a\\"b","c\\\\d","x,y}"}');
    expect(pgArray([1.5, 0])).toBe("{1.5,0}");
    expect(pgArray([])).toBe("{}");
  });
});
