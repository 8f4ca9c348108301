// Every audit action Capstan writes reads as a sentence in both languages, and links to its object.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { translator } from "@/messages";
import { ACTIVITY_SENTENCES, activitySentence, type ActivityEvent } from "./activity-sentence";

const root = path.resolve(import.meta.dirname, "../../../..");
const sources = (dir: string): string[] =>
  readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes("node_modules") && !f.includes("testing/"))
    .map((f) => readFileSync(path.join(root, dir, f), "utf8"));

/** The actions written by use cases, the worker and the operator's scripts: `action: "…"`, and sign-in's `"auth.…"`. */
const written = new Set(
  ["packages/usecases/src", "apps/worker/src", "scripts"]
    .flatMap(sources)
    .flatMap((text) => [...[...text.matchAll(/action: "([a-z][\w.-]*)"/g)].map((m) => m[1]!), ...[...text.matchAll(/"(auth\.[a-z-]+)"/g)].map((m) => m[1]!)]),
);

const sample = (action: string): ActivityEvent => ({
  action,
  actor: "lin@capstan.test",
  actorName: "Lin Lead",
  targetId: "shop/storefront/web",
  targetName: "shop in dc1",
  after: { status: "OFFLINE", to: "OFFLINE", replicas: 3 },
});

describe("activity sentences", () => {
  it("finds the actions the code writes", () => {
    expect(written).toContain("quota-request.approve");
    expect(written).toContain("auth.sign-in-failed");
    expect(written).toContain("system.delete.project-kept");
    expect(written.size).toBeGreaterThan(50);
  });

  it("has a sentence for every action written, and none for an action nothing writes", () => {
    expect([...written].filter((a) => !(a in ACTIVITY_SENTENCES)).sort()).toEqual([]);
    expect(Object.keys(ACTIVITY_SENTENCES).filter((a) => !written.has(a))).toEqual([]);
  });

  it("fills every placeholder in both languages", () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const t = translator(locale);
      for (const action of written) {
        const s = activitySentence(sample(action));
        expect(s.key).not.toBe("activity.unknown");
        expect(t(s.key, s.params), `${locale} ${action}`).not.toMatch(/[{}]/);
      }
    }
  });

  it("reads the quota request approval as people say it, linking to the request", () => {
    const s = activitySentence({ ...sample("quota-request.approve"), targetId: "6bdcb0cf-1d2e-4c59-9a8e-0f4b1c2d3e4f" });
    expect(translator("en")(s.key, s.params)).toBe("Lin Lead approved a quota request for shop in dc1");
    expect(translator("zh-CN")(s.key, s.params)).toBe("Lin Lead 批准了 shop 在 dc1 的配额申请");
    expect(s.href).toBe("/quotas?request=6bdcb0cf-1d2e-4c59-9a8e-0f4b1c2d3e4f");
  });

  it("links groups and nodes to their pages, and a removed object to its parent", () => {
    expect(activitySentence({ ...sample("group.scale"), targetName: "web" }).href).toBe("/systems/shop/applications/storefront/groups/web");
    expect(activitySentence({ ...sample("group.delete"), targetName: "web" }).href).toBe("/systems/shop/applications/storefront");
    expect(activitySentence({ ...sample("node.transition"), targetId: "dc1-a/node-7", targetName: "node-7" }).href).toBe("/nodes/dc1-a/node-7");
    const scaled = activitySentence({ ...sample("group.scale"), targetName: "web" });
    expect(translator("en")(scaled.key, scaled.params)).toBe("Lin Lead scaled group web of shop/storefront to 3 pods");
  });

  it("shows an unknown action's code, and the actor's e-mail when no name is known", () => {
    const s = activitySentence({ ...sample("build.start"), actorName: null, targetName: "api" });
    expect(s).toMatchObject({ key: "activity.unknown", href: null });
    expect(translator("en")(s.key, s.params)).toBe("lin@capstan.test: build.start api");
  });
});
