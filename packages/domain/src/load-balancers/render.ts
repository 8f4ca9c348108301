// The data plane's configuration rendered from a balancer's settings (docs/load-balancers.md): haproxy.cfg
// or a whole nginx.conf, with a hash that the running program reports back (CONFIG_HASH_ENV, nginx's status
// server), so the worker can tell which configuration each LB pod runs.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { DNS_LABEL } from "../names";
import { DATA_PLANE_CONFIG_FILE, type DataPlaneSpec, LOAD_BALANCER_ALGORITHMS, MAX_WEIGHT } from "./data-plane";
import { haproxyHashedLine, renderHaproxy } from "./haproxy";
import { renderNginx } from "./nginx";
import { HASH_PLACEHOLDER } from "./render-shared";

/**
 * Health-check paths the renderers take: an absolute path (and query) of URI characters without quotes,
 * backslashes, '#', '$', spaces or control characters, which a configuration file would read as syntax.
 * At most 1024 characters. Request schemas should refuse others with a 422.
 */
export const HEALTH_CHECK_PATH = /^\/[A-Za-z0-9\-._~/%!&*+,;=:@?]{0,1023}$/;
/**
 * Sticky cookie names the renderers take: a letter, then letters, digits and '_' (at most 64): a valid
 * RFC 6265 cookie name that is also an nginx variable suffix (`$cookie_<name>`). Request schemas should
 * refuse others with a 422.
 */
export const STICKY_COOKIE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Pod names: DNS-1123 subdomains (apimachinery IsDNS1123Subdomain), safe as haproxy server names and in comments. */
const POD_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$/;

/** Hex characters of sha256 kept in a configuration's hash (64 bits: enough to tell configurations apart). */
const HASH_LENGTH = 16;

/**
 * Renders a balancer's data plane: the file name in DATA_PLANE_CONFIG_DIR[kind] (haproxy.cfg or nginx.conf),
 * its text, and its hash: the first 16 hex characters of the sha256 of the text without the line carrying the
 * hash. nginx's hash covers the rest of the text (every change reloads nginx); haproxy's leaves out what the
 * runtime API sets with no reload, servers' weights and states, and `hard-stop-after` (haproxyHashedLine), so a
 * haproxy pod whose running hash differs needs a reload and otherwise only runtime API calls. The same spec
 * always renders the same text. Throws a RangeError when the spec breaks a rule the
 * request schemas enforce (an algorithm of the other kind, a port, weight or timeout out of range, an unsafe
 * name, path or cookie): those are refused with a 422 before anything is stored, so here it is a bug.
 */
export function renderDataPlane(spec: DataPlaneSpec): { file: string; text: string; hash: string } {
  checkSpec(spec);
  const lines = spec.kind === "haproxy" ? renderHaproxy(spec) : renderNginx(spec);
  const hashLine = lines.findIndex((l) => l.includes(HASH_PLACEHOLDER));
  const counted = lines.filter((_, i) => i !== hashLine).map((l) => (spec.kind === "haproxy" ? haproxyHashedLine(l) : l));
  const hashed = counted.filter((l) => l !== null).join("\n") + "\n";
  const hash = bytesToHex(sha256(utf8ToBytes(hashed))).slice(0, HASH_LENGTH);
  return { file: DATA_PLANE_CONFIG_FILE[spec.kind], text: lines.join("\n").replace(HASH_PLACEHOLDER, hash) + "\n", hash };
}

const whole = (n: number, min: number, max = Number.MAX_SAFE_INTEGER) => Number.isInteger(n) && n >= min && n <= max;

function checkSpec(spec: DataPlaneSpec): void {
  const problem = (what: string) => {
    throw new RangeError(`load balancer ${spec.name}: ${what}`);
  };
  if (!DNS_LABEL.test(spec.name) || spec.name.length > 63) problem("name must be a DNS-1123 label");
  if (!(LOAD_BALANCER_ALGORITHMS[spec.kind] as readonly string[]).includes(spec.algorithm)) problem(`${spec.kind} has no algorithm ${spec.algorithm}`);
  if (!whole(spec.port, 1, 65535)) problem("port must be 1–65535");
  const { healthCheck: hc, timeouts: t } = spec;
  if (hc.path !== undefined && !HEALTH_CHECK_PATH.test(hc.path)) problem("health check path must be an absolute path without quotes, spaces or '#'");
  if (!whole(hc.intervalSeconds, 1) || !whole(hc.rise, 1) || !whole(hc.fall, 1)) problem("health check interval, rise and fall must be whole numbers ≥ 1");
  if (!whole(t.connectSeconds, 1) || !whole(t.clientSeconds, 1) || !whole(t.serverSeconds, 1)) problem("timeouts must be whole seconds ≥ 1");
  if (spec.stickyCookie !== null && !STICKY_COOKIE_NAME.test(spec.stickyCookie)) problem("sticky cookie name must be a letter then letters, digits or '_'");
  if (spec.maxConnPerBackend !== null && !whole(spec.maxConnPerBackend, 1)) problem("per-backend connection limit must be ≥ 1");
  if (!whole(spec.drainSeconds, 0)) problem("drain seconds must be a whole number ≥ 0");
  const pods = new Set<string>();
  for (const b of spec.backends) {
    if (!POD_NAME.test(b.pod) || b.pod.length > 253) problem(`backend ${JSON.stringify(b.pod)} is not a pod name`);
    if (pods.has(b.pod)) problem(`backend ${b.pod} is listed twice`);
    pods.add(b.pod);
    if (!IPV4.test(b.address) && !IPV6.test(b.address)) problem(`backend ${b.pod} has no IP address`);
    if (!whole(b.port, 1, 65535)) problem(`backend ${b.pod}: port must be 1–65535`);
    if (!whole(b.weight, 0, MAX_WEIGHT)) problem(`backend ${b.pod}: weight must be 0–${MAX_WEIGHT}`);
    if (!["IN", "DRAINING", "OUT"].includes(b.state)) problem(`backend ${b.pod}: unknown state ${b.state}`);
  }
}
