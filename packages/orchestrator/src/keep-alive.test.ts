// The keep-alive race (./keep-alive.ts) against a server that closes every connection, unanswered, when a
// second request arrives on it: what a server whose idle timeout fires just as we reuse a connection does.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClusterClient } from "./cluster-client";
import { policyFromEnv } from "./outbound";

let server: http.Server;
let url = "";
let served = 0;

beforeAll(async () => {
  const requests = new WeakMap<object, number>();
  server = http.createServer((req, res) => {
    const n = requests.get(req.socket) ?? 0;
    requests.set(req.socket, n + 1);
    if (n > 0) return void req.socket.destroy();
    served++;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ kind: "PodList", apiVersion: "v1", metadata: { resourceVersion: String(served) }, items: [] }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const kubeconfig = (server: string) => `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "${server}", insecure-skip-tls-verify: true } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: c, context: { cluster: c, user: u } }]
current-context: c
`;

describe("a kept-alive connection the server closed as we reused it", () => {
  it("a list goes again on a new connection", async () => {
    const client = new ClusterClient(kubeconfig(url), policyFromEnv({ CAPSTAN_OUTBOUND_ALLOW: "127.0.0.1/32" }));
    for (let i = 0; i < 3; i++) expect(await client.list("/api/v1/pods")).toMatchObject({ items: [] });
    expect(served).toBe(3);
  });
});
