// Simulators on one machine never share a loopback range: each holds its ranges until it releases them.
import { expect, it } from "vitest";
import { FIRST_OCTET, leaseLoopback } from "./loopback.js";

it("two leases get disjoint ranges; a released range can be taken again", async () => {
  const a = await leaseLoopback(2);
  const b = await leaseLoopback(2);
  try {
    expect(a.octets).toHaveLength(2);
    expect(b.octets).toHaveLength(2);
    expect(a.octets.filter((o) => b.octets.includes(o))).toEqual([]);
    for (const o of [...a.octets, ...b.octets]) expect(o).toBeGreaterThanOrEqual(FIRST_OCTET);
  } finally {
    await b.release();
  }
  const c = await leaseLoopback(2);
  try {
    expect(c.octets.filter((o) => a.octets.includes(o))).toEqual([]);
    expect(c.octets.some((o) => b.octets.includes(o))).toBe(true); // lowest free first: b's are free again
  } finally {
    await Promise.all([a.release(), c.release()]);
  }
});
