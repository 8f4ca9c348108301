// Every watch runs on the framework: the inventory runs exactly the watches the controllers declare, each
// once per cluster however many controllers read it, and no watch module is left undeclared.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { InventoryWatch } from "../inventory/watch";
import { watchesOf } from "./controller";
import { controllers, INVENTORY_WATCHES } from "./index";

const isWatch = (v: unknown): v is InventoryWatch =>
  typeof v === "object" && v !== null && "kind" in v && "path" in v && typeof (v as { start?: unknown }).start === "function";

describe("the controllers' watches", () => {
  it("are what the inventory runs, each once, a watch shared by controllers (pods: groups, load balancers and nodes) included", () => {
    const defined = controllers();
    expect(defined.filter((c) => c.watches.some((w) => w.kind === "pods")).map((c) => c.task)).toEqual([
      "reconcile-group",
      "reconcile-load-balancer",
      "reconcile-node",
    ]);
    expect(watchesOf(defined).map((w) => w.kind)).toEqual(["deployments", "horizontalpodautoscalers", "pods", "events", "nodes"]);
    expect(INVENTORY_WATCHES).toEqual(watchesOf(defined));
  });

  it("leave no watch module of the inventory undeclared", async () => {
    const dir = path.join(import.meta.dirname, "../inventory");
    const modules = (await readdir(dir)).filter((f) => f.endsWith(".ts") && !f.includes(".test."));
    const found: InventoryWatch[] = [];
    for (const f of modules) found.push(...Object.values((await import(path.join(dir, f))) as Record<string, unknown>).filter(isWatch));
    expect(found.map((w) => w.kind).sort()).toEqual(["deployments", "events", "horizontalpodautoscalers", "nodes", "pods"]);
    for (const w of found) expect(INVENTORY_WATCHES, w.kind).toContain(w);
  });
});
