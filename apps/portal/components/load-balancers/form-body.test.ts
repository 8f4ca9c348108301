import { LoadBalancerCreate, LoadBalancerUpdate } from "@capstan/domain";
import { describe, expect, it } from "vitest";
import { withoutFields } from "@/components/ui/form";
import { createBody, fieldsOfInput, formTextOf, keepEdits, type LoadBalancerSettings, splitDomains, updateBody } from "./form-body";

// The form as it is first shown: the defaults of the issue, nothing optional filled in.
const fresh = {
  name: "front",
  kind: "haproxy",
  replicas: "2",
  dataCentre: "dc1",
  cluster: "",
  port: "80",
  protocol: "HTTP",
  algorithm: "roundrobin",
  healthPath: "",
  healthInterval: "2",
  healthRise: "2",
  healthFall: "3",
  connectSeconds: "5",
  clientSeconds: "30",
  serverSeconds: "30",
  stickyCookie: "",
  forwardedFor: "on",
  maxConnPerBackend: "",
  domains: "",
};

describe("createBody", () => {
  it("sends the issue's example as the API names it", () => {
    const body = createBody({ ...fresh, cluster: "dc1-c1", healthPath: "/healthz", domains: "front.shop.dc1.capstan.internal\n" }, [
      { group: "blue", weight: "3" },
      { group: "green", weight: "1" },
    ]);
    expect(body).toEqual({
      name: "front",
      kind: "haproxy",
      replicas: 2,
      dataCentre: "dc1",
      cluster: "dc1-c1",
      port: 80,
      protocol: "HTTP",
      algorithm: "roundrobin",
      healthCheck: { path: "/healthz", intervalSeconds: 2, rise: 2, fall: 3 },
      timeouts: { connectSeconds: 5, clientSeconds: 30, serverSeconds: 30 },
      stickyCookie: null,
      forwardedFor: true,
      maxConnPerBackend: null,
      domains: ["front.shop.dc1.capstan.internal"],
      members: [
        { group: "blue", weight: 3 },
        { group: "green", weight: 1 },
      ],
    });
    // …and the API's own schema takes it as it is.
    expect(LoadBalancerCreate.safeParse(body).success).toBe(true);
  });

  it("leaves out an empty cluster and health path, so the server picks them", () => {
    const body = createBody(fresh, []);
    expect(body).not.toHaveProperty("cluster");
    expect(body.healthCheck).toEqual({ intervalSeconds: 2, rise: 2, fall: 3 });
    expect(LoadBalancerCreate.safeParse(body).success).toBe(true);
  });

  it("sends a TCP balancer a connect check, no cookie and no X-Forwarded-For", () => {
    const body = createBody({ ...fresh, protocol: "TCP", healthPath: "/healthz", stickyCookie: "SRV" }, []);
    expect(body).toMatchObject({ protocol: "TCP", healthCheck: { path: null }, stickyCookie: null, forwardedFor: false });
  });

  it("sends a number typed badly as typed, so the server's 422 names its field", () => {
    const body = createBody({ ...fresh, port: "8o", replicas: " " }, [{ group: "blue", weight: "" }]);
    expect(body.port).toBe("8o");
    expect(body).not.toHaveProperty("replicas");
    expect(body.members).toEqual([{ group: "blue" }]);
    const refused = LoadBalancerCreate.safeParse(body);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.path.join("."))).toEqual(["port"]);
  });

  it("reads an unticked X-Forwarded-For as off and a filled-in cookie and limit", () => {
    const { forwardedFor: _, ...unticked } = fresh;
    expect(createBody({ ...unticked, stickyCookie: " SRVID ", maxConnPerBackend: "50" }, [])).toMatchObject({
      forwardedFor: false,
      stickyCookie: "SRVID",
      maxConnPerBackend: 50,
    });
  });
});

describe("updateBody", () => {
  // The balancer as the edit began: its page's detail.
  const start: LoadBalancerSettings = {
    kind: "haproxy",
    replicas: 2,
    port: 80,
    protocol: "HTTP",
    algorithm: "roundrobin",
    healthCheck: { path: "/healthz", intervalSeconds: 2, rise: 2, fall: 3 },
    timeouts: { connectSeconds: 5, clientSeconds: 30, serverSeconds: 30 },
    stickyCookie: null,
    forwardedFor: true,
    maxConnPerBackend: null,
    domains: [{ name: "front.shop.dc1.capstan.internal", published: null }],
  };
  const shown = formTextOf(start);

  it("sends nothing but the version when nothing was changed", () => {
    expect(updateBody(shown, start, 7)).toEqual({ version: 7 });
  });

  it("sends only the settings changed (one timeout, not the algorithm the form still shows), at the edit's version", () => {
    // Someone else changed the algorithm meanwhile; this edit changed the client timeout only.
    const body = updateBody({ ...shown, clientSeconds: "60" }, start, 7);
    expect(body).toEqual({ timeouts: { clientSeconds: 60 }, version: 7 });
    expect(LoadBalancerUpdate.safeParse(body).success).toBe(true);
  });

  it("sends a changed kind with its algorithm, and an emptied health path as a connect check", () => {
    const body = updateBody({ ...shown, kind: "nginx", algorithm: "least_conn", healthPath: "" }, start, 7);
    expect(body).toEqual({ kind: "nginx", algorithm: "least_conn", healthCheck: { path: null }, version: 7 });
    expect(LoadBalancerUpdate.safeParse(body).success).toBe(true);
  });
});

