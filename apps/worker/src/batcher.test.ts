import { describe, expect, it } from "vitest";
import { batcher } from "./batcher";

describe("batcher", () => {
  it("writes 500 items as batches of at most 200, each item resolved with its own result", async () => {
    const sizes: number[] = [];
    const add = batcher(async (xs: number[]) => (sizes.push(xs.length), xs.map((x) => x * 2)), { max: 200, waitMs: 10, concurrency: 2 });
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => add(i)));
    expect(results).toEqual(Array.from({ length: 500 }, (_, i) => i * 2));
    expect(sizes).toEqual([200, 200, 100]);
  });

  it("writes a lone item after the wait, and no more batches at once than allowed", async () => {
    let running = 0,
      most = 0;
    const add = batcher(
      async (xs: string[]) => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        return xs;
      },
      { max: 2, waitMs: 10, concurrency: 2 },
    );
    expect(await add("alone")).toBe("alone");
    await Promise.all(Array.from({ length: 12 }, (_, i) => add(String(i))));
    expect(most).toBe(2);
  });

  it("rejects every item of a failed batch and only those", async () => {
    const add = batcher(async (xs: string[]) => (xs.includes("bad") ? Promise.reject(new Error("no connection")) : xs), { max: 2, waitMs: 10, concurrency: 1 });
    const outcomes = await Promise.allSettled(["a", "bad", "c", "d"].map(add));
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "fulfilled", "fulfilled"]);
  });
});
