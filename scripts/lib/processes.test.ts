// The supervision of `npm start`'s children, with real child processes.
import { describe, expect, it } from "vitest";
import { prefixed, startChild, supervise } from "./processes";

describe("supervise", () => {
  it("restarts a child that keeps dying, after growing delays, until stopped", async () => {
    const restarts: { delay: number; at: number }[] = [];
    const s = await supervise("crasher", process.execPath, ["-e", "process.exit(1)"], process.env, {
      initialDelayMs: 100,
      maxDelayMs: 400,
      onRestart: (_n, delay, code) => {
        expect(code).toBe(1);
        restarts.push({ delay, at: Date.now() });
      },
    });
    await expect.poll(() => restarts.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    await s.stop();
    expect(restarts.slice(0, 5).map((r) => r.delay)).toEqual([100, 200, 400, 400, 400]);
    // The delays were waited: each restart came at least its delay after the one before.
    for (let i = 1; i < 5; i++) expect(restarts[i]!.at - restarts[i - 1]!.at).toBeGreaterThanOrEqual(restarts[i - 1]!.delay);
    const count = restarts.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(restarts.length).toBe(count); // stopped: no more restarts
  });

  it("stops a healthy child with SIGTERM and does not restart it", async () => {
    let restarted = 0;
    const s = await supervise("sleeper", process.execPath, ["-e", "setInterval(() => {}, 1000)"], process.env, {
      initialDelayMs: 50,
      onRestart: () => restarted++,
    });
    const child = s.child!;
    expect(child.exitCode).toBeNull();
    await s.stop();
    expect(child.signalCode).toBe("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    expect(restarted).toBe(0);
    expect(s.child).toBeUndefined();
  });

  it("a child killed from outside is started again", async () => {
    const s = await supervise("victim", process.execPath, ["-e", "setInterval(() => {}, 1000)"], process.env, { initialDelayMs: 50 });
    const first = s.child!;
    first.kill("SIGKILL");
    await expect.poll(() => s.child && s.child !== first, { timeout: 5_000 }).toBe(true);
    await s.stop();
  });
});

describe("startChild's output", () => {
  it("names the child once, also on lines where the child named itself", async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => void lines.push(line);
    try {
      const child = await startChild("worker", process.execPath, ["-e", 'console.log("[worker] running"); console.error("plain")'], process.env);
      await new Promise((r) => child.once("exit", r));
      await expect.poll(() => lines.length).toBe(2);
    } finally {
      console.log = log;
    }
    expect(lines.sort()).toEqual(["[worker] plain", "[worker] running"]);
    expect(prefixed("gateway", "[gateway] terminals on ws://0.0.0.0:3001/terminal")).toBe("[gateway] terminals on ws://0.0.0.0:3001/terminal");
  });
});
