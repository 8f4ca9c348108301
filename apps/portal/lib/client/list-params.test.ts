import { describe, expect, it } from "vitest";
import { formatSort, listUrl, parseSort } from "./list-params";

describe("list parameters in the URL", () => {
  it("turns the API's sort text into TanStack's sorting state and back", () => {
    expect(parseSort("-createdAt")).toEqual([{ id: "createdAt", desc: true }]);
    expect(parseSort("name")).toEqual([{ id: "name", desc: false }]);
    expect(parseSort(undefined)).toEqual([]);
    expect(formatSort([{ id: "phase", desc: true }])).toBe("-phase");
    expect(formatSort([])).toBe("");
  });

  it("keeps every set filter, drops emptied ones and page 1, and leaves other parameters alone", () => {
    const url = listUrl("https://portal.test/groups?q=web&phase=FAILED&tab=x", { q: "web", phase: "", dataCentre: "dc1", sort: "-name", page: "1" });
    const params = new URL(url).searchParams;
    expect(Object.fromEntries(params)).toEqual({ q: "web", tab: "x", dataCentre: "dc1", sort: "-name" });
    expect(new URL(listUrl(url, { page: "3" })).searchParams.get("page")).toBe("3");
  });
});
