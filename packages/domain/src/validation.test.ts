import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { ApplicationCreate, ApplicationUpdate, GroupCreate, GroupUpdate, LoadBalancerCreate, SystemCreate } from "./schemas";
import { parseInput } from "./validation";

function reject(input: unknown): DomainError {
  try {
    parseInput(SystemCreate, input);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected the input to be rejected");
}

describe("parseInput", () => {
  it("names each bad field with its reason", () => {
    const e = reject({ name: "Bad_Name", displayName: "", department: "retail", colour: "red" });
    expect(e.status).toBe(422);
    expect(e.fields).toMatchObject({
      name: expect.stringContaining("DNS-1123"),
      displayName: "is required",
      colour: "is not a known field",
    });
  });
  it("reports missing and mistyped fields", () => {
    const e = reject({ name: 5 });
    expect(e.fields).toMatchObject({ name: "must be a string", displayName: "is required", department: "is required" });
  });
  it("applies defaults on success", () => {
    expect(parseInput(SystemCreate, { name: "shop", displayName: "Shop", department: "retail" })).toEqual({
      name: "shop",
      displayName: "Shop",
      description: "",
      department: "retail",
      isolation: "ISOLATED",
    });
  });
  it("leaves fields out of a group update untouched, but fills a new group's defaults", () => {
    expect(parseInput(GroupUpdate, { imageTag: "1.1.0", version: 3 })).toEqual({ imageTag: "1.1.0", version: 3 });
    expect(parseInput(GroupCreate, { name: "web", dataCentre: "dc1", imageTag: "1", replicas: 1, cpu: "1", memory: "1Gi" })).toMatchObject({
      gpu: 0,
      resourceLabels: [],
      env: [],
      healthCheck: null,
    });
    expect(() =>
      parseInput(GroupUpdate, {
        env: [
          { name: "A", value: "1" },
          { name: "A", value: "2" },
        ],
        version: 1,
      }),
    ).toThrow(DomainError);
  });
});

describe("parseInput's field reasons", () => {
  it("name each field's zod issue code and its params beside the schema's own English", () => {
    const e = reject({ name: 5, displayName: "", department: "retail", colour: "red" });
    expect(e.fieldReasons).toEqual({
      name: { reason: "invalid_type", params: { expected: "string" } },
      displayName: { reason: "too_small", params: expect.objectContaining({ origin: "string", minimum: 1 }) },
      colour: { reason: "unknown_field", params: {} },
    });
    expect(e.fields.name).toBe("must be a string");
    expect(reject({ name: "shop", displayName: "Shop" }).fieldReasons).toEqual({ department: { reason: "required", params: {} } });
    // A refinement names its reason in its params.
    expect(reject({ name: "Bad_Name", displayName: "D", department: "retail" }).fieldReasons.name).toEqual({ reason: "not_dns_label", params: {} });
    expect(reject({ name: "kube-x", displayName: "D", department: "retail" }).fieldReasons.name).toEqual({
      reason: "name_reserved",
      params: { name: "kube-x" },
    });
  });
  it("never put the input among the params", () => {
    const e = reject({ name: "x".repeat(300), displayName: "D", department: "retail" });
    expect(JSON.stringify(e.fieldReasons)).not.toContain("xxxx");
  });
  it("name text no field accepts with its own reason", () => {
    const e = reject({ name: "shop", displayName: "a\u0000b", department: "retail", ["k\u0007"]: 1 });
    expect(e.fieldReasons).toEqual({
      displayName: { reason: "control_character", params: { character: "U+0000", position: 2 } },
      body: { reason: "key_control_character", params: { character: "U+0007", position: 2 } },
    });
    expect(e.fields.displayName).toBe("must not contain control characters (U+0000 at position 2)");
  });
});

describe("parseInput's field reasons for refinements", () => {
  it("name the refinement's own reason and params, so no request field is left as a bare custom issue", () => {
    const e = (() => {
      try {
        parseInput(GroupCreate, { name: "web", dataCentre: "dc1", imageTag: "1.0", cpu: "100", memory: "1Mi", env: [] });
      } catch (error) {
        return error as DomainError;
      }
      throw new Error("expected the input to be rejected");
    })();
    expect(e.fieldReasons.cpu).toEqual({ reason: "quantity_out_of_range", params: { minimum: "10m", maximum: "64" } });
    expect(e.fields.cpu).toBe("must be a CPU quantity between 10m and 64, such as 500m or 2");
    expect(e.fieldReasons.memory).toEqual({ reason: "quantity_out_of_range", params: { minimum: "16Mi", maximum: "512Gi" } });
  });
});

describe("parseInput's wording where a schema words nothing", () => {
  // A body field with an enum of its own, and a body of the wrong shape: zod's own text ('Invalid option:
  // expected one of "haproxy"|"nginx"', 'Invalid input: expected object, received array') never reaches a client.
  const refusal = (schema: Parameters<typeof parseInput>[0], input: unknown) => {
    try {
      parseInput(schema, input);
    } catch (e) {
      if (e instanceof DomainError) return e;
    }
    throw new Error("expected the input to be rejected");
  };
  it("words a value outside an enum by the catalogue, with the options as params", () => {
    const e = refusal(LoadBalancerCreate, { name: "front", dataCentre: "dc1", kind: "traefik" });
    expect(e.fields.kind).toBe("must be one of haproxy, nginx");
    expect(e.fieldReasons.kind).toEqual({ reason: "invalid_value", params: { values: "haproxy, nginx" } });
    expect(e.message).toBe("Invalid request: kind must be one of haproxy, nginx");
  });
  it("words a body of the wrong type by the catalogue", () => {
    const e = refusal(SystemCreate, []);
    expect(e.fields.body).toBe("must be object");
    expect(e.fieldReasons.body).toMatchObject({ reason: "invalid_type", params: { expected: "object" } });
    expect(e.message).not.toMatch(/Invalid input|received/);
  });
  it("keeps a schema's own wording", () => {
    const e = refusal(LoadBalancerCreate, { name: "front", dataCentre: "dc1", protocol: "GRPC" });
    expect(e.fields.protocol).toBe("must be HTTP or TCP (GRPC is not balanced)");
  });
});

describe("an application's build source (issue 15)", () => {
  const refusal = (input: unknown, schema: typeof ApplicationCreate | typeof ApplicationUpdate = ApplicationCreate) => {
    try {
      parseInput(schema, input);
    } catch (e) {
      if (e instanceof DomainError) return e;
    }
    throw new Error("expected the input to be rejected");
  };
  it("refuses a branch git would not take, naming the field", () => {
    for (const gitBranch of ["--upload-pack=touch x", "a..b", "has space", "-x", "main.lock", ""]) {
      const e = refusal({ name: "web", displayName: "Web", gitBranch });
      expect(e.status, gitBranch).toBe(422);
      expect(e.fieldReasons.gitBranch, gitBranch).toMatchObject({ reason: "not_a_git_branch" });
    }
    expect(refusal({ gitBranch: "--upload-pack=x", version: 1 }, ApplicationUpdate).fieldReasons.gitBranch).toMatchObject({ reason: "not_a_git_branch" });
  });
  it("refuses a Dockerfile path that leaves the repository", () => {
    for (const dockerfilePath of ["../Dockerfile", "/etc/passwd", "build/../../x", "a\\..\\b", "build/", "x\ny", ""]) {
      const e = refusal({ name: "web", displayName: "Web", dockerfilePath });
      expect(e.fieldReasons.dockerfilePath, dockerfilePath).toMatchObject({ reason: "not_repository_path" });
    }
    const ok = parseInput(ApplicationCreate, { name: "web", displayName: "Web", dockerfilePath: "./build/Dockerfile.prod", gitBranch: "release/1.2" });
    expect([ok.dockerfilePath, ok.gitBranch]).toEqual(["./build/Dockerfile.prod", "release/1.2"]);
  });
  it("takes a repository URL of a git transport only", () => {
    for (const gitRepository of ["ext::sh -c touch% /tmp/x", "javascript:alert(1)", "fd::3", "ftp://example.com/r.git"]) {
      const e = refusal({ name: "web", displayName: "Web", gitRepository });
      expect(e.fields.gitRepository, gitRepository).toBeDefined();
    }
    for (const gitRepository of ["https://git.example.com/shop/web.git", "ssh://git@git.example.com/shop/web.git", "file:///srv/git/web"])
      expect(parseInput(ApplicationCreate, { name: "web", displayName: "Web", gitRepository }).gitRepository).toBe(gitRepository);
  });
});