describe("keepEdits", () => {
  const start: LoadBalancerSettings = {
    kind: "haproxy",
    replicas: 2,
    port: 80,
    protocol: "HTTP",
    algorithm: "roundrobin",
    healthCheck: { path: "/healthz", intervalSeconds: 2, rise: 2, fall: 3 },
    timeouts: { connectSeconds: 5, clientSeconds: 30, serverSeconds: 30 },
    stickyCookie: null,
    forwardedFor: true,
    maxConnPerBackend: null,
    domains: [{ name: "front.shop.dc1.capstan.internal", published: null }],
  };
  // Meanwhile someone else changed the algorithm, the server timeout, X-Forwarded-For and the client timeout too.
  const now: LoadBalancerSettings = {
    ...start,
    algorithm: "leastconn",
    timeouts: { connectSeconds: 5, clientSeconds: 40, serverSeconds: 90 },
    forwardedFor: false,
  };
  const every = new Set(Object.keys(formTextOf(start)));

  it("keeps the inputs the user changed and shows theirs in every other, so the save sends only the user's changes", () => {
    // This edit: the client timeout and the sticky cookie.
    const typed = { ...formTextOf(start), clientSeconds: "60", stickyCookie: "SRV" };
    const merged = keepEdits(typed, every, start, now);
    expect(merged).toEqual({ ...formTextOf(now), clientSeconds: "60", stickyCookie: "SRV" });
    expect(updateBody(merged, now, 8)).toEqual({ timeouts: { clientSeconds: 60 }, stickyCookie: "SRV", version: 8 });
  });

  it("keeps a checkbox the user changed, unticked (absent from the form's values) or ticked", () => {
    const unticked = { ...formTextOf(start), forwardedFor: undefined };
    expect(keepEdits(unticked, every, start, { ...now, forwardedFor: true }).forwardedFor).toBeUndefined();
    expect(keepEdits(formTextOf(start), every, start, now).forwardedFor).toBeUndefined(); // theirs: off
    expect(
      keepEdits(formTextOf({ ...start, forwardedFor: false }), every, { ...start, forwardedFor: false }, { ...now, forwardedFor: true }).forwardedFor,
    ).toBe("on");
  });

  it("gives inputs not on the form (HTTP-only ones of a TCP balancer) their values", () => {
    const tcp = { ...start, protocol: "TCP" as const, healthCheck: { ...start.healthCheck, path: null } };
    const shown = new Set([...every].filter((k) => !["healthPath", "stickyCookie", "forwardedFor"].includes(k)));
    const typed = Object.fromEntries(Object.entries(formTextOf(tcp)).filter(([k]) => shown.has(k)));
    expect(keepEdits(typed, shown, tcp, { ...tcp, stickyCookie: null })).toEqual(formTextOf(tcp));
  });
});

describe("splitDomains", () => {
  it("takes names one per line, or separated by spaces or commas", () => {
    expect(splitDomains("a.dc1.x\n b.dc1.x, c.dc1.x\n\n")).toEqual(["a.dc1.x", "b.dc1.x", "c.dc1.x"]);
    expect(splitDomains("")).toEqual([]);
    expect(splitDomains(undefined)).toEqual([]);
  });
});

describe("fieldsOfInput, with withoutFields", () => {
  // The refusal of a create with a bad name, interval, algorithm and second member's weight.
  const refused = {
    name: "must be a DNS-1123 label",
    "healthCheck.intervalSeconds": "must be 1–300",
    algorithm: "must be one of …",
    "members.1.weight": "must be 0–256",
  };
  it("drops the reason of the field an input changes, and nothing else", () => {
    expect(withoutFields(refused, fieldsOfInput("healthInterval"))).toEqual({
      name: refused.name,
      algorithm: refused.algorithm,
      "members.1.weight": refused["members.1.weight"],
    });
    expect(Object.keys(withoutFields(refused, fieldsOfInput("name")))).toEqual(["healthCheck.intervalSeconds", "algorithm", "members.1.weight"]);
  });
  it("drops the reasons of fields an input decides: a new kind's algorithm, a new data centre's members", () => {
    expect(Object.keys(withoutFields(refused, fieldsOfInput("kind")))).not.toContain("algorithm");
    expect(Object.keys(withoutFields(refused, fieldsOfInput("dataCentre")))).not.toContain("members.1.weight");
  });
  it("maps every input of the form to a field the API knows", () => {
    for (const input of Object.keys(fresh)) {
      const [own] = fieldsOfInput(input);
      const top = own!.split(".")[0]!;
      expect(Object.keys(LoadBalancerCreate.in.shape), input).toContain(top);
    }
  });
});
