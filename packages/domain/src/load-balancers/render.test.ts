import { describe, expect, it } from "vitest";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { CONFIG_HASH_ENV, HAPROXY_RUNTIME_PORT, NGINX_STATUS_PORT } from "./data-plane";
import { haproxyBackendName, haproxyServerState } from "./haproxy";
import { nginxBindTo } from "./nginx";
import { renderDataPlane } from "./render";
import { exampleSpec, pods } from "./render.fixtures";

const lines = (text: string) => text.split("\n").map((l) => l.trim());

describe("renderDataPlane: haproxy", () => {
  it("renders a master-worker configuration bound to the pod IP, with the runtime API and the hash", () => {
    const { file, text, hash } = renderDataPlane(exampleSpec("haproxy"));
    expect(file).toBe("haproxy.cfg");
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    const l = lines(text);
    expect(l).not.toContain("daemon");
    expect(l).toContain(`stats socket ipv4@"\${POD_IP}":${HAPROXY_RUNTIME_PORT} level admin`);
    expect(l).toContain(`setenv ${CONFIG_HASH_ENV} ${hash}`);
    expect(l).toContain('bind "${POD_IP}:8080"');
    expect(l).toContain(`backend ${haproxyBackendName({ name: "front" })}`);
    expect(l).toContain("balance roundrobin");
    expect(l).toContain("option httpchk GET /healthz");
    expect(l).toContain("option forwardfor");
    expect(l).toContain("default-server check inter 5s rise 2 fall 3");
    expect(l).toContain("server shop-blue-7d9f8b6c5-xxxx0 10.1.0.1:8080 weight 100");
    expect(l.filter((x) => x.startsWith("server "))).toHaveLength(3);
  });

  it("hashes the structure: without the hash line, servers' weights and states, and hard-stop-after", () => {
    const a = renderDataPlane(exampleSpec("haproxy"));
    const structure = a.text
      .split("\n")
      .filter((l) => !l.includes(CONFIG_HASH_ENV) && !l.includes("hard-stop-after"))
      .map((l) => l.replace(/ weight \d+/, "").replace(/ disabled$/, ""))
      .join("\n");
    expect(a.hash).toBe(bytesToHex(sha256(utf8ToBytes(structure))).slice(0, 16));
    expect(renderDataPlane(exampleSpec("haproxy"))).toEqual(a);
    // What the runtime API sets with no reload leaves the hash as it is…
    const [x, y, z] = exampleSpec("haproxy").backends;
    const runtimeOnly = renderDataPlane(
      exampleSpec("haproxy", {
        drainSeconds: 300,
        backends: [
          { ...x!, weight: 7 },
          { ...y!, state: "DRAINING" },
          { ...z!, state: "OUT" },
        ],
      }),
    );
    expect(runtimeOnly.text).not.toBe(a.text);
    expect(runtimeOnly.hash).toBe(a.hash);
    // …a structural change does not.
    expect(renderDataPlane(exampleSpec("haproxy", { port: 8081 })).hash).not.toBe(a.hash);
    expect(renderDataPlane(exampleSpec("haproxy", { backends: [x!, y!] })).hash).not.toBe(a.hash);
    expect(renderDataPlane(exampleSpec("haproxy", { backends: [x!, y!, { ...z!, address: "10.9.9.9" }] })).hash).not.toBe(a.hash);
    expect(renderDataPlane(exampleSpec("haproxy", { algorithm: "source" })).hash).not.toBe(a.hash);
  });

  it("hashes all of nginx's text but the hash line: every change reloads nginx", () => {
    const a = renderDataPlane(exampleSpec("nginx"));
    const without = a.text
      .split("\n")
      .filter((l) => !l.includes(a.hash))
      .join("\n");
    expect(a.hash).toBe(bytesToHex(sha256(utf8ToBytes(without))).slice(0, 16));
    const [x, ...rest] = exampleSpec("nginx").backends;
    expect(renderDataPlane(exampleSpec("nginx", { backends: [{ ...x!, weight: 7 }, ...rest] })).hash).not.toBe(a.hash);
    expect(renderDataPlane(exampleSpec("nginx", { backends: [{ ...x!, state: "OUT" }, ...rest] })).hash).not.toBe(a.hash);
  });

  it("renders TCP without HTTP options, and each option when asked", () => {
    const tcp = lines(renderDataPlane(exampleSpec("haproxy", { protocol: "TCP", stickyCookie: "SRV", algorithm: "leastconn" })).text);
    expect(tcp).toContain("mode tcp");
    expect(tcp).toContain("balance leastconn");
    expect(tcp.some((x) => /httpchk|forwardfor|cookie/.test(x))).toBe(false);
    const all = lines(renderDataPlane(exampleSpec("haproxy", { stickyCookie: "SRV", maxConnPerBackend: 50, forwardedFor: false })).text);
    expect(all).toContain("cookie SRV insert indirect nocache httponly");
    expect(all).toContain("default-server check inter 5s rise 2 fall 3 maxconn 50");
    expect(all).toContain("server shop-blue-7d9f8b6c5-xxxx0 10.1.0.1:8080 weight 100 cookie shop-blue-7d9f8b6c5-xxxx0");
    expect(all).not.toContain("option forwardfor");
  });

  it("renders DRAINING as weight 0 (maint with a sticky cookie) and OUT as disabled", () => {
    const [a, b, c] = pods("blue", 3);
    const backends = [a!, { ...b!, state: "DRAINING" as const }, { ...c!, state: "OUT" as const }];
    const plain = lines(renderDataPlane(exampleSpec("haproxy", { backends, drainSeconds: 90 })).text);
    expect(plain).toContain(`server ${a!.pod} 10.1.0.1:8080 weight 100`);
    expect(plain).toContain(`server ${b!.pod} 10.1.0.2:8080 weight 0`);
    expect(plain).toContain(`server ${c!.pod} 10.1.0.3:8080 weight 100 disabled`);
    expect(plain).toContain("hard-stop-after 90s");
    const sticky = lines(renderDataPlane(exampleSpec("haproxy", { backends, stickyCookie: "S" })).text);
    expect(sticky).toContain(`server ${b!.pod} 10.1.0.2:8080 weight 100 cookie ${b!.pod} disabled`);
    expect(haproxyServerState("DRAINING", null)).toBe("drain");
    expect(haproxyServerState("DRAINING", "S")).toBe("maint");
    expect(haproxyServerState("OUT", null)).toBe("maint");
    expect(haproxyServerState("IN", "S")).toBe("ready");
  });
});

