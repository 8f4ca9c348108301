import { describe, expect, it } from "vitest";
import { z } from "zod";
import { integer, textProblem, textProblems } from "./text";
import { parseInput } from "./validation";

describe("text every field shares", () => {
  it("refuses C0 controls but TAB, LF and CR; DEL; C1; and lone surrogates", () => {
    for (const bad of ["\u0000", "a\u0001", "\u000b", "\u001f", "\u007f", "\u0085", "\u009f", "\ud800", "x\udc00", "\udc00\ud800"])
      expect(textProblem(bad), JSON.stringify(bad)).toBeDefined();
    for (const good of ["", "plain", "tab\tnew\nline\r\n", "😀 emoji", "中文", "\u00a0nbsp", "\u200b"])
      expect(textProblem(good), JSON.stringify(good)).toBeUndefined();
    expect(textProblem("ab\u0000")).toBe("must not contain control characters (U+0000 at position 3)");
  });

  it("names the field at any depth, and the object whose key is bad", () => {
    expect(textProblems({ a: "ok", env: [{ name: "A", value: "x\u0000" }], labels: { "k\u0007": "v" } })).toEqual({
      "env.0.value": "must not contain control characters (U+0000 at position 2)",
      labels: "has a key that must not contain control characters (U+0007 at position 2)",
    });
    expect(textProblems("\u0000")).toEqual({ body: "must not contain control characters (U+0000 at position 1)" });
  });

  it("is checked by parseInput whatever the schema, before it", () => {
    expect(() => parseInput(z.object({ any: z.unknown() }), { any: { deep: ["\u0000"] } })).toThrow(
      expect.objectContaining({ status: 422, fields: { "any.deep.0": expect.stringContaining("U+0000") } }),
    );
    expect(() => parseInput(z.object({ q: z.string() }), { q: "\u0000" }, "query")).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe("whole numbers", () => {
  it("fit PostgreSQL's integer", () => {
    expect(integer().safeParse(2 ** 31 - 1).success).toBe(true);
    expect(integer().safeParse(-(2 ** 31)).success).toBe(true);
    for (const bad of [2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e308, 1.5, Number.NaN, "1"]) expect(integer().safeParse(bad).success, String(bad)).toBe(false);
  });
});
