// A whole nginx.conf for a balancer (nginx 1.22: ngx_http_upstream_module, ngx_stream_upstream_module,
// ngx_http_stub_status_module). Open-source nginx has no runtime API and no drain: every change is rendered
// and the pod reloads (`nginx -s reload`); a pod taken out is `down`, and old workers finish in-flight
// requests for up to worker_shutdown_timeout (docs/load-balancers.md).
import { type Backend, type DataPlaneSpec, NGINX_STATUS_PORT } from "./data-plane";
import { HASH_PLACEHOLDER, reloadGraceSeconds } from "./render-shared";

const UPSTREAM = "capstan_backends";
/** An upstream of one pod, for sticky sessions (nginx's `sticky` is nginx Plus only). */
const podUpstream = (i: number) => `capstan_pod_${i}`;
const endpoint = (b: Backend) => (b.address.includes(":") ? `[${b.address}]:${b.port}` : `${b.address}:${b.port}`);
/** A pod that takes no new work: taken out, draining, or weight 0 (nginx's weights start at 1). */
const isDown = (b: Backend) => b.state !== "IN" || b.weight === 0;

/**
 * The `server` line of a pod in an upstream. Health checks are passive (active checks are nginx Plus only): after
 * `fall` failed attempts within `interval × rise` seconds, the pod gets no requests for that long.
 */
function serverLine(spec: DataPlaneSpec, b: Backend): string {
  const hc = spec.healthCheck;
  const limits = `max_fails=${hc.fall} fail_timeout=${hc.intervalSeconds * hc.rise}s${spec.maxConnPerBackend ? ` max_conns=${spec.maxConnPerBackend}` : ""}`;
  return `    server ${endpoint(b)} ${isDown(b) ? "down" : `weight=${b.weight} ${limits}`}; # ${b.pod} (${b.group})`;
}

/** The upstream's method: round_robin is nginx's default; a TCP balancer hashes the client address for ip_hash. */
function method(spec: DataPlaneSpec): string[] {
  if (spec.algorithm === "least_conn") return ["    least_conn;"];
  if (spec.algorithm === "ip_hash") return [spec.protocol === "HTTP" ? "    ip_hash;" : "    hash $remote_addr consistent;"];
  return [];
}

/** The lines of nginx.conf; the hash line holds HASH_PLACEHOLDER. Called by renderDataPlane, which checks the spec. */
export function renderNginx(spec: DataPlaneSpec): string[] {
  const http = spec.protocol === "HTTP";
  const t = spec.timeouts;
  const backends = spec.backends.length > 0;
  const upstream = backends ? [`  upstream ${UPSTREAM} {`, ...method(spec), ...spec.backends.map((b) => serverLine(spec, b)), "  }"] : [];
  // Sticky sessions by cookie: the answer sets the cookie to the pod that served it ($upstream_addr), and a
  // request carrying it goes to that pod's own upstream while the pod is in; otherwise to the balanced upstream.
  const sticky = http && backends && spec.stickyCookie !== null;
  const stickyPods = sticky ? spec.backends.map((b, i) => [b, i] as const).filter(([b]) => !isDown(b)) : [];
  const lines = [
    `# Capstan load balancer ${spec.name} (nginx, ${spec.protocol}): rendered from Capstan's database, do not edit (docs/load-balancers.md).`,
    // Run as `nginx -c <dir>/nginx.conf`; pid, user and error_log come from the command line.
    "worker_processes auto;",
    // Old workers finish in-flight work after a reload (nginx's only way to drain), then stop.
    `worker_shutdown_timeout ${reloadGraceSeconds(spec)}s;`,
    "events {",
    "  worker_connections 1024;",
    "}",
    "http {",
    "  access_log off;",
    ...(http ? upstream : []),
    ...stickyPods.flatMap(([b, i]) => [`  upstream ${podUpstream(i)} {`, serverLine(spec, b), "  }"]),
    ...(sticky
      ? [
          `  map $cookie_${spec.stickyCookie} $capstan_upstream {`,
          `    default ${UPSTREAM};`,
          ...stickyPods.map(([b, i]) => `    "${endpoint(b)}" ${podUpstream(i)};`),
          "  }",
        ]
      : []),
    ...(http
      ? [
          "  server {",
          `    listen ${spec.port};`,
          `    client_header_timeout ${t.clientSeconds}s;`,
          `    client_body_timeout ${t.clientSeconds}s;`,
          `    send_timeout ${t.clientSeconds}s;`,
          `    keepalive_timeout ${t.clientSeconds}s;`,
          "    location / {",
          ...(backends
            ? [
                `      proxy_pass http://${sticky ? "$capstan_upstream" : UPSTREAM};`,
                "      proxy_set_header Host $host;",
                ...(spec.forwardedFor ? ["      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"] : []),
                `      proxy_connect_timeout ${t.connectSeconds}s;`,
                `      proxy_send_timeout ${t.serverSeconds}s;`,
                `      proxy_read_timeout ${t.serverSeconds}s;`,
                ...(sticky ? [`      add_header Set-Cookie "${spec.stickyCookie}=$upstream_addr; Path=/; HttpOnly" always;`] : []),
              ]
            : ["      return 503;"]),
          "    }",
          "  }",
        ]
      : []),
    // The status server: the configuration's hash (which configuration this pod runs) and stub_status.
    "  server {",
    `    listen ${NGINX_STATUS_PORT};`,
    "    location = /capstan/config-hash {",
    "      default_type text/plain;",
    `      return 200 "${HASH_PLACEHOLDER}";`,
    "    }",
    "    location = /stub_status {",
    "      stub_status;",
    "    }",
    "    location / {",
    "      return 404;",
    "    }",
    "  }",
    "}",
    ...(http
      ? []
      : [
          "stream {",
          ...upstream,
          "  server {",
          `    listen ${spec.port};`,
          ...(backends
            ? [
                `    proxy_pass ${UPSTREAM};`,
                `    proxy_connect_timeout ${t.connectSeconds}s;`,
                `    proxy_timeout ${Math.max(t.clientSeconds, t.serverSeconds)}s;`,
              ]
            : ['    return "";']),
          "  }",
          "}",
        ]),
  ];
  return lines;
}

/**
 * The configuration with every `listen <port>` bound to `address` (`listen <address>:<port>`): what a pod's own
 * network namespace does in a cluster, done by the simulated kubelet, whose LB pods share the machine's loopback.
 */
export const nginxBindTo = (text: string, address: string) =>
  text.replace(/^(\s*listen )(\d+);$/gm, (_, head: string, port: string) => `${head}${address.includes(":") ? `[${address}]` : address}:${port};`);
