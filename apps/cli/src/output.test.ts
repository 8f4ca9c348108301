import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { age, fields, serialise, table } from "./output";

describe("table", () => {
  const columns = [
    { header: "name", cell: (r: { n: string; v?: number }) => r.n },
    { header: "Value", cell: (r: { n: string; v?: number }) => r.v },
  ];

  it("aligns columns as kubectl does: upper-case headers, three spaces apart, no trailing spaces, <none> for nothing", () => {
    expect(table(columns, [{ n: "web-dc1", v: 3 }, { n: "api" }])).toBe("NAME      VALUE\nweb-dc1   3\napi       <none>\n");
  });

  it("counts wide characters twice so that Chinese display names keep the columns aligned", () => {
    const out = table(
      [
        { header: "A", cell: (r: string) => r },
        { header: "B", cell: () => "x" },
      ],
      ["零售", "ab"],
    );
    expect(out).toBe("A      B\n零售   x\nab     x\n");
  });

  it("keeps a cell on one line", () => {
    expect(table([{ header: "A", cell: () => "one\ntwo" }], [1])).toBe("A\none two\n");
  });
});

describe("fields", () => {
  it("aligns labels", () => {
    expect(
      fields([
        ["Name", "web"],
        ["Data centre", "dc1"],
        ["Status", null],
      ]),
    ).toBe("Name:          web\nData centre:   dc1\nStatus:        <none>\n");
  });
});

describe("serialise", () => {
  const value = { items: [{ name: "shop", count: 2, tags: ["a"] }] };
  it("writes JSON and YAML that read back as the same value", () => {
    expect(JSON.parse(serialise(value, "json"))).toEqual(value);
    expect(parse(serialise(value, "yaml"))).toEqual(value);
    expect(serialise(value, "json").endsWith("}\n")).toBe(true);
  });
});

describe("age", () => {
  const now = Date.parse("2026-11-30T12:00:00Z");
  it.each([
    ["2026-11-30T11:59:15Z", "45s"],
    ["2026-11-30T11:55:00Z", "5m"],
    ["2026-11-30T09:00:00Z", "3h"],
    ["2026-11-27T12:00:00Z", "3d"],
    ["2023-11-30T12:00:00Z", "3y"],
  ])("%s is %s ago", (iso, expected) => expect(age(iso, now)).toBe(expected));
  it("says <unknown> for no time", () => expect(age(null, now)).toBe("<unknown>"));
});
