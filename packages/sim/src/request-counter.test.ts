import { describe, expect, it } from "vitest";
import { harborRequestKey, kubeRequestKey, RequestCounter } from "./request-counter.js";

const u = (s: string) => new URL(s, "https://x");

describe("request keys", () => {
  it("names the verb and resource of a Kubernetes API call", () => {
    expect(kubeRequestKey("PATCH", u("/apis/apps/v1/namespaces/shop/deployments/web?fieldManager=capstan"))).toBe("PATCH deployments");
    expect(kubeRequestKey("GET", u("/api/v1/pods?watch=true&resourceVersion=5"))).toBe("WATCH pods");
    expect(kubeRequestKey("GET", u("/api/v1/namespaces/shop"))).toBe("GET namespaces");
    expect(kubeRequestKey("GET", u("/api/v1/nodes/n1/status"))).toBe("GET nodes");
    expect(kubeRequestKey("GET", u("/version"))).toBe("GET /version");
  });
  it("leaves names out of Harbor paths", () => {
    expect(harborRequestKey("GET", u("/api/v2.0/projects/shop/robots"))).toBe("GET projects/*/robots");
    expect(harborRequestKey("HEAD", u("/v2/shop/web/manifests/1.0"))).toBe("HEAD oci");
  });
});

describe("RequestCounter", () => {
  it("counts by key", () => {
    const c = new RequestCounter();
    c.count("GET pods");
    const before = c.snapshot();
    c.count("GET pods");
    c.count("PATCH deployments");
    expect(Object.fromEntries(before)).toEqual({ "GET pods": 1 });
    expect(Object.fromEntries(c.snapshot())).toEqual({ "GET pods": 2, "PATCH deployments": 1 });
  });
});
