// The README's REST table and "More" list what a newcomer needs: every load-balancer route (a path under
// `…/load-balancers`, its folders' [param] written {param}) and the guide docs/load-balancers.md.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const API = path.join(root, "apps/portal/app/api/v1");

/** Every API path with a route.ts under `dir` (relative to /api/v1), folders' [x] as {x}. */
function routes(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name === "route.ts") found.push(`/${path.relative(API, d).replace(/\[(\w+)\]/g, "{$1}")}`);
    }
  };
  walk(path.join(API, dir));
  return found.sort();
}

describe("README", () => {
  it("lists every load-balancer route in its REST table", () => {
    const lb = routes("systems/[system]/applications/[app]/load-balancers");
    expect(lb.length).toBeGreaterThan(5);
    const table = readme.slice(readme.indexOf("## REST API"), readme.indexOf("\n## ", readme.indexOf("## REST API") + 1));
    for (const route of lb) {
      // A row names a route in full or from `…/load-balancers` on.
      const tail = `…${route.slice(route.indexOf("/load-balancers"))}`;
      expect(table.includes(`\`${route}\``) || table.includes(`\`${tail}\``), route).toBe(true);
    }
  });
  it("lists docs/load-balancers.md under More", () => {
    expect(readme.slice(readme.indexOf("## More"))).toContain("`docs/load-balancers.md`");
  });
});
