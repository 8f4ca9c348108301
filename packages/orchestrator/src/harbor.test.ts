import { describe, expect, it } from "vitest";
import { nextPage } from "./harbor";

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
