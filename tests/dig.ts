// Asks a DNS server with the real `dig` (Debian's dnsutils), for tests of Capstan's DNS (the built-in
// server and PowerDNS): the answer's status, header flags and records.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

/** What `dig` printed: the rcode (NOERROR, NXDOMAIN, REFUSED …), the header flags (qr, aa, …) and each answer's data. */
export interface DigAnswer {
  status: string;
  flags: string[];
  /** The data of each answer record, e.g. "127.0.1.3" or "\"heritage=capstan,…\"". */
  answers: string[];
  /** The type of each authority record (SOA for NXDOMAIN and NODATA). */
  authority: string[];
}

/** Runs `dig @server -p port name type` (UDP unless `tcp`), one try of 2 s. */
export async function dig(server: string, port: number, name: string, type = "A", opts: { tcp?: boolean } = {}): Promise<DigAnswer> {
  const args = [`@${server}`, "-p", String(port), name, type, "+norecurse", "+time=2", "+tries=1", "+noall", "+comments", "+answer", "+authority"];
  if (opts.tcp) args.push("+tcp");
  const { stdout } = await promisify(execFile)("dig", args);
  const status = /status: (\w+)/.exec(stdout)?.[1] ?? "NONE";
  const flags = (/flags: ([\w ]+);/.exec(stdout)?.[1] ?? "").trim().split(/\s+/);
  const records = (section: string) => {
    const start = stdout.indexOf(`;; ${section} SECTION:`);
    if (start < 0) return [];
    const lines = stdout.slice(start).split("\n").slice(1);
    const end = lines.findIndex((l) => !l.trim()); // a section ends at a blank line
    return (end < 0 ? lines : lines.slice(0, end)).filter((l) => !l.startsWith(";")).map((l) => l.split(/\s+/));
  };
  // A record line: name ttl class type data…
  return {
    status,
    flags,
    answers: records("ANSWER")
      .filter((f) => f[3] === type)
      .map((f) => f.slice(4).join(" ")),
    authority: records("AUTHORITY").map((f) => f[3]!),
  };
}
