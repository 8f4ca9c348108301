// The PowerDNS provider against a real pdns_server (Debian's pdns-server with the sqlite3 backend) on a
// loopback address and ephemeral ports: names resolve as applied, a name Capstan does not own (or another
// balancer owns) is left alone, and the API key is never in an error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dig } from "../../../../tests/dig";
import { type RunningPowerDns, startPowerDns } from "../../../../tests/pdns";
import { policyFromEnv } from "../outbound";
import { PowerDns } from "./powerdns";
import { DnsOwnershipError } from "./provider";

const HOST = `127.53.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
const KEY = "pdns-test-key-not-for-logs";
const ZONE = "dc1.capstan.internal";
const LB = "6f1c0a52-8a9e-4f3e-9a57-0c2f3b1d9e11";
const OTHER_LB = "0b8e7f0e-2f7c-4a55-9d0e-6b1a1c7d2e33";
const policy = policyFromEnv({ CAPSTAN_OUTBOUND_ALLOW: "127.0.0.0/8" });

let pdns: RunningPowerDns | undefined;
let dnsPort: number;
let api: string;
const operator = (method: string, p: string, body?: unknown) => pdns!.operator(method, p, body);

beforeAll(async () => {
  pdns = await startPowerDns(HOST, KEY);
  ({ api, dnsPort } = pdns);
  const zone = await operator("POST", "/zones", { name: `${ZONE}.`, kind: "Native", nameservers: [`ns1.${ZONE}.`] });
  expect(zone.status).toBe(201);
  // Someone else's record in the same zone, made without Capstan.
  const legacy = await operator("PATCH", `/zones/${ZONE}.`, {
    rrsets: [{ name: `legacy.${ZONE}.`, type: "A", ttl: 60, changetype: "REPLACE", records: [{ content: "10.1.1.1", disabled: false }] }],
  });
  expect(legacy.status).toBe(204);
});

afterAll(() => pdns?.stop());

describe("PowerDNS provider", () => {
  const client = () => new PowerDns(api, KEY, { policy, timeoutMs: 5000 });

  it("applies a name's A rrset beside the ownership TXT, and replaces it as pods change", async () => {
    await client().apply(ZONE, `front.${ZONE}`, { a: ["127.0.1.3", "127.0.1.12"], ttl: 30 }, LB);
    const a = await dig(HOST, dnsPort, `front.${ZONE}`);
    expect(a.status).toBe("NOERROR");
    expect(a.flags).toContain("aa");
    expect(a.answers.sort()).toEqual(["127.0.1.12", "127.0.1.3"]);
    expect((await dig(HOST, dnsPort, `front.${ZONE}`, "TXT")).answers).toEqual([`"heritage=capstan,capstan/owner=${LB}"`]);

    await client().apply(ZONE, `front.${ZONE}`, { a: ["127.0.1.4"], ttl: 30 }, LB);
    expect((await dig(HOST, dnsPort, `front.${ZONE}`)).answers).toEqual(["127.0.1.4"]);
    // No ready pod: no A rrset (NODATA), the name stays claimed.
    await client().apply(ZONE, `front.${ZONE}`, { a: [], ttl: 30 }, LB);
    const none = await dig(HOST, dnsPort, `front.${ZONE}`);
    expect([none.status, none.answers]).toEqual(["NOERROR", []]);
    expect((await dig(HOST, dnsPort, `front.${ZONE}`, "TXT")).answers).toHaveLength(1);
  });

  it("leaves a record Capstan does not own alone: apply fails with an ownership error, remove does nothing", async () => {
    const err = await client()
      .apply(ZONE, `legacy.${ZONE}`, { a: ["127.0.1.9"], ttl: 30 }, LB)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DnsOwnershipError);
    expect((err as DnsOwnershipError).heldBy).toBeNull();
    await client().remove(ZONE, `legacy.${ZONE}`, LB);
    expect((await dig(HOST, dnsPort, `legacy.${ZONE}`)).answers).toEqual(["10.1.1.1"]);
  });

  it("does not let another balancer take or remove a name", async () => {
    await client().apply(ZONE, `shared.${ZONE}`, { a: ["127.0.1.5"], ttl: 30 }, LB);
    await expect(client().apply(ZONE, `shared.${ZONE}`, { a: ["127.0.1.6"], ttl: 30 }, OTHER_LB)).rejects.toMatchObject({ heldBy: LB });
    await client().remove(ZONE, `shared.${ZONE}`, OTHER_LB);
    expect((await dig(HOST, dnsPort, `shared.${ZONE}`)).answers).toEqual(["127.0.1.5"]);
    expect((await client().owned(ZONE, LB)).sort()).toEqual([`front.${ZONE}`, `shared.${ZONE}`]);
    expect(await client().owned(ZONE, OTHER_LB)).toEqual([]);
    await client().remove(ZONE, `shared.${ZONE}`, LB);
    const gone = await dig(HOST, dnsPort, `shared.${ZONE}`);
    expect(gone.status).toBe("NXDOMAIN");
  });

  it("fails clearly for a wrong key or a zone PowerDNS does not have, without the key in the message", async () => {
    const wrong = await new PowerDns(api, "wrong-key", { policy }).apply(ZONE, `x.${ZONE}`, { a: [], ttl: 30 }, LB).catch((e: Error) => e);
    expect((wrong as Error).message).toMatch(/answered 401 .*API key was refused/);
    expect((wrong as Error).message).not.toContain("wrong-key");
    await expect(client().apply("dc9.capstan.internal", "x.dc9.capstan.internal", { a: [], ttl: 30 }, LB)).rejects.toThrow(/answered (404|422)/);
  });

  it("obeys the outbound policy: a loopback PowerDNS is refused unless allow-listed", async () => {
    await expect(new PowerDns(api, KEY, { policy: policyFromEnv({}) }).apply(ZONE, `x.${ZONE}`, { a: [], ttl: 30 }, LB)).rejects.toThrow(
      /loopback address, which the outbound policy does not allow/,
    );
  });
});
