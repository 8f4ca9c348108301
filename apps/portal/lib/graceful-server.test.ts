import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { serveGracefully, type GracefulServer } from "./graceful-server";
import { isLongLivedStream } from "./shutdown-settings";

let served: GracefulServer | undefined;
afterEach(() => served?.server.closeAllConnections());

/** A GET on a kept-alive connection, resolving to its status and whole body. */
function get(port: number, path: string, agent?: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

describe("serveGracefully", () => {
  it("on shutdown, answers the request in flight in full, refuses new connections and exits 0", async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const inFlight = new Promise<void>((r) => (started = r));
    const exits: number[] = [];
    served = await serveGracefully(
      async (req, res) => {
        if (req.url === "/slow") {
          started();
          res.write("first half, ");
          await released;
        }
        res.end("the end");
      },
      { port: 0, host: "127.0.0.1", graceSeconds: 10, isStream: () => false, handleSignals: false, log: () => {}, exit: (code) => exits.push(code) },
    );
    const port = served.port;
    const agent = new http.Agent({ keepAlive: true });
    // An idle kept-alive connection, which the drain closes at once.
    expect(await get(port, "/", agent)).toEqual({ status: 200, body: "the end" });
    const slow = get(port, "/slow");
    await inFlight;
    const began = Date.now();
    const drained = served.shutdown();
    await expect(get(port, "/")).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect(exits).toEqual([]);
    release();
    expect(await slow).toEqual({ status: 200, body: "first half, the end" });
    await drained;
    expect(exits).toEqual([0]);
    expect(Date.now() - began).toBeLessThan(5_000);
    agent.destroy();
  });

  it("ends a stream after a moment, and cuts what still runs at the deadline", async () => {
    const exits: number[] = [];
    let aborted = false;
    let arrived = 0;
    let bothArrived!: () => void;
    const both = new Promise<void>((r) => (bothArrived = r));
    served = await serveGracefully(
      (req, res) => {
        if (++arrived === 2) bothArrived();
        res.write("line\n"); // never ends by itself
        res.once("close", () => (aborted = req.url === "/logs"));
        return new Promise(() => undefined); // nor does its handler
      },
      {
        port: 0,
        host: "127.0.0.1",
        graceSeconds: 3,
        streamMomentMs: 200,
        isStream: (req) => req.url === "/logs",
        handleSignals: false,
        log: () => {},
        exit: (code) => exits.push(code),
      },
    );
    const stream = get(served.port, "/logs").catch((e: Error) => e);
    const stuck = get(served.port, "/stuck").catch((e: Error) => e);
    await both;
    const began = Date.now();
    await served.shutdown();
    const took = Date.now() - began;
    expect(aborted).toBe(true);
    expect(await stream).toBeInstanceOf(Error); // cut: the client sees the stream end early
    expect(await stuck).toBeInstanceOf(Error);
    expect(exits).toEqual([0]);
    expect(took).toBeGreaterThanOrEqual(2_900);
    expect(took).toBeLessThan(4_500);
  });
});

describe("isLongLivedStream", () => {
  it("knows the log endpoints for streams", () => {
    expect(isLongLivedStream({ method: "GET", url: "/api/v1/systems/shop/applications/web/groups/blue/logs?follow=true" })).toBe(true);
    expect(isLongLivedStream({ method: "GET", url: "/api/v1/systems/shop/applications/web/builds/7/logs" })).toBe(true);
    expect(isLongLivedStream({ method: "GET", url: "/api/v1/systems/shop/applications/web/groups/blue" })).toBe(false);
    expect(isLongLivedStream({ method: "POST", url: "/api/v1/systems/shop/applications/web/groups/blue/logs" })).toBe(false);
  });
});
