import { describe, it, expect } from "vitest";
import { mergePatch, strategicMerge, jsonPatch, serverSideApply } from "./patch.js";

describe("patches", () => {
  it("merge patch replaces lists and deletes nulls", () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null }, l: [3] })).toEqual({ a: 1, b: { d: 3 }, l: [3] });
  });
  it("strategic merge merges containers/env by name", () => {
    const pod = {
      spec: {
        containers: [
          { name: "a", image: "x", env: [{ name: "A", value: "1" }] },
          { name: "b", image: "y" },
        ],
      },
    };
    const out = strategicMerge(pod, { spec: { containers: [{ name: "a", image: "x2", env: [{ name: "B", value: "2" }] }] } }) as typeof pod;
    expect(out.spec.containers).toEqual([
      {
        name: "a",
        image: "x2",
        env: [
          { name: "A", value: "1" },
          { name: "B", value: "2" },
        ],
      },
      { name: "b", image: "y" },
    ]);
    const del = strategicMerge(pod, { spec: { containers: [{ name: "b", $patch: "delete" }] } }) as typeof pod;
    expect(del.spec.containers.map((c: { name: string }) => c.name)).toEqual(["a"]);
    expect(strategicMerge({ spec: { template: { a: 1, b: 2 } } }, { spec: { template: { $patch: "replace", c: 3 } } })).toEqual({
      spec: { template: { c: 3 } },
    });
  });
  it("json patch", () => {
    expect(
      jsonPatch({ a: [1] }, [
        { op: "add", path: "/a/-", value: 2 },
        { op: "add", path: "/b", value: 1 },
      ]),
    ).toEqual({ a: [1, 2], b: 1 });
    expect(() => jsonPatch({ a: 1 }, [{ op: "test", path: "/a", value: 2 }])).toThrow();
  });
  it("server-side apply prunes removed fields and detects conflicts", () => {
    const applied = new Map();
    let o = serverSideApply(undefined, { metadata: { name: "x", labels: { a: "1", b: "2" } }, data: { k: "v" } }, "m1", false, applied);
    o = serverSideApply(o, { metadata: { name: "x", labels: { a: "1" } }, data: { k: "v" } }, "m1", false, applied);
    expect(o.metadata.labels).toEqual({ a: "1" });
    expect(() => serverSideApply(o, { metadata: { name: "x" }, data: { k: "other" } }, "m2", false, applied)).toThrow(/conflict with "m1"/);
    o = serverSideApply(o, { metadata: { name: "x" }, data: { k: "other" } }, "m2", true, applied);
    expect((o.data as { k: string }).k).toBe("other");
  });
});
