// Address ranges of the loopback pod network (docs/simulator.md). Every simulator on this machine (tests
// run several at once, engineers run their own) takes its own 127.<octet>.0.0/16 per cluster, so two
// simulators never hand out the same pod IP. The kernel is the lock table: a simulator holds a listening
// socket on 127.<octet>.255.254:65535 for each range it uses, which the kernel frees when the process ends
// however it ends.
import net from "node:net";

/** The lock's address in a range: outside every node's /24 (nodes take 127.<octet>.0–254.0/24). */
const lockAddress = (octet: number) => `127.${octet}.255.254`;
/** Above Linux's ephemeral port range (32768–60999), so no client socket ever holds it. */
const LOCK_PORT = 65535;

/**
 * The lowest second octet used: above the low ranges people pick by hand for a test's own servers
 * (127.0.0.1, which every server on the machine binds, 127.1.x, 127.16.x …), which hold no lock.
 */
export const FIRST_OCTET = 32;
const LAST_OCTET = 254;

/** Ranges taken by a simulator: `octets[i]` is cluster i's second octet; `release()` frees them. */
export interface LoopbackLease {
  octets: number[];
  release(): Promise<void>;
}

function lock(octet: number): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(undefined));
    s.listen(LOCK_PORT, lockAddress(octet), () => resolve(s));
  });
}

/**
 * Takes `count` free ranges, the lowest first (so a lone simulator's first cluster is 127.32.0.0/16).
 * Throws when fewer than `count` are free.
 */
export async function leaseLoopback(count: number): Promise<LoopbackLease> {
  const held: net.Server[] = [];
  const octets: number[] = [];
  for (let o = FIRST_OCTET; o <= LAST_OCTET && octets.length < count; o++) {
    const s = await lock(o);
    if (!s) continue;
    held.push(s);
    octets.push(o);
  }
  const release = () => Promise.all(held.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => {});
  if (octets.length < count) {
    await release();
    throw new Error(`the loopback pod network has ${octets.length} free ranges of 127.x.0.0/16 on this machine, ${count} are needed`);
  }
  return { octets, release };
}
