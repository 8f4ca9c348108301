// The outbound policy, at the address level and on real connections: Harbor calls, the cluster probe,
// raw cluster requests and watches are refused before any byte reaches a denied address, redirects are
// not followed, and what people are told carries neither bodies nor a port-scanner's distinctions.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Watch } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClusterClient } from "./cluster-client";
import { HarborClient } from "./harbor";
import { loadKubeconfig, NOT_KUBERNETES, probeCluster } from "./kube";
import { deniedRange, destinationProblem, guardAgent, type OutboundPolicy, podPolicyFromEnv, policyFromEnv, resolveAllowed } from "./outbound";

const none: OutboundPolicy = policyFromEnv({});
const loopback: OutboundPolicy = policyFromEnv({ CAPSTAN_OUTBOUND_ALLOW: "127.0.0.1/32" });

describe("which addresses the policy allows", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["169.254.169.254", "linkLocal"],
    ["::ffff:169.254.169.254", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["100.100.100.200", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["64:ff9b::a9fe:a9fe", "rfc6052"],
    ["2002:a9fe:a9fe::1", "6to4"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
  ])("denies %s (%s) by default", (address, range) => {
    expect(deniedRange(address, none)).toBe(range);
  });

  it("allows public and private unicast by default, and denies private ranges when told to", () => {
    for (const a of ["8.8.8.8", "2606:4700::1111", "10.1.2.3", "172.16.0.1", "192.168.1.1", "fd12::1"]) expect(deniedRange(a, none)).toBeNull();
    const strict = policyFromEnv({ CAPSTAN_OUTBOUND_DENY_PRIVATE: "1" });
    expect(deniedRange("10.1.2.3", strict)).toBe("private");
    expect(deniedRange("fd12::1", strict)).toBe("uniqueLocal");
    expect(deniedRange("8.8.8.8", strict)).toBeNull();
  });

  it("lets the operator's allow-list open exactly its CIDRs, IPv4-mapped forms included", () => {
    expect(deniedRange("127.0.0.1", loopback)).toBeNull();
    expect(deniedRange("::ffff:127.0.0.1", loopback)).toBeNull();
    expect(deniedRange("127.0.0.2", loopback)).toBe("loopback");
    expect(deniedRange("169.254.169.254", loopback)).toBe("linkLocal");
    expect(() => policyFromEnv({ CAPSTAN_OUTBOUND_ALLOW: "127.0.0.1/32,localhost" })).toThrow(/CAPSTAN_OUTBOUND_ALLOW: "localhost"/);
  });

  it("opens the pod networks (CAPSTAN_POD_NETWORKS) to pod connections only", () => {
    const env = { CAPSTAN_OUTBOUND_ALLOW: "127.0.0.1/32", CAPSTAN_POD_NETWORKS: "127.16.0.0/16" };
    expect(deniedRange("127.16.4.2", podPolicyFromEnv(env))).toBeNull();
    expect(deniedRange("127.0.0.1", podPolicyFromEnv(env))).toBeNull();
    expect(deniedRange("127.17.0.1", podPolicyFromEnv(env))).toBe("loopback");
    expect(deniedRange("127.16.4.2", policyFromEnv(env))).toBe("loopback");
    expect(() => podPolicyFromEnv({ CAPSTAN_POD_NETWORKS: "127.16.0.0/99" })).toThrow(/CAPSTAN_POD_NETWORKS: "127.16.0.0\/99"/);
  });

  it("checks every address a name resolves to", async () => {
    const answers = async () => [
      { address: "10.0.0.7", family: 4 },
      { address: "169.254.169.254", family: 4 },
    ];
    await expect(resolveAllowed("two.example", none, answers)).rejects.toThrow("two.example is resolved to 169.254.169.254, a link-local address");
    await expect(resolveAllowed("localhost", none)).rejects.toThrow(/localhost is resolved to .* a loopback address/);
  });

  it("refuses URLs with credentials, a query string or a fragment, and denied destinations, at registration", async () => {
    expect(await destinationProblem("https://u:p@harbor.example", none)).toContain("user name or password");
    expect(await destinationProblem("https://harbor.example/?x=1", none)).toContain("query string");
    expect(await destinationProblem("https://harbor.example/#x", none)).toContain("fragment");
    expect(await destinationProblem("http://169.254.169.254/latest/meta-data", none)).toContain("a link-local address");
    expect(await destinationProblem("http://[::ffff:127.0.0.1]:8080", none)).toContain("loopback");
    expect(await destinationProblem("http://localhost:8080", none)).toContain("loopback");
    expect(await destinationProblem("http://localhost:8080", loopback)).toBeNull();
  });
});

/** A plain HTTP server on 127.0.0.1 that counts what reaches it and answers as told. */
async function server(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: string[] = [];
  const s = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    answer(req, res);
  });
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return {
    seen,
    port: (s.address() as AddressInfo).port,
    close: () =>
      new Promise((r) => {
        s.close(r);
        s.closeAllConnections();
      }),
  };
}

const kubeconfig = (server: string) => `clusters: [{name: c, cluster: {server: "${server}", insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: bearer-secret}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`;

