import { describe, expect, it } from "vitest";
import { KeyedQueue } from "./queue";

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe("KeyedQueue", () => {
  it("runs work for one key in order and for different keys side by side; add() resolves after its attempt", async () => {
    const q = new KeyedQueue(() => undefined);
    const done: string[] = [];
    const slow = (name: string, ms: number) => async () => (await tick(ms), done.push(name));
    const a1 = q.add("pods:a", {}, slow("a1", 40));
    const a2 = q.add("pods:a", {}, slow("a2", 0));
    const b1 = q.add("pods:b", {}, slow("b1", 0));
    await b1;
    expect(done).toEqual(["b1"]); // b did not wait for a
    await Promise.all([a1, a2]);
    expect(done).toEqual(["b1", "a1", "a2"]); // a2 waited for a1
  });

  it("retries a failed write, unless newer work for the key came meanwhile", async () => {
    const failures: string[] = [];
    const q = new KeyedQueue((key) => failures.push(key), 20);
    let attempts = 0;
    await q.add("nodes:/n1", {}, async () => {
      if (++attempts === 1) throw new Error("database away");
    });
    await tick(80);
    expect(attempts).toBe(2);
    let stale = 0;
    await q.add("nodes:/n2", {}, async () => {
      stale++;
      throw new Error("database away");
    });
    await q.add("nodes:/n2", {}, async () => undefined); // newer: the stale one is not retried
    await tick(80);
    expect(stale).toBe(1);
    expect(failures).toEqual(["nodes:/n1", "nodes:/n2"]);
    await q.stop();
  });

  it("starts no queued work once stopped, and stop() resolves when the running work has ended", async () => {
    const q = new KeyedQueue(() => undefined);
    const done: string[] = [];
    void q.add("pods:a", {}, async () => (await tick(40), done.push("running")));
    void q.add("pods:a", {}, async () => done.push("queued"));
    await tick(5);
    await q.stop();
    expect(done).toEqual(["running"]);
    await tick(60);
    expect(done).toEqual(["running"]);
  });
});
