import { describe, expect, it } from "vitest";
import { builtinDnsServer, desiredNames, dnsName, inZone, isDnsName, ownerOf, ownershipTxt } from "./dns";

describe("isDnsName", () => {
  it.each(["dc1.capstan.internal", "a", "1shop.example", "x".repeat(63) + ".io", ["a".repeat(61), "b".repeat(61), "c".repeat(61), "d".repeat(61)].join(".")])(
    "accepts %s",
    (name) => expect(isDnsName(name)).toBe(true),
  );
  it.each([
    "",
    "Dc1.capstan.internal",
    "dc1.capstan.internal.",
    ".dc1",
    "a..b",
    "-a.b",
    "a-.b",
    "a_b.c",
    "x".repeat(64) + ".io",
    `${"a".repeat(63)}.`.repeat(4) + "ab",
  ])("refuses %j", (name) => expect(isDnsName(name)).toBe(false));
  it("names its reason in the schema", () => {
    const r = dnsName.safeParse("Bad_Zone");
    expect(r.error?.issues[0]).toMatchObject({ params: { reason: "not_dns_name" } });
  });
});

describe("inZone", () => {
  it("is true strictly beneath the zone, in any case", () => {
    expect(inZone("front.shop.dc1.capstan.internal", "dc1.capstan.internal")).toBe(true);
    expect(inZone("Front.DC1.capstan.internal", "dc1.capstan.internal")).toBe(true);
  });
  it("is false for the apex, a sibling sharing a suffix, and other zones", () => {
    expect(inZone("dc1.capstan.internal", "dc1.capstan.internal")).toBe(false);
    expect(inZone("xdc1.capstan.internal", "dc1.capstan.internal")).toBe(false);
    expect(inZone("front.dc2.capstan.internal", "dc1.capstan.internal")).toBe(false);
  });
});

describe("ownership TXT", () => {
  it("reads back the owner it writes, quoted or not, and nothing else", () => {
    const id = "6f1c0a52-8a9e-4f3e-9a57-0c2f3b1d9e11";
    expect(ownershipTxt(id)).toBe(`heritage=capstan,capstan/owner=${id}`);
    expect(ownerOf(ownershipTxt(id))).toBe(id);
    expect(ownerOf(`"${ownershipTxt(id)}"`)).toBe(id);
    expect(ownerOf(`heritage=external-dns,external-dns/owner=${id}`)).toBeNull();
    expect(ownerOf("v=spf1 -all")).toBeNull();
  });
});

describe("desiredNames", () => {
  const base = { names: ["b.dc1.x", "A.dc1.x", "b.dc1.x"], readyPodIps: ["127.0.1.12", "127.0.1.3", "127.0.1.12", "fe80::1"], serviceAddresses: ["10.0.0.9"] };
  it("gives each name (lower case, once) every ready pod's IPv4 address, sorted numerically, with the default TTL", () => {
    expect(desiredNames({ ...base, target: "POD_IPS" })).toEqual([
      { name: "a.dc1.x", a: ["127.0.1.3", "127.0.1.12"], ttl: 30 },
      { name: "b.dc1.x", a: ["127.0.1.3", "127.0.1.12"], ttl: 30 },
    ]);
  });
  it("points at the Service's address when the data centre says so", () => {
    expect(desiredNames({ ...base, target: "SERVICE_ADDRESS", ttl: 5 }).map((d) => [d.a, d.ttl])).toEqual([
      [["10.0.0.9"], 5],
      [["10.0.0.9"], 5],
    ]);
  });
  it("keeps a name with no address (no LB pod ready) so its ownership stays", () => {
    expect(desiredNames({ ...base, readyPodIps: [], target: "POD_IPS" })[0]).toEqual({ name: "a.dc1.x", a: [], ttl: 30 });
  });
});

describe("builtinDnsServer", () => {
  it("reads where the server listens, or where it is advertised", () => {
    expect(builtinDnsServer({ CAPSTAN_DNS_LISTEN: "127.0.0.1:5353" })).toEqual({ address: "127.0.0.1", port: 5353 });
    expect(builtinDnsServer({ CAPSTAN_DNS_LISTEN: "0.0.0.0:53", CAPSTAN_DNS_ADVERTISE: "[fd00::53]:53" })).toEqual({ address: "fd00::53", port: 53 });
  });
  it.each([undefined, "", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", "a:b:53"])("is null for %j", (v) => {
    expect(builtinDnsServer({ CAPSTAN_DNS_LISTEN: v })).toBeNull();
  });
});
