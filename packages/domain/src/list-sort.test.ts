import { describe, expect, it } from "vitest";
import { parseSortText, sortParam, sortText } from "./list-sort";
import { parseInput } from "./validation";
import { z } from "zod";
import { DomainError } from "./errors";

describe("sortParam", () => {
  const Query = z.strictObject({ sort: sortParam(["name", "createdAt"], "name") });

  it("reads a field ascending, '-field' descending, and defaults when absent", () => {
    expect(parseInput(Query, { sort: "createdAt" }, "query").sort).toEqual({ field: "createdAt", desc: false });
    expect(parseInput(Query, { sort: "-createdAt" }, "query").sort).toEqual({ field: "createdAt", desc: true });
    expect(parseInput(Query, {}, "query").sort).toEqual({ field: "name", desc: false });
  });

  it("refuses a field outside the whitelist with a 400 naming sort", () => {
    for (const bad of ["passwordHash", "--name", "name-", "", "+name"]) {
      let error: unknown;
      try {
        parseInput(Query, { sort: bad }, "query");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(400);
      expect(Object.keys((error as DomainError).fields)).toEqual(["sort"]);
    }
  });

  it("round-trips between text and parts", () => {
    for (const s of ["name", "-name"]) expect(sortText(parseSortText(s))).toBe(s);
  });
});
