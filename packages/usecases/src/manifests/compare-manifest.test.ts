import type { Manifest } from "@capstan/domain";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compareManifest } from "./compare-manifest";

const secret: Manifest = { apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "n" }, type: "Opaque", data: { a: "c2VjcmV0", b: "b3RoZXI=" } };

describe("compareManifest", () => {
  it("an object missing in the cluster is drift, with no live YAML", () => {
    const c = compareManifest({ apiVersion: "v1", kind: "Namespace", metadata: { name: "n" } }, null);
    expect({ live: c.live, drift: c.drift }).toEqual({ live: null, drift: true });
    expect(c.diff).toContain("-  name: n");
  });

  it("never shows a Secret's values, and says which differ", () => {
    const live = { ...secret, metadata: { ...secret.metadata, uid: "u" }, data: { a: "c2VjcmV0", b: "Y2hhbmdlZA==" } };
    const c = compareManifest(secret, live);
    expect(c.drift).toBe(true);
    for (const text of [c.applied, c.live!, c.diff]) for (const value of ["c2VjcmV0", "b3RoZXI=", "Y2hhbmdlZA=="]) expect(text).not.toContain(value);
    expect(parse(c.live!).data).toEqual({ a: "(hidden)", b: "(hidden; differs from what Capstan applies)" });
    expect(compareManifest(secret, { ...secret }).drift).toBe(false);
  });
});
