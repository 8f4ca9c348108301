// Every option combination the renderers take, checked by the real programs: `haproxy -c` and `nginx -t`.
// A missing program fails (naming the Debian package), it is never skipped.
import { describe, expect, it } from "vitest";
import { checkDataPlaneConfig } from "../../../../tests/data-plane";
import { type DataPlaneSpec, LOAD_BALANCER_ALGORITHMS, type LoadBalancerKindName } from "./data-plane";
import { renderDataPlane } from "./render";
import { exampleSpec, pods } from "./render.fixtures";

/** Option sets, each on top of the example (two groups, three pods); "everything" turns them all on at once. */
const OPTIONS: Record<string, Partial<DataPlaneSpec>> = {
  plain: {},
  sticky: { stickyCookie: "CAPSTAN_SRV" },
  "no X-Forwarded-For": { forwardedFor: false },
  maxconn: { maxConnPerBackend: 100 },
  "health check without a path": { healthCheck: { intervalSeconds: 2, rise: 1, fall: 5 } },
  "health check path with a query": { healthCheck: { path: "/health/ready?full=1&x=%20", intervalSeconds: 10, rise: 3, fall: 2 } },
  "no backends": { backends: [] },
  "weights and an IPv6 pod": {
    backends: [...pods("blue", 2).map((b, i) => ({ ...b, weight: i * 256 })), { ...pods("green", 1, 2)[0]!, address: "fd00::1:2", weight: 1 }],
  },
  drain: {
    drainSeconds: 120,
    backends: [...pods("blue", 1), { ...pods("blue", 1, 1)[0]!, state: "DRAINING" }, { ...pods("green", 1, 2)[0]!, state: "OUT" }],
  },
  "every pod out": { backends: pods("blue", 2).map((b) => ({ ...b, state: "OUT" })) },
  everything: {
    stickyCookie: "S",
    maxConnPerBackend: 1,
    drainSeconds: 5,
    backends: [...pods("blue", 2), { ...pods("green", 1, 2)[0]!, state: "DRAINING", weight: 0 }],
  },
};

const cases = (["haproxy", "nginx"] as LoadBalancerKindName[]).flatMap((kind) =>
  (["HTTP", "TCP"] as const).flatMap((protocol) =>
    LOAD_BALANCER_ALGORITHMS[kind].flatMap((algorithm) =>
      Object.entries(OPTIONS).map(([option, over]) => ({ kind, protocol, algorithm, option, spec: exampleSpec(kind, { protocol, algorithm, ...over }) })),
    ),
  ),
);

describe("every rendered configuration passes the real program's check", () => {
  // Concurrently (vitest's maxConcurrency, 5): each check is a short process mostly waiting on the machine.
  it.concurrent.for(cases)("$kind $protocol $algorithm: $option", async ({ kind, spec }, { expect }) => {
    const { text } = renderDataPlane(spec);
    const { ok, output } = await checkDataPlaneConfig(kind, text);
    expect(ok, `${output}\n${text}`).toBe(true);
    // haproxy -c also warns about what it would ignore: a rendered option it ignores is a renderer bug.
    expect(output).not.toMatch(/\[WARNING\]|\[ALERT\]/);
  });

  it("a broken configuration fails the check (the check can fail)", async () => {
    const text = renderDataPlane(exampleSpec("haproxy")).text.replace("balance roundrobin", "balance nosuchthing");
    expect((await checkDataPlaneConfig("haproxy", text)).ok).toBe(false);
    const nginx = renderDataPlane(exampleSpec("nginx")).text.replace("stub_status;", "stub_status");
    expect((await checkDataPlaneConfig("nginx", nginx)).ok).toBe(false);
  });
});
