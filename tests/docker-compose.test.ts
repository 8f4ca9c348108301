// docker-compose.yml keeps its promises (issue 11, finding 3): no session-signing secret anyone can read,
// and CAPSTAN_HOME (the generated AUTH_SECRET and CAPSTAN_SECRET_KEY) on a named volume that outlives
// the container, so sealed kubeconfigs and passwords stay readable after a recreate.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { authSecretProblem } from "../packages/domain/src/auth-secret";

interface Service {
  environment?: Record<string, string>;
  volumes?: string[];
}
const compose = parse(fs.readFileSync(path.resolve(import.meta.dirname, "../docker-compose.yml"), "utf8")) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const portal = compose.services.portal!;
const env = portal.environment ?? {};

/** What Compose makes of `${VAR:-default}` / `${VAR:?message}` when VAR is unset: the default, or a refusal. */
function unsetValue(value: string): string | "refused" {
  return value.replace(/\$\{(\w+)(?::?([-?])([^}]*))?\}/g, (_, _name: string, op?: string, rest?: string) => {
    if (op === "?") throw new Error("refused");
    return op === "-" ? (rest ?? "") : "";
  });
}

describe("docker-compose.yml", () => {
  it("ships no AUTH_SECRET: unset, it is refused or left empty for start.ts to generate into CAPSTAN_HOME", () => {
    const value = env.AUTH_SECRET;
    if (value === undefined) return;
    expect(value).toMatch(/\$\{AUTH_SECRET[:}]/);
    let unset: string;
    try {
      unset = unsetValue(value);
    } catch {
      return; // ${AUTH_SECRET:?…}: compose refuses to start without one
    }
    // An empty value makes start.ts generate and persist one; anything else would be a shared secret.
    expect(unset).toBe("");
    expect(authSecretProblem(unset)).not.toBeNull();
  });

  it("keeps CAPSTAN_HOME on a named volume, so generated secrets and the sealing key survive recreation", () => {
    const home = env.CAPSTAN_HOME;
    expect(home, "CAPSTAN_HOME must be set to a path inside a volume").toMatch(/^\//);
    const mount = (portal.volumes ?? []).map((v) => v.split(":")).find(([, target]) => target && (home === target || home!.startsWith(`${target}/`)));
    expect(mount, `no volume mounted at ${home}`).toBeDefined();
    const [source] = mount!;
    expect(source, "a named volume, not a path in the container").not.toMatch(/^[./~]/);
    expect(Object.keys(compose.volumes ?? {})).toContain(source);
  });

  it("puts no fixed CAPSTAN_SECRET_KEY in the file", () => {
    const value = env.CAPSTAN_SECRET_KEY;
    if (value !== undefined) expect(unsetValue(value)).toBe("");
  });
});