describe("connections", () => {
  let target: Awaited<ReturnType<typeof server>>;
  let elsewhere: Awaited<ReturnType<typeof server>>;
  beforeAll(async () => {
    elsewhere = await server((_req, res) => res.end("{}"));
    target = await server((req, res) => {
      if (req.url?.includes("redirect")) return res.writeHead(302, { location: `http://127.0.0.1:${elsewhere.port}/steal` }).end();
      if (req.url?.includes("huge")) return res.writeHead(200, { "content-type": "application/json" }).end(Buffer.alloc(9 * 1024 * 1024, 0x20));
      if (req.url?.includes("broken")) return res.writeHead(500, { "content-type": "text/html" }).end("<h1>SECRET-BODY of the target</h1>");
      if (req.url === "/version") return res.writeHead(200, { "content-type": "text/html" }).end("<html>not kubernetes</html>");
      res.writeHead(200, { "content-type": "application/json" }).end("[]");
    });
  });
  afterAll(async () => {
    await target.close();
    await elsewhere.close();
  });

  it("refuses Harbor calls to loopback by name and by address before sending anything, and allows them when allow-listed", async () => {
    for (const host of ["localhost", "127.0.0.1", "[::ffff:127.0.0.1]"]) {
      const harbor = new HarborClient(`http://${host}:${target.port}`, "admin", "harbor-pw", none);
      await expect(harbor.listTags("p", "r")).rejects.toThrow(/loopback address, which the outbound policy does not allow/);
    }
    expect(target.seen).toEqual([]);
    expect(await new HarborClient(`http://localhost:${target.port}`, "admin", "harbor-pw", loopback).listTags("p", "r")).toEqual([]);
    expect(target.seen).toEqual(["GET /api/v2.0/projects/p/repositories/r/artifacts?with_tag=true&page_size=100&sort=-push_time"]);
  });

  it("connects to the address it checked: a name that rebinds to a denied address after the check is refused", async () => {
    let calls = 0;
    const rebinding = async () => [{ address: calls++ === 0 ? "127.0.0.1" : "127.0.0.2", family: 4 }];
    const url = new URL(`http://rebind.test:${target.port}/`);
    expect(await destinationProblem(url.href, loopback, rebinding)).toBeNull();
    const before = target.seen.length;
    const agent = guardAgent(new http.Agent(), url, loopback, rebinding);
    const outcome = await new Promise<string>((resolve) => http.get(url, { agent }, () => resolve("connected")).on("error", (e) => resolve(e.message)));
    expect(outcome).toContain("rebind.test is resolved to 127.0.0.2, a loopback address");
    expect(target.seen.length).toBe(before);
  });

  it("does not follow a Harbor redirect, and tells the status without the body", async () => {
    const harbor = new HarborClient(`http://127.0.0.1:${target.port}`, "admin", "harbor-pw", loopback);
    await expect(harbor.listTags("redirect", "r")).rejects.toThrow("the registry answered 302");
    expect(elsewhere.seen).toEqual([]);
    const broken = await harbor.listTags("broken", "r").catch((e: Error) => e.message);
    expect(broken).toBe("the registry answered 500 to listing broken/r");
    await expect(harbor.listTags("huge", "r")).rejects.toThrow("the registry's answer exceeded 8388608 bytes");
  });

  it("refuses the probe, raw requests and watches to a denied cluster before sending anything", async () => {
    const before = target.seen.length;
    const { config } = loadKubeconfig(kubeconfig(`http://localhost:${target.port}`), none);
    await expect(probeCluster(config, 2_000)).rejects.toThrow("the cluster's address is not allowed by the outbound policy");
    const client = new ClusterClient(kubeconfig(`http://127.0.0.1:${target.port}`), none);
    await expect(client.patchNode("n1", { metadata: {} })).rejects.toThrow(/loopback address/);
    await expect(client.list("/api/v1/pods", { limit: 500 })).rejects.toThrow(/loopback address/);
    const watchError = await new Promise<unknown>((resolve) => {
      void new Watch(config).watch("/api/v1/pods", {}, () => undefined, resolve).catch(resolve);
    });
    expect(String(watchError)).toMatch(/loopback address/);
    const metadata = loadKubeconfig(kubeconfig("http://169.254.169.254"), loopback).config;
    await expect(probeCluster(metadata, 2_000)).rejects.toThrow("not allowed by the outbound policy");
    expect(target.seen.length).toBe(before);
  });

  it("tells the same thing for a closed port, an open port that is not Kubernetes, and a timeout", async () => {
    const closed = await server(() => undefined);
    await closed.close();
    const silent = await server(() => undefined); // accepts and never answers
    const outcomes = await Promise.all(
      [closed.port, target.port, silent.port].map((port) =>
        probeCluster(loadKubeconfig(kubeconfig(`http://127.0.0.1:${port}`), loopback).config, 1_000).catch((e: Error) => e.message),
      ),
    );
    expect(outcomes).toEqual([NOT_KUBERNETES, NOT_KUBERNETES, NOT_KUBERNETES]);
    await silent.close();
  });
});