describe("renderDataPlane: nginx", () => {
  it("renders a whole nginx.conf with an upstream, the status server and the shutdown timeout", () => {
    const { file, text, hash } = renderDataPlane(exampleSpec("nginx", { algorithm: "least_conn", maxConnPerBackend: 20, drainSeconds: 45 }));
    expect(file).toBe("nginx.conf");
    const l = lines(text);
    expect(l.some((x) => /^(pid|user|error_log|daemon) /.test(x))).toBe(false);
    expect(l).toContain("worker_shutdown_timeout 45s;");
    expect(l).toContain("least_conn;");
    expect(l).toContain("server 10.1.0.1:8080 weight=100 max_fails=3 fail_timeout=10s max_conns=20; # shop-blue-7d9f8b6c5-xxxx0 (blue)");
    expect(l).toContain("listen 8080;");
    expect(l).toContain(`listen ${NGINX_STATUS_PORT};`);
    expect(l).toContain(`return 200 "${hash}";`);
    expect(l).toContain("stub_status;");
    expect(l).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    expect(l).not.toContain("stream {");
  });

  it("marks DRAINING, OUT and weight-0 pods down, and uses the server timeout when nothing drains", () => {
    const [a, b, c, d] = pods("blue", 4);
    const backends = [a!, { ...b!, state: "DRAINING" as const }, { ...c!, state: "OUT" as const }, { ...d!, weight: 0 }];
    const l = lines(renderDataPlane(exampleSpec("nginx", { backends })).text);
    expect(l.filter((x) => / down; #/.test(x))).toHaveLength(3);
    expect(l).toContain("worker_shutdown_timeout 30s;");
  });

  it("renders TCP as a stream block, ip_hash as a hash of the client address there", () => {
    const l = lines(renderDataPlane(exampleSpec("nginx", { protocol: "TCP", algorithm: "ip_hash" })).text);
    expect(l).toContain("stream {");
    expect(l).toContain("hash $remote_addr consistent;");
    expect(l).toContain("proxy_pass capstan_backends;");
    expect(lines(renderDataPlane(exampleSpec("nginx", { algorithm: "ip_hash" })).text)).toContain("ip_hash;");
  });

  it("makes sticky sessions from a cookie naming the pod that served, for pods that are in", () => {
    const [a, b] = pods("blue", 2);
    const l = lines(renderDataPlane(exampleSpec("nginx", { stickyCookie: "SRV", backends: [a!, { ...b!, state: "OUT" }] })).text);
    expect(l).toContain("map $cookie_SRV $capstan_upstream {");
    expect(l).toContain('"10.1.0.1:8080" capstan_pod_0;');
    expect(l.some((x) => x.includes("10.1.0.2:8080") && x.includes("capstan_pod"))).toBe(false);
    expect(l).toContain('add_header Set-Cookie "SRV=$upstream_addr; Path=/; HttpOnly" always;');
  });

  it("answers 503 without backends (nginx refuses an empty upstream)", () => {
    const l = lines(renderDataPlane(exampleSpec("nginx", { backends: [] })).text);
    expect(l).toContain("return 503;");
    expect(l.some((x) => x.startsWith("upstream"))).toBe(false);
  });

  it("nginxBindTo binds every listen to an address", () => {
    const text = nginxBindTo(renderDataPlane(exampleSpec("nginx")).text, "127.3.0.7");
    expect(lines(text)).toContain("listen 127.3.0.7:8080;");
    expect(lines(text)).toContain(`listen 127.3.0.7:${NGINX_STATUS_PORT};`);
  });
});

describe("renderDataPlane refuses what a configuration would read as syntax", () => {
  it.each([
    ["an algorithm of the other kind", exampleSpec("nginx", { algorithm: "roundrobin" }), /no algorithm roundrobin/],
    ["a port out of range", exampleSpec("haproxy", { port: 70000 }), /port/],
    ["a path with a space", exampleSpec("haproxy", { healthCheck: { path: "/a b\n  stats", intervalSeconds: 1, rise: 1, fall: 1 } }), /path/],
    ["a path with a quote", exampleSpec("haproxy", { healthCheck: { path: '/a"', intervalSeconds: 1, rise: 1, fall: 1 } }), /path/],
    ["a cookie with a semicolon", exampleSpec("nginx", { stickyCookie: "a;b" }), /cookie/],
    ["a pod name with a newline", exampleSpec("haproxy", { backends: [{ ...pods("b", 1)[0]!, pod: "a\nserver x" }] }), /not a pod name/],
    ["a weight of 257", exampleSpec("haproxy", { backends: [{ ...pods("b", 1)[0]!, weight: 257 }] }), /weight/],
    ["an address that is not an IP", exampleSpec("haproxy", { backends: [{ ...pods("b", 1)[0]!, address: "x; y" }] }), /IP address/],
    ["a pod twice", exampleSpec("haproxy", { backends: [...pods("b", 1), ...pods("b", 1)] }), /twice/],
    ["a timeout of 0", exampleSpec("haproxy", { timeouts: { connectSeconds: 0, clientSeconds: 1, serverSeconds: 1 } }), /timeouts/],
  ])("%s", (_, spec, message) => {
    expect(() => renderDataPlane(spec)).toThrow(message);
  });
});
