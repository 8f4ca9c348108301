// The terminal gateway against real PostgreSQL and the simulator: a developer's ticket opens a shell in a
// group's pod through the cluster's exec, `hostname` answers the pod's name, the session is audited with its
// bytes; tickets are single-use and expire; a viewer gets no ticket; an idle session is closed.
import type { Sim } from "@capstan/sim";
import { createGroup, createTerminalTicket } from "@capstan/usecases";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../packages/usecases/src/testing/fixtures";
import { admitNodes, simulatedWorld, waitFor } from "../../worker/src/testing";
import { startWorker } from "../../worker/src/worker";
import { CLOSE_IDLE, type Gateway, startGateway } from "./gateway";

let sim: Sim;
let world: World;
let worker: Awaited<ReturnType<typeof startWorker>>;
let gateway: Gateway;
let pod: string;

beforeAll(async () => {
  const env = await simulatedWorld({ timings: { startMs: 0, probeScale: 0 } });
  ({ sim, world } = env);
  worker = await startWorker(env.db, env.url, { concurrency: 2, inventoryEveryMs: 500, resyncMinutes: 0, log: () => {} });
  await admitNodes(world, 6, 60_000);
  await createGroup(world.as.developer, "shop", "storefront", { name: "web", dataCentre: "dc1", imageTag: "1.0", replicas: 1, cpu: "50m", memory: "64Mi" });
  const running = await waitFor(
    "a running web pod",
    () => world.db.pod.findMany({ where: { group: { name: "web" }, phase: "Running" } }),
    (ps) => ps.length === 1,
    30_000,
  );
  pod = running[0]!.name;
  gateway = await startGateway({ db: world.db, port: 0, host: "127.0.0.1" });
}, 120_000);
afterAll(async () => {
  await gateway?.close();
  await worker?.stop();
  await sim?.stop();
});

const ticket = (as: keyof World["as"] = "developer") => createTerminalTicket(world.as[as], "shop", "storefront", "web", pod, {});
const stdin = (s: string) => Buffer.concat([Buffer.from([0]), Buffer.from(s)]);

/** Opens the gateway's WebSocket with a ticket; resolves to the socket, or to the HTTP status of a refusal. */
function connect(t: string, port = gateway.port): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/terminal?ticket=${encodeURIComponent(t)}`);
    ws.on("open", () => resolve(ws));
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("error", () => undefined);
  });
}

/** Everything shown on the terminal (channels 1 and 2), the final status (channel 3), and the close code. */
function transcript(ws: WebSocket) {
  const t = { out: "", status: undefined as { status?: string } | undefined, code: undefined as number | undefined };
  ws.on("message", (d: Buffer) => {
    if (d[0] === 1 || d[0] === 2) t.out += d.subarray(1).toString();
    if (d[0] === 3) t.status = JSON.parse(d.subarray(1).toString()) as { status?: string };
  });
  const closed = new Promise<void>((resolve) =>
    ws.on("close", (code) => {
      t.code = code;
      resolve();
    }),
  );
  return { t, closed };
}

describe("the terminal gateway", () => {
  it("runs hostname in the pod through the cluster's exec and audits the session with its bytes", async () => {
    const { ticket: tk } = await ticket();
    const ws = await connect(tk);
    expect(ws).toBeInstanceOf(WebSocket);
    const { t, closed } = transcript(ws as WebSocket);
    await waitFor(
      "the prompt",
      async () => t.out,
      (o) => o.includes("/ # "),
      10_000,
    );
    (ws as WebSocket).send(Buffer.concat([Buffer.from([4]), Buffer.from(JSON.stringify({ Width: 120, Height: 40 }))]));
    (ws as WebSocket).send(stdin("hostname\r"));
    await waitFor(
      "the pod's name",
      async () => t.out,
      (o) => o.includes(`hostname\r\n${pod}\r\n`),
      10_000,
    );
    (ws as WebSocket).send(stdin("exit\r"));
    await closed;
    expect(t.status).toEqual({ metadata: {}, status: "Success" });
    expect(t.code).toBe(1000);

    const session = await waitFor(
      "the session closed",
      () => world.db.terminalSession.findFirst({ where: { pod }, orderBy: { createdAt: "desc" } }),
      (s) => Boolean(s?.endedAt),
      10_000,
    );
    expect(session!.endReason).toBe("exit");
    expect(Number(session!.bytesIn)).toBe("hostname\r".length + "exit\r".length);
    expect(Number(session!.bytesOut)).toBe(Buffer.byteLength(t.out));
    const events = await world.db.auditEvent.findMany({ where: { action: { startsWith: "terminal." }, targetName: pod }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorEmail, e.targetId])).toEqual([
      ["terminal.start", "dev@capstan.test", `shop/storefront/web/${pod}`],
      ["terminal.end", "dev@capstan.test", `shop/storefront/web/${pod}`],
    ]);
    expect(events[1]!.after).toMatchObject({ session: session!.id, container: "storefront", bytesIn: 14, bytesOut: Buffer.byteLength(t.out), reason: "exit" });
  });

  it("a ticket opens one session only, and none once expired", async () => {
    const { ticket: tk } = await ticket();
    const first = await connect(tk);
    expect(first).toBeInstanceOf(WebSocket);
    expect(await connect(tk)).toBe(401);
    (first as WebSocket).close();

    const late = await ticket();
    await world.db.terminalSession.updateMany({ where: { startedAt: null }, data: { ticketExpiresAt: new Date(Date.now() - 1) } });
    expect(await connect(late.ticket)).toBe(401);
    expect(await connect("not-a-ticket")).toBe(401);
  });

  it("a viewer and ops get no ticket; a developer losing the right before redeeming is refused", async () => {
    await expect(ticket("viewer")).rejects.toMatchObject({ status: 403, reason: "forbidden_open_terminal" });
    await expect(ticket("ops")).rejects.toMatchObject({ status: 403, reason: "forbidden_open_terminal" });
    const { ticket: tk } = await ticket();
    const dev = world.as.developer.actor.userId;
    const shop = await world.db.system.findUniqueOrThrow({ where: { name: "shop" } });
    await world.db.systemMember.delete({ where: { systemId_userId: { systemId: shop.id, userId: dev } } });
    try {
      expect(await connect(tk)).toBe(403);
    } finally {
      await world.db.systemMember.create({ data: { systemId: shop.id, userId: dev } });
    }
  });

  it("closes a session without input after the idle timeout", async () => {
    const idle = await startGateway({ db: world.db, port: 0, host: "127.0.0.1", idleMs: 500 });
    try {
      const ws = await connect((await ticket()).ticket, idle.port);
      const { t, closed } = transcript(ws as WebSocket);
      await closed;
      expect(t.code).toBe(CLOSE_IDLE);
      await waitFor(
        "the idle session recorded",
        () => world.db.terminalSession.findFirst({ where: { pod }, orderBy: { createdAt: "desc" } }),
        (s) => s?.endReason === "idle",
        5_000,
      );
    } finally {
      await idle.close();
    }
  });
});
