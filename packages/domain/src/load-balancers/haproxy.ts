// haproxy.cfg for a balancer (HAProxy 2.6 configuration manual). Run in master-worker mode (`haproxy -W -S
// ipv4@${POD_IP}:9998 -f haproxy.cfg`, no `daemon`), so a structural change is a hitless reload through the
// master CLI, and weights and states change through the runtime API with no reload at all.
import { type BackendStateName, CONFIG_HASH_ENV, type DataPlaneSpec, HAPROXY_RUNTIME_PORT } from "./data-plane";
import { HASH_PLACEHOLDER, reloadGraceSeconds } from "./render-shared";

/** The backend section holding a balancer's servers (one per pod, named by the pod), as the runtime API names it. */
export const haproxyBackendName = (spec: Pick<DataPlaneSpec, "name">) => `be-${spec.name}`;
const frontendName = (spec: Pick<DataPlaneSpec, "name">) => `fe-${spec.name}`;

/**
 * The haproxy server state for a backend's state, as the runtime API's `set server … state` takes it and the
 * configuration renders it. DRAINING is `drain` (weight 0: no new connections, those in flight finish), except
 * with a sticky cookie, where haproxy's drain still sends requests carrying the server's cookie (HAProxy 2.6
 * manual, "set server … state drain"): then it is `maint`, which lets in-flight work finish too. OUT is `maint`.
 */
export function haproxyServerState(state: BackendStateName, stickyCookie: string | null): "ready" | "drain" | "maint" {
  if (state === "IN") return "ready";
  return state === "DRAINING" && stickyCookie === null ? "drain" : "maint";
}

/**
 * A line of haproxy.cfg as it counts for the configuration's hash, or null when it does not count: what the
 * runtime API changes with no reload (a server's weight and maintenance state) and the grace after a reload
 * (`hard-stop-after`, which follows the drains asked) are left out. So the hash changes only with the structure,
 * and a pod running another hash needs a reload, while weights and states are set through the runtime API.
 */
export function haproxyHashedLine(line: string): string | null {
  if (line.startsWith("  hard-stop-after ")) return null;
  if (line.startsWith("  server ")) return line.replace(/ weight \d+/, "").replace(/ disabled$/, "");
  return line;
}

/** IPv6 addresses with the `ipv6@` prefix, as haproxy reads the last colon as the port's. */
const serverAddress = (address: string, port: number) => (address.includes(":") ? `ipv6@${address}:${port}` : `${address}:${port}`);

/** The lines of haproxy.cfg; the hash line holds HASH_PLACEHOLDER. Called by renderDataPlane, which checks the spec. */
export function renderHaproxy(spec: DataPlaneSpec): string[] {
  const http = spec.protocol === "HTTP";
  const { healthCheck: hc, timeouts: t } = spec;
  const lines = [
    `# Capstan load balancer ${spec.name} (haproxy, ${spec.protocol}): rendered from Capstan's database, do not edit (docs/load-balancers.md).`,
    "global",
    // The runtime API on the pod IP (HAPROXY_RUNTIME_PORT), which the Deployment gives as POD_IP from the
    // downward API; haproxy expands environment variables inside double quotes.
    `  stats socket ipv4@"\${POD_IP}":${HAPROXY_RUNTIME_PORT} level admin`,
    "  stats timeout 30s",
    // After a reload, old workers finish what is in flight for this long, then stop.
    `  hard-stop-after ${reloadGraceSeconds(spec)}s`,
    `  setenv ${CONFIG_HASH_ENV} ${HASH_PLACEHOLDER}`,
    "",
    "defaults",
    `  mode ${http ? "http" : "tcp"}`,
    `  timeout connect ${t.connectSeconds}s`,
    `  timeout client ${t.clientSeconds}s`,
    `  timeout server ${t.serverSeconds}s`,
    ...(http && spec.forwardedFor ? ["  option forwardfor"] : []),
    "",
    `frontend ${frontendName(spec)}`,
    `  bind "\${POD_IP}:${spec.port}"`,
    `  default_backend ${haproxyBackendName(spec)}`,
    "",
    `backend ${haproxyBackendName(spec)}`,
    `  balance ${spec.algorithm}`,
    ...(http && hc.path ? [`  option httpchk GET ${hc.path}`] : []),
    `  default-server check inter ${hc.intervalSeconds}s rise ${hc.rise} fall ${hc.fall}${spec.maxConnPerBackend ? ` maxconn ${spec.maxConnPerBackend}` : ""}`,
    ...(http && spec.stickyCookie ? [`  cookie ${spec.stickyCookie} insert indirect nocache httponly`] : []),
  ];
  for (const b of spec.backends) {
    const state = haproxyServerState(b.state, spec.stickyCookie);
    const weight = state === "drain" ? 0 : b.weight;
    const cookie = http && spec.stickyCookie ? ` cookie ${b.pod}` : "";
    // A drained server has weight 0 (there is no drain keyword in the configuration): putting it back through
    // the runtime API takes `set weight` as well as `set server … state ready`.
    lines.push(`  server ${b.pod} ${serverAddress(b.address, b.port)} weight ${weight}${cookie}${state === "maint" ? " disabled" : ""}`);
  }
  return lines;
}
