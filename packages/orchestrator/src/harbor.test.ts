import { describe, expect, it } from "vitest";
import { HarborClient, hasDotSegment, nextPage } from "./harbor";

describe("nextPage (Harbor's Link header, RFC 8288)", () => {
  it("answers the next page's path under /api/v2.0, whatever else the header lists", () => {
    expect(nextPage('</api/v2.0/projects/p/repositories/r/artifacts?page=2&page_size=100>; rel="next"')).toBe(
      "/projects/p/repositories/r/artifacts?page=2&page_size=100",
    );
    expect(nextPage('</api/v2.0/robots?page=1&page_size=100>; rel="prev" , </api/v2.0/robots?page=3&page_size=100>; rel="next"')).toBe(
      "/robots?page=3&page_size=100",
    );
    // Behind a path prefix, and as an absolute URL: the path only (the client's own host is kept).
    expect(nextPage('<https://elsewhere.test/harbor/api/v2.0/robots?page=2>; rel="next"')).toBe("/robots?page=2");
  });
  it("answers null on the last page", () => {
    expect(nextPage(null)).toBeNull();
    expect(nextPage('</api/v2.0/robots?page=1>; rel="prev"')).toBeNull();
  });
});

describe("paths with dot segments", () => {
  it("are recognised, with their percent-encoded forms, and only as whole segments", () => {
    for (const p of ["/projects/p/repositories/r/artifacts/../tags/..", "/a/./b", "/a/%2e%2E/b", "/a/.%2e", "/a/..?q=1"])
      expect(hasDotSegment(p), p).toBe(true);
    for (const p of ["/projects/p/repositories/r/artifacts/1.0/tags/1.0", "/a/..b/c", "/a/b?q=../..", "/a/...", "/a/v1..2"])
      expect(hasDotSegment(p), p).toBe(false);
  });
  it("are never sent: deleting the tag '..' would otherwise delete the repository", async () => {
    // No server answers here; the refusal comes before any connection.
    const harbor = new HarborClient("http://127.0.0.1:9", "admin", "x");
    await expect(harbor.deleteTag("shop", "web", "..")).rejects.toThrow(/"\." or "\.\." segment/);
    await expect(harbor.deleteTag("shop", "web", ".")).rejects.toThrow(/segment/);
  });
});
